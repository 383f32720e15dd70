import { recordStatuses, signupStatuses } from '@linli/contract/volunteers';
import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { actorOf } from '../volunteers/test-factories';
import { DEMO_COMMUNITY } from './seed';
import { seedDemoVolunteers } from './volunteers';

const ctx = await createTestContext();

describe('demo volunteers', () => {
  it('teams in 广州 and 成都, projects in every status, sign-ups and records in every state, the demo volunteer with a star', async () => {
    await makeCommunity(
      ctx,
      { community: DEMO_COMMUNITY, township: '440104003000', county: '440104000000' },
      { name: '龙藏社区邻里文体队', areaCode: DEMO_COMMUNITY },
    );
    await makeCommunity(ctx, undefined, { name: '流水井长者互助会' });
    await makeCommunity(
      ctx,
      { community: '510104017001', township: '510104017000', county: '510104000000' },
      { name: '锦江邻里志愿服务队', areaCode: '510104017001' },
    );
    const admin = await makeUser(ctx, { grant: { role: 'sysadmin', areaCode: '000000000000', areaLevel: 'country' } });
    const account = await makeUser(ctx, {
      grant: { role: 'volunteer', areaCode: DEMO_COMMUNITY, areaLevel: 'community' },
      areaCode: DEMO_COMMUNITY,
    });
    const created = await seedDemoVolunteers(ctx, await actorOf(ctx, admin.id), {
      community: DEMO_COMMUNITY,
      volunteerUserId: account.id,
    });
    expect(created).toBe(76);
    const byStatus = async (table: string) =>
      Object.fromEntries(
        (await ctx.db.query(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`)).rows.map((r) => [
          r.status,
          r.n,
        ]),
      );
    const records = await byStatus('service_records');
    for (const s of recordStatuses) {
      expect(records[s], s).toBeGreaterThan(0);
    }
    const signups = await byStatus('volunteer_signups');
    for (const s of signupStatuses) {
      expect(signups[s], s).toBeGreaterThan(0);
    }
    // every organization's stories played to the end: four projects each
    expect(await byStatus('volunteer_projects')).toEqual({ draft: 3, published: 6, closed: 3 });
    const cities = await ctx.db.query('SELECT DISTINCT substr(area_code, 1, 4) AS c FROM volunteers ORDER BY 1');
    expect(cities.rows.map((r) => r.c)).toEqual(['4401', '5101']);
    const corrections = await byStatus('service_record_corrections');
    expect(corrections).toMatchObject({ applied: expect.any(Number), pending: 1 });

    // the demo volunteer signs in: a star, a year of records, a correction waiting, a place on a shift
    const me = await new Client(ctx.app).signInReady(account.mobile, account.password);
    const profile = (await me.get('/api/volunteers/me')).json();
    expect(profile.star.level).toBe(1);
    expect(profile.confirmedHours).toBeGreaterThanOrEqual(100);
    const mine = (await me.get('/api/volunteers/me/records')).json();
    expect(mine.items.some((r: { hasOpenRequest: boolean }) => r.hasOpenRequest)).toBe(true);
    expect((await me.get('/api/volunteers/me/signups')).json().items).toHaveLength(1);
    // overdue records show up in the township's list
    const township = await makeUser(ctx, {
      grant: { role: 'township', areaCode: '440104003000', areaLevel: 'township' },
    });
    const officer = await new Client(ctx.app).signInReady(township.mobile, township.password);
    expect((await officer.get('/api/service-records?overdue=true')).json().items.length).toBeGreaterThan(0);

    // a second run adds nothing
    expect(
      await seedDemoVolunteers(ctx, await actorOf(ctx, admin.id), {
        community: DEMO_COMMUNITY,
        volunteerUserId: account.id,
      }),
    ).toBe(0);
  }, 120_000);
});
