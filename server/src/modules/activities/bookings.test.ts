import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { activityBody, daysFromNow, makeCommunity, plan, venueBody } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);
const venue = (await beijing.committee.client.post('/api/venues', venueBody())).json();
const hall = venue.rooms.find((r: { name: string }) => r.name === '多功能厅').id as string;

const request = (client = beijing.orgAdmin.client, orgId = beijing.orgId, startsAt = daysFromNow(14), hours = 2) =>
  client.post(`/api/venue-rooms/${hall}/bookings`, {
    orgId,
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + hours * 3_600_000).toISOString(),
    purpose: '周末合唱排练',
  });

const confirmedIn = async (roomId: string) =>
  (
    await ctx.db.query("SELECT count(*)::int AS n FROM venue_bookings WHERE room_id = $1 AND status = 'confirmed'", [
      roomId,
    ])
  ).rows[0].n as number;

describe('room bookings', () => {
  it('50 simultaneous requests and confirmations of one slot: exactly one is confirmed, 49 get a clean 409', async () => {
    const slot = daysFromNow(21);
    const requests = await Promise.all(
      Array.from({ length: 50 }, () => request(beijing.orgAdmin.client, beijing.orgId, slot)),
    );
    expect(requests.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const ids = requests.map((r) => r.json().id as string);

    const auditBefore = (await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const decisions = await Promise.all(
      ids.map((id) => beijing.committee.client.post(`/api/bookings/${id}/decision`, { decision: 'confirm' })),
    );
    const confirmed = decisions.filter((d) => d.statusCode === 200);
    const refused = decisions.filter((d) => d.statusCode === 409);
    expect(confirmed).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.json()).toEqual({ code: 'BOOKING_SLOT_TAKEN', message: '该时段已被其他预约占用' });
    }
    expect(decisions.every((d) => d.statusCode === 200 || d.statusCode === 409)).toBe(true);
    expect(await confirmedIn(hall)).toBe(1);
    // the refused confirmations changed nothing: still requested, one audit row in all
    const statuses = await ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM venue_bookings WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status',
      [ids],
    );
    expect(statuses.rows).toEqual([
      { status: 'confirmed', n: 1 },
      { status: 'requested', n: 49 },
    ]);
    expect((await ctx.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(auditBefore + 1);
  });

  it('an overlapping slot is refused, an adjacent one ([start, end) ranges) is fine', async () => {
    const start = daysFromNow(40);
    const first = (await request(beijing.orgAdmin.client, beijing.orgId, start, 2)).json().id;
    expect(
      (await beijing.committee.client.post(`/api/bookings/${first}/decision`, { decision: 'confirm' })).statusCode,
    ).toBe(200);
    const overlapping = (await request(beijing.orgAdmin.client, beijing.orgId, daysFromNow(40, 1), 2)).json().id;
    const adjacent = (await request(beijing.orgAdmin.client, beijing.orgId, daysFromNow(40, 2), 2)).json().id;
    expect(
      (await beijing.committee.client.post(`/api/bookings/${overlapping}/decision`, { decision: 'confirm' })).json()
        .code,
    ).toBe('BOOKING_SLOT_TAKEN');
    expect(
      (await beijing.committee.client.post(`/api/bookings/${adjacent}/decision`, { decision: 'confirm' })).statusCode,
    ).toBe(200);
    // once the first is cancelled by its organization, the overlapping request can be confirmed
    const cancelled = await beijing.orgAdmin.client.post(`/api/bookings/${first}/cancellation`);
    expect(cancelled.json().status).toBe('cancelled');
    const retry = await beijing.committee.client.post(`/api/bookings/${overlapping}/decision`, { decision: 'confirm' });
    expect(retry.json()).toMatchObject({ code: 'BOOKING_SLOT_TAKEN' }); // still overlaps the adjacent one
  });

  it('a decline needs a reason; a decided booking cannot be decided again', async () => {
    const id = (await request()).json().id;
    const bare = await beijing.committee.client.post(`/api/bookings/${id}/decision`, { decision: 'decline' });
    expect(bare.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'reason' }] });
    const declined = await beijing.committee.client.post(`/api/bookings/${id}/decision`, {
      decision: 'decline',
      reason: '当天场地维修',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: '当天场地维修' });
    expect(
      (await beijing.committee.client.post(`/api/bookings/${id}/decision`, { decision: 'confirm' })).json().code,
    ).toBe('BOOKING_ALREADY_DECIDED');
  });

  it('only the venue’s officers decide; a booking is for one’s own organization; no past slots', async () => {
    const id = (await request()).json().id;
    expect(
      (await liurong.township.client.post(`/api/bookings/${id}/decision`, { decision: 'confirm' })).statusCode,
    ).toBe(404);
    expect(
      (await liurong.committee.client.get('/api/bookings')).json().items.map((b: { id: string }) => b.id),
    ).not.toContain(id);
    expect(
      (await beijing.orgAdmin.client.post(`/api/bookings/${id}/decision`, { decision: 'confirm' })).statusCode,
    ).toBe(403);
    const queue = (await beijing.township.client.get('/api/bookings?status=requested')).json().items;
    expect(queue.find((b: { id: string }) => b.id === id)).toMatchObject({ abilities: { decide: true } });
    expect((await request(beijing.orgAdmin.client, liurong.orgId)).statusCode).toBe(404);
    const past = await request(beijing.orgAdmin.client, beijing.orgId, daysFromNow(-1));
    expect(past.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'startsAt' }] });
  });

  it('cancelling an activity releases its bookings', async () => {
    const activityId = await plan(
      beijing.orgAdmin.client,
      activityBody(beijing.orgId, { venueRoomId: hall, address: '' }),
    );
    const start = daysFromNow(50);
    const booking = await beijing.orgAdmin.client.post(`/api/venue-rooms/${hall}/bookings`, {
      orgId: beijing.orgId,
      activityId,
      startsAt: start,
      endsAt: daysFromNow(50, 3),
    });
    await beijing.committee.client.post(`/api/bookings/${booking.json().id}/decision`, { decision: 'confirm' });
    await beijing.orgAdmin.client.post(`/api/activities/${activityId}/cancellation`, { reason: '台风预警，活动取消' });
    expect(
      (await beijing.orgAdmin.client.get('/api/bookings'))
        .json()
        .items.find((b: { id: string }) => b.id === booking.json().id),
    ).toMatchObject({
      status: 'cancelled',
    });
  });

  it('the public venue list shows open venues and rooms without the manager', async () => {
    const res = await ctx.app.inject({ url: '/api/public/venues?areaCode=440104003000' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((v: { id: string }) => v.id)).toContain(venue.id);
    expect(res.body).not.toMatch(/黄站长|1[3-9]\d{9}|\*\*\*\*/);
  });
});
