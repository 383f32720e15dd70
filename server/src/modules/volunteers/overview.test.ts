import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { makeVolunteer } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);

/** Confirmed hours written straight onto the volunteer (what confirmed records add up to). */
const setMinutes = (id: string, minutes: number) =>
  ctx.db.query('UPDATE volunteers SET confirmed_minutes = $2 WHERE id = $1', [id, minutes]);

describe('the volunteers overview (console card)', () => {
  it('counts the readable volunteers, their confirmed hours and the stars held under each home area’s rule', async () => {
    const none = await makeVolunteer(ctx);
    const one = await makeVolunteer(ctx);
    const five = await makeVolunteer(ctx);
    const other = await makeVolunteer(ctx, {}, '440104004102');
    await setMinutes(none.volunteerId, 59);
    await setMinutes(one.volunteerId, 150 * 60); // default thresholds 100/300/600/1000/1500 h
    await setMinutes(five.volunteerId, 1600 * 60);
    await setMinutes(other.volunteerId, 10 * 60);
    // 六榕街道 asks 1..5 hours with approval: ten hours reach five stars, four are held until approved
    const set = await beijing.civilAffairs.client.request('PUT', '/api/volunteer-star-settings/440104004000', {
      thresholdsHours: [1, 2, 3, 4, 5],
      fiveStarNeedsApproval: true,
    });
    expect(set.statusCode, set.body).toBe(200);

    const township = await beijing.township.client.get('/api/volunteers/overview');
    expect(township.statusCode, township.body).toBe(200);
    expect(township.json()).toEqual({
      volunteers: 3,
      confirmedMinutes: 59 + 9000 + 96000,
      confirmedHours: 1751,
      byStar: [1, 1, 0, 0, 0, 1],
      fiveStarPending: 0,
    });

    const county = await beijing.civilAffairs.client.get('/api/volunteers/overview');
    expect(county.json()).toMatchObject({ volunteers: 4, byStar: [1, 1, 0, 0, 1, 1] });

    // the other township sees its own only; an organization its team (nobody joined yet)
    expect((await liurong.township.client.get('/api/volunteers/overview')).json()).toMatchObject({
      volunteers: 1,
      byStar: [0, 0, 0, 0, 1, 0],
    });
    expect((await beijing.orgAdmin.client.get('/api/volunteers/overview')).json()).toMatchObject({ volunteers: 0 });
    await one.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    expect((await beijing.orgAdmin.client.get('/api/volunteers/overview')).json()).toMatchObject({
      volunteers: 1,
      byStar: [0, 1, 0, 0, 0, 0],
    });

    // a volunteer may not read it
    expect((await none.client.get('/api/volunteers/overview')).statusCode).toBe(403);
  });
});
