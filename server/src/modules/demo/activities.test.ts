import { activityStatuses } from '@linli/contract/activities';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { seedDemo, seedDemoRegistry } from './seed';

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
    // a second run adds nothing
    await seedDemoRegistry(ctx);
    const again = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
    expect(again.rows[0]!.n).toBe(total);
  }, 240_000);
});
