import { activityStatuses } from '@linli/contract/activities';
import { needStatuses } from '@linli/contract/needs';
import { describe, expect, it } from 'vitest';
import { Client, createTestContext } from '../../../test/harness';
import { DEMO_PASSWORD, demoAccounts, seedDemo, seedDemoRegistry } from './seed';

const ctx = await createTestContext();

describe('demo activities', () => {
  it('venues in 广州 and 成都, activities in every status, a festival waiting for the committee', async () => {
    await seedDemo(ctx);
    await seedDemoRegistry(ctx);
    const statuses = await ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM activities GROUP BY status',
    );
    const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
    for (const status of activityStatuses) {
      expect(byStatus[status], status).toBeGreaterThan(0);
    }
    const total = statuses.rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(30);
    const major = await ctx.db.query(
      "SELECT 1 FROM activities WHERE status = 'awaitingAcknowledgement' AND kind IN ('festival', 'performance', 'competition')",
    );
    expect(major.rowCount).toBeGreaterThan(0);
    const venues = await ctx.db.query<{ city: string; n: number }>(
      'SELECT substr(area_code, 1, 4) AS city, count(*)::int AS n FROM practice_venues GROUP BY 1 ORDER BY 1',
    );
    expect(venues.rows.map((r) => r.city)).toEqual(['4401', '5101']);
    const completed = await ctx.db.query(
      "SELECT 1 FROM activities WHERE status = 'completed' AND summary IS NOT NULL AND starts_at < now()",
    );
    expect(completed.rowCount).toBeGreaterThan(0);
    // the demo committee finds a festival waiting in its queue; the demo organization's administrator plans
    const signIn = (title: string) => {
      const account = demoAccounts.find((a) => a.title.startsWith(title))!;
      return new Client(ctx.app).signInReady(account.mobile, DEMO_PASSWORD);
    };
    const committee = await signIn('越秀区北京街道龙藏社区');
    const queue = (await committee.get('/api/activities/queue')).json().items;
    expect(
      queue.some((a: { kind: string; awaiting: string }) => a.kind === 'festival' && a.awaiting === 'report'),
    ).toBe(true);
    const orgAdmin = await signIn('龙藏社区邻里文体队');
    const own = (await orgAdmin.get('/api/activities?limit=50')).json().items;
    expect(own.length).toBe(4);
    expect((await orgAdmin.get('/api/venues')).json().items.length).toBeGreaterThan(0);
    // a second run adds nothing
    await seedDemoRegistry(ctx);
    const again = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
    expect(again.rows[0]!.n).toBe(total);
  }, 240_000);
});

describe('demo needs', () => {
  it('a few dozen needs in 广州 and 成都 in every state, with ratings on the serving organizations', async () => {
    await seedDemo(ctx);
    await seedDemoRegistry(ctx); // a no-op when the first test has seeded
    const statuses = await ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM needs GROUP BY status',
    );
    const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
    for (const status of needStatuses) {
      expect(byStatus[status], status).toBeGreaterThan(0);
    }
    const total = statuses.rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(30);
    const cities = await ctx.db.query('SELECT DISTINCT substr(area_code, 1, 4) AS city FROM needs ORDER BY 1');
    expect(cities.rows.map((r) => r.city)).toEqual(['4401', '5101']);
    const levels = await ctx.db.query('SELECT DISTINCT dispatch_level FROM needs ORDER BY 1');
    expect(levels.rows.map((r) => r.dispatch_level)).toEqual(['center', 'institute', 'station']);
    const ratings = await ctx.db.query<{ n: number; orgs: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT org_id)::int AS orgs FROM need_ratings',
    );
    expect(ratings.rows[0]!.n).toBeGreaterThanOrEqual(5);
    expect(ratings.rows[0]!.orgs).toBeGreaterThan(1);
    const linked = await ctx.db.query(
      "SELECT 1 FROM needs WHERE fulfilment_kind = 'activity' AND activity_id IS NOT NULL",
    );
    expect(linked.rowCount).toBeGreaterThan(0);
    await seedDemoRegistry(ctx);
    expect((await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM needs')).rows[0]!.n).toBe(total);
  }, 240_000);
});
