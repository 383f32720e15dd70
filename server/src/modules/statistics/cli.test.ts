import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';

const ctx = await createTestContext();
const root = path.resolve(import.meta.dirname, '../../../..');

function linli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'server/bin/linli.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: ctx.databaseUrl, LINLI_MASTER_KEY: ctx.masterKey },
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('linli stats', () => {
  it('verify names a rollup that drifted (exit 1), rebuild repairs it, verify then passes', async () => {
    await ctx.db.query(
      `INSERT INTO organizations (name, name_key, tier, category, area_code, founded_on, member_count, status)
       SELECT '命令行' || i, '命令行' || i, 'guided', 'charity', '440104003104', date '2021-01-01', 5, 'active'
         FROM generate_series(1, 3) i`,
    );
    expect(linli('stats', 'verify')).toMatchObject({ status: 0 });

    // a load with the triggers off leaves the rollups behind, as the national bench does
    await ctx.db.query('ALTER TABLE organizations DISABLE TRIGGER stat_orgs_insert');
    await ctx.db.query(
      `INSERT INTO organizations (name, name_key, tier, category, area_code, founded_on, member_count, status)
       VALUES ('绕过触发器', '绕过触发器', 'filed', 'charity', '440104003104', date '2021-01-01', 5, 'active')`,
    );
    await ctx.db.query('ALTER TABLE organizations ENABLE TRIGGER stat_orgs_insert');
    const drifted = linli('stats', 'verify');
    expect(drifted.status).toBe(1);
    expect(drifted.out).toContain('stat_orgs 440104003104');
    expect(drifted.out).toContain('stat_orgs_county 440104');

    const rebuilt = linli('stats', 'rebuild');
    expect(rebuilt.status, rebuilt.out).toBe(0);
    const verified = linli('stats', 'verify');
    expect(verified.status, verified.out).toBe(0);
    expect(verified.out).toContain('统计一致');
    const { rows } = await ctx.db.query('SELECT established, tier_filed FROM stat_orgs WHERE area_code = $1', [
      '440104003104',
    ]);
    expect(rows[0]).toEqual({ established: 4, tier_filed: 1 });
  }, 60_000);
});
