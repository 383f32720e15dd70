/**
 * National-scale statistics benchmark (issue 6 item 5): the dashboard for the whole country, a
 * province, two counties and a township, against a plain GROUP BY over the base tables, on a
 * national data set (national-data.ts: at BENCH_SCALE=1, 2,000,000 organizations, 5,000,000
 * activities, 1,000,000 volunteers, 20,000,000 service records).
 *
 *   npm run bench:national --workspace bench     (or `npx tsx national.bench.ts` in bench/)
 *
 * 1. start an embedded PostgreSQL on BENCH_DATA_DIR (kept between runs), migrate, and generate the
 *    data set unless the directory already holds one of the same scale and seed (the full set takes
 *    a long time on a small machine); `statistics_rebuild()` after a migration adds rollups
 * 2. pick the areas: the country, 广东 (44), the county at the 95th percentile of organizations and
 *    the largest, the township at the 95th percentile; an officer for each (civilAffairs down to
 *    the county, township for the township)
 * 3. per area: `GET /api/statistics/dashboard?areaCode=…` as that officer, sequential requests
 *    after warm-up (skipped, saying so, while the route does not exist), then the same figures by a
 *    plain GROUP BY over the base tables, timed in the same run; the ratio of the two; and whether
 *    the dashboard's numbers equal the GROUP BY's (exactness is a requirement: every mismatch is
 *    printed)
 * 4. bench/results/national.md (or national-<scale>.md below scale 1)
 *
 * Everything it starts stops in `finally` (the server child also exits on its own after 30 min,
 * or when this process goes away); the database directory stays for the next run.
 *
 * Environment (all optional):
 *   BENCH_SCALE=1               1 = the issue's sizes (develop with 0.01)
 *   BENCH_DATA_DIR=$TMPDIR/linli-bench-national-<scale>   reused when it holds the same data set
 *   BENCH_REGENERATE=1          generate even when the data set is there
 *   BENCH_PG_PORT, BENCH_SERVER_PORT   fixed ports (default: free ones)
 *   BENCH_REQUESTS=200 BENCH_WARMUP=20 BENCH_CELL_SECONDS=30      HTTP per area
 *   BENCH_SQL_RUNS=20 BENCH_SQL_CELL_SECONDS=60                   GROUP BY runs per area (at least 3)
 *   BENCH_SEED=20261123
 *   BENCH_NOTE='…'              a line for the report's head (e.g. which build of the dashboard ran)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { activityFields, activityStatuses, presetCampaigns } from '../contract/src/activities';
import { type AreaLevel, prefixLengthByLevel, subtreeRange } from '../contract/src/areas';
import { hubKinds, orgCategories, orgRecordStatuses, orgTiers, partyOrgForms } from '../contract/src/organizations';
import type { Role } from '../contract/src/permissions';
import { createUser } from '../server/src/modules/accounts/index';
import { hashPassword } from '../server/src/modules/accounts/password';
import { importAreas } from '../server/src/modules/areas/import';
import { createPool, type Db } from '../server/src/platform/db';
import { type RunningPostgres, startEmbeddedPostgres } from '../server/src/platform/embedded-db';
import { migrate } from '../server/src/platform/migrate';
import { createPersonalDataCipher, type PersonalDataCipher } from '../server/src/platform/personal-data';
import { loadNational, type NationalLoad, rebuildStatisticsIfAny, tableSizes } from './national-data';

const num = (name: string, fallback: number) => {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw.replaceAll('_', '')) : fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number`);
  }
  return value;
};

const SCALE = num('BENCH_SCALE', 1);
const MIGRATIONS_DIR = path.join(import.meta.dirname, '../server/migrations');
const CONFIG = {
  scale: SCALE,
  seed: num('BENCH_SEED', 20261123),
  dataDir: process.env.BENCH_DATA_DIR?.trim() || path.join(os.tmpdir(), `linli-bench-national-${SCALE}`),
  regenerate: process.env.BENCH_REGENERATE === '1',
  pgPort: num('BENCH_PG_PORT', 0),
  serverPort: num('BENCH_SERVER_PORT', 0),
  requests: num('BENCH_REQUESTS', 200),
  warmup: num('BENCH_WARMUP', 20),
  cellSeconds: num('BENCH_CELL_SECONDS', 30),
  sqlRuns: num('BENCH_SQL_RUNS', 20),
  sqlCellSeconds: num('BENCH_SQL_CELL_SECONDS', 60),
};
if (CONFIG.scale <= 0) {
  throw new Error('BENCH_SCALE must be above 0');
}

const GOAL_P95_MS = 100;
const DASHBOARD_PATH = '/api/statistics/dashboard';
const RESULTS_DIR = path.join(import.meta.dirname, 'results');
const RESULTS_FILE = CONFIG.scale === 1 ? 'national.md' : `national-${CONFIG.scale}.md`;

// ---------------------------------------------------------------------------------------------
// Small helpers

const benchStarted = performance.now();
const clock = () => {
  const s = Math.floor((performance.now() - benchStarted) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const progress = (message: string) => process.stderr.write(`[bench ${clock()}] ${message}\n`);
const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');
const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0));
const thousands = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

type Stats = { n: number; p50: number; p95: number; p99: number; max: number };

function stats(latencies: ArrayLike<number>): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? Number.NaN };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The app in a child process (registry-server.ts), and a signed-in client

type ServerChild = { base: URL; stop: () => Promise<void> };

async function startServer(dbUrl: string, masterKey: Buffer): Promise<ServerChild> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'registry-server.ts'), 'app'],
    {
      cwd: import.meta.dirname,
      env: {
        ...process.env,
        BENCH_DB_URL: dbUrl,
        BENCH_MASTER_KEY: masterKey.toString('base64'),
        BENCH_SERVER_PORT: String(CONFIG.serverPort),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start within 60 s')), 60_000);
    proc.once('message', (m: { address: string }) => {
      clearTimeout(timer);
      resolve(m.address);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening`));
    });
  });
  return {
    base: new URL(address),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        if (proc.connected) {
          proc.disconnect();
        }
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          proc.kill('SIGKILL');
          await exited;
        }
      }
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

function httpGet(base: URL, pathname: string, cookie: string): Promise<{ status: number; body: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(
      { host: base.hostname, port: base.port, path: pathname, agent, headers: { cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${pathname} timed out`)));
    req.on('error', reject);
  });
}

type Officer = { mobile: string; password: string; cookies: Map<string, string> };
const cookieOf = (o: Officer) => [...o.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function request(base: URL, officer: Officer, method: 'GET' | 'POST', pathname: string, body?: unknown) {
  const headers: Record<string, string> = { cookie: cookieOf(officer) };
  if (method === 'POST') {
    headers['x-csrf-token'] = officer.cookies.get('linli_csrf') ?? '';
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(new URL(pathname, base), {
    method,
    headers,
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    officer.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return { status: res.status, text: await res.text() };
}

async function signIn(base: URL, officer: Officer): Promise<void> {
  await request(base, officer, 'GET', '/api/auth/session'); // 401, but sets the CSRF cookie
  const res = await request(base, officer, 'POST', '/api/auth/sign-in', {
    mobile: officer.mobile,
    password: officer.password,
  });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${officer.mobile} failed: ${res.status} ${res.text}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Areas and their officers

type Target = {
  key: string;
  label: string;
  code: string;
  level: AreaLevel;
  name: string;
  role: Role;
  officer: Officer;
  /** organizations / activities / volunteers / service records in the subtree */
  rows: Record<string, number>;
};

const LEVEL_NUMBER: Record<AreaLevel, number> = {
  country: 0,
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  community: 5,
};
const CHILD_LEVEL: Partial<Record<AreaLevel, AreaLevel>> = {
  country: 'province',
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'community',
};

/** Areas of `level` by organizations in their subtree, ascending (only codes that are areas of that level). */
async function areasByOrganizations(db: Db, level: 'county' | 'township'): Promise<[string, number][]> {
  const length = prefixLengthByLevel[level];
  const { rows } = await db.query<{ code: string; n: number }>(
    `SELECT a.code, o.n FROM (SELECT rpad(left(area_code, $1), 12, '0') AS code, count(*)::int AS n
                                FROM organizations GROUP BY 1) o
       JOIN areas a ON a.code = o.code AND a.level = $2
      ORDER BY o.n, a.code`,
    [length, LEVEL_NUMBER[level]],
  );
  return rows.map((r) => [r.code, r.n]);
}

async function pickTargets(db: Db): Promise<Omit<Target, 'officer' | 'rows'>[]> {
  const counties = await areasByOrganizations(db, 'county');
  const townships = await areasByOrganizations(db, 'township');
  const p95 = <T>(items: T[]) => items[Math.min(items.length - 1, Math.floor(items.length * 0.95))]!;
  const picks: Omit<Target, 'officer' | 'rows' | 'name'>[] = [
    { key: 'country', label: 'the whole country', code: '000000000000', level: 'country', role: 'civilAffairs' },
    {
      key: 'province',
      label: 'a large province (广东)',
      code: '440000000000',
      level: 'province',
      role: 'civilAffairs',
    },
    {
      key: 'county',
      label: 'county at the 95th percentile of organizations',
      code: p95(counties)[0],
      level: 'county',
      role: 'civilAffairs',
    },
    {
      key: 'bigCounty',
      label: 'the largest county',
      code: counties.at(-1)![0],
      level: 'county',
      role: 'civilAffairs',
    },
    {
      key: 'township',
      label: 'township at the 95th percentile of organizations',
      code: p95(townships)[0],
      level: 'township',
      role: 'township',
    },
  ];
  const out: Omit<Target, 'officer' | 'rows'>[] = [];
  for (const p of picks) {
    const { rows } = await db.query<{ full_name: string }>('SELECT full_name FROM areas WHERE code = $1', [p.code]);
    out.push({ ...p, name: rows[0]?.full_name ?? p.code });
  }
  return out;
}

/** The officer of an area: created once per data set; the password is reset so every run can sign in. */
async function ensureOfficer(db: Db, cipher: PersonalDataCipher, t: Omit<Target, 'officer' | 'rows'>, n: number) {
  const officer: Officer = {
    mobile: `1390000${String(100 + n).padStart(4, '0')}`,
    password: 'Bench#Pass2026',
    cookies: new Map(),
  };
  const hash = cipher.lookupHash(officer.mobile);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE mobile_hash = $1', [hash]);
  if (rows.length === 0) {
    await createUser({ db, cipher }, null, {
      name: `${t.key}官员`,
      mobile: officer.mobile,
      areaCode: t.code,
      initialPassword: officer.password,
      grant: { role: t.role, areaCode: t.code, areaLevel: t.level },
    });
  }
  await db.query(
    `UPDATE users SET password_hash = $2, must_change_password = false, failed_sign_ins = 0, locked_until = NULL
      WHERE mobile_hash = $1`,
    [hash, await hashPassword(officer.password)],
  );
  return officer;
}

// ---------------------------------------------------------------------------------------------
// The figures by plain GROUP BY over the base tables

/**
 * The dashboard's figures for an area's subtree, one GROUP BY per base table, per child area
 * (`left(area_code, n)`; rows registered at the area itself fall under its own code) and per
 * status, so any status filter the dashboard applies can be summed from them:
 * organizations by tier / category / hub kind / Party organization form / founding year;
 * activities by field and campaign; volunteers by star level (with their confirmed minutes);
 * service records (count and minutes).
 */
const GROUP_BY_QUERIES = [
  {
    key: 'organizations',
    sql: `SELECT child, status, tier, category, hub_kind, party_org, founded_year, count(*)::bigint AS n,
                 GROUPING(tier, category, hub_kind, party_org, founded_year) AS g
            FROM (SELECT left(area_code, $3) AS child, status, tier, category, hub_kind, party_org,
                         extract(year FROM founded_on)::int AS founded_year
                    FROM organizations WHERE area_code BETWEEN $1 AND $2) o
           GROUP BY GROUPING SETS ((child, status, tier), (child, status, category), (child, status, hub_kind),
                                   (child, status, party_org), (child, status, founded_year))`,
  },
  {
    key: 'activities',
    sql: `SELECT left(area_code, $3) AS child, status, field, campaign, count(*)::bigint AS n
            FROM activities WHERE area_code BETWEEN $1 AND $2 GROUP BY 1, 2, 3, 4`,
  },
  {
    key: 'volunteers',
    sql: `SELECT left(area_code, $3) AS child, status, star_level, count(*)::bigint AS n,
                 sum(confirmed_minutes)::bigint AS minutes
            FROM volunteers WHERE area_code BETWEEN $1 AND $2 GROUP BY 1, 2, 3`,
  },
  {
    key: 'serviceRecords',
    sql: `SELECT left(area_code, $3) AS child, status, count(*)::bigint AS n, coalesce(sum(minutes), 0)::bigint AS minutes
            FROM service_records WHERE area_code BETWEEN $1 AND $2 GROUP BY 1, 2`,
  },
] as const;

/** Canonical figures: `family/child/status/…` → number. */
type Figures = Map<string, number>;

type GroupByRow = Record<string, string | number | null>;

function figuresOf(results: Record<string, GroupByRow[]>): Figures {
  const f: Figures = new Map();
  const add = (key: string, v: number) => f.set(key, (f.get(key) ?? 0) + v);
  const dims = ['tier', 'category', 'hub_kind', 'party_org', 'founded_year'] as const;
  for (const r of results.organizations ?? []) {
    // GROUPING bit 4 is tier … bit 0 the year: the one dimension of this row's set is the 0 bit
    const g = Number(r.g);
    const dim = dims.find((_, i) => (g & (1 << (dims.length - 1 - i))) === 0)!;
    add(`organizations/${r.child}/${r.status}/${dim}/${r[dim]}`, Number(r.n));
  }
  for (const r of results.activities ?? []) {
    add(`activities/${r.child}/${r.status}/${r.field}/${r.campaign ?? 'none'}`, Number(r.n));
  }
  for (const r of results.volunteers ?? []) {
    add(`volunteers/${r.child}/${r.status}/stars/${r.star_level}`, Number(r.n));
    add(`volunteers/${r.child}/${r.status}/confirmedMinutes`, Number(r.minutes));
  }
  for (const r of results.serviceRecords ?? []) {
    add(`serviceRecords/${r.child}/${r.status}/count`, Number(r.n));
    add(`serviceRecords/${r.child}/${r.status}/minutes`, Number(r.minutes));
  }
  return f;
}

/** Sums the canonical figures whose key matches `pattern` (segments: a value, `*`, or `a|b`). */
function sum(figures: Figures, pattern: string): number {
  const want = pattern.split('/').map((s) => (s === '*' ? null : new Set(s.split('|'))));
  let total = 0;
  for (const [key, v] of figures) {
    const parts = key.split('/');
    if (parts.length === want.length && want.every((w, i) => w === null || w.has(parts[i]!))) {
      total += v;
    }
  }
  return total;
}

type SqlCell = { total: Stats; perQuery: Record<string, Stats>; figures: Figures; rows: number };

async function runGroupBy(db: Db, t: Target): Promise<SqlCell> {
  const range = subtreeRange(t.code, t.level);
  const childLength = prefixLengthByLevel[CHILD_LEVEL[t.level] ?? 'community'];
  const params = [range.lo, range.hi, childLength];
  const totals: number[] = [];
  const perQuery: Record<string, number[]> = {};
  let last: Record<string, GroupByRow[]> = {};
  const until = performance.now() + CONFIG.sqlCellSeconds * 1000;
  // one untimed run first (reads the pages into the caches, as the HTTP warm-up does)
  for (let run = -1; run < CONFIG.sqlRuns && (run < 3 || performance.now() < until); run++) {
    const results: Record<string, GroupByRow[]> = {};
    let total = 0;
    for (const q of GROUP_BY_QUERIES) {
      const started = performance.now();
      const { rows } = await db.query<GroupByRow>(q.sql, params);
      const took = performance.now() - started;
      results[q.key] = rows;
      total += took;
      if (run >= 0) {
        perQuery[q.key] = [...(perQuery[q.key] ?? []), took];
      }
    }
    if (run >= 0) {
      totals.push(total);
    }
    last = results;
  }
  return {
    total: stats(totals),
    perQuery: Object.fromEntries(Object.entries(perQuery).map(([k, v]) => [k, stats(v)])),
    figures: figuresOf(last),
    rows: Object.values(last).reduce((s, r) => s + r.length, 0),
  };
}

/** The values each figure segment may take: a figure outside them was decoded under the wrong label. */
const KNOWN_VALUES: Record<string, readonly string[]> = {
  'organizations.status': orgRecordStatuses,
  'organizations.tier': orgTiers,
  'organizations.category': orgCategories,
  'organizations.hub_kind': hubKinds,
  'organizations.party_org': partyOrgForms,
  'activities.status': activityStatuses,
  'activities.field': activityFields,
  'activities.campaign': [...presetCampaigns, 'none'],
};

/**
 * The GROUP BY's figures must add up to the subtree's row counts, and every label must be one its
 * column can hold (catches a wrong GROUPING decode, which would still add up).
 */
function selfCheck(t: Target, f: Figures): string[] {
  const problems: string[] = [];
  const expect = (label: string, got: number, want: number | undefined) => {
    if (got !== want) {
      problems.push(`${label}: ${got} ≠ ${want}`);
    }
  };
  for (const dim of ['tier', 'category', 'hub_kind', 'party_org', 'founded_year']) {
    expect(`organizations by ${dim}`, sum(f, `organizations/*/*/${dim}/*`), t.rows.organizations);
  }
  expect('activities', sum(f, 'activities/*/*/*/*'), t.rows.activities);
  expect('volunteers', sum(f, 'volunteers/*/*/stars/*'), t.rows.volunteers);
  expect('service records', sum(f, 'serviceRecords/*/*/count'), t.rows.service_records);
  const unknown = new Set<string>();
  for (const key of f.keys()) {
    const [family, , status, a, b] = key.split('/');
    const labels: [string, string | undefined][] =
      family === 'organizations'
        ? [
            ['status', status],
            [a!, b],
          ]
        : family === 'activities'
          ? [
              ['status', status],
              ['field', a],
              ['campaign', b],
            ]
          : [];
    for (const [column, value] of labels) {
      const known = column === 'founded_year' ? null : KNOWN_VALUES[`${family}.${column}`];
      const ok = known ? known.includes(value ?? '') : column === 'founded_year' && /^(19|20)\d\d$/.test(value ?? '');
      if (!ok) {
        unknown.add(`${family}.${column} = ${value}`);
      }
    }
  }
  if (unknown.size > 0) {
    problems.push(`unknown labels: ${[...unknown].slice(0, 5).join(', ')}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The dashboard's numbers against the GROUP BY's

/**
 * The dashboard's response flattened to numeric leaves: an array element holding a `key`, `code`,
 * `areaCode` or `year` is keyed by it, so `figures[orgs.tier.guided].children[440100000000].value`
 * names the same number in every response.
 */
function flatten(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') {
    out.set(prefix, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const o = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const id = o.key ?? o.areaCode ?? o.code ?? o.year;
      flatten(item, `${prefix}[${typeof id === 'string' || typeof id === 'number' ? id : i}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  }
  return out;
}

/** Organizations the dashboard counts ("established", contract/src/statistics.ts). */
const ESTABLISHED = 'active|suspended|abnormal';
/** Activities the dashboard counts as held. */
const HELD = 'published|completed';
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The number a leaf of the dashboard (`GET /api/statistics/dashboard`, contract/src/statistics.ts
 * on the stats branch) must show, from the GROUP BY's figures; `child` is `*` for the area's own
 * figure, else the child's code prefix. `undefined`: no GROUP BY here covers that leaf (listed in
 * the report as unchecked, never counted as equal). The figure definitions follow the
 * dashboard's metric registry: organizations counted are the established ones unless the metric
 * names a status, activities the held ones, volunteers all, service the confirmed records.
 */
function expectedLeaf(leaf: string, f: Figures, child: string, year: number): number | null | undefined {
  const c = child;
  const byYear = /^newByYear\[(\d{4})\]\.count$/.exec(leaf);
  if (byYear) {
    return sum(f, `organizations/${c}/${ESTABLISHED}/founded_year/${byYear[1]}`);
  }
  const m = /^figures\[([\w.]+)\]\.(value|numerator|denominator)$/.exec(leaf);
  if (!m) {
    return undefined;
  }
  const [, metric = '', part] = m;
  const [group, dim, value] = metric.split('.');
  const count = (n: number) => (part === 'value' ? n : undefined);
  const orgDims: Record<string, string> = {
    tier: 'tier',
    category: 'category',
    hubKind: 'hub_kind',
    partyOrg: 'party_org',
  };
  if (group === 'orgs' && dim === 'established') {
    return count(sum(f, `organizations/${c}/${ESTABLISHED}/tier/*`));
  }
  if (group === 'orgs' && dim === 'status' && value) {
    return count(sum(f, `organizations/${c}/${value}/tier/*`));
  }
  if (group === 'orgs' && dim && orgDims[dim] && value) {
    return count(sum(f, `organizations/${c}/${ESTABLISHED}/${orgDims[dim]}/${value}`));
  }
  if (metric === 'orgs.newThisYear') {
    return count(sum(f, `organizations/${c}/${ESTABLISHED}/founded_year/${year}`));
  }
  if (metric === 'orgs.partyCoverage') {
    const covered = sum(f, `organizations/${c}/${ESTABLISHED}/party_org/standalone|joint|instructor`);
    const established = sum(f, `organizations/${c}/${ESTABLISHED}/tier/*`);
    return part === 'numerator'
      ? covered
      : part === 'denominator'
        ? established
        : established > 0
          ? round((covered / established) * 100, 1)
          : null;
  }
  if (metric === 'activities.held') {
    return count(sum(f, `activities/${c}/${HELD}/*/*`));
  }
  if (metric === 'activities.completed') {
    return count(sum(f, `activities/${c}/completed/*/*`));
  }
  if (group === 'activities' && dim === 'field' && value) {
    return count(sum(f, `activities/${c}/${HELD}/${value}/*`));
  }
  if (group === 'activities' && dim === 'campaign' && value) {
    return count(sum(f, `activities/${c}/${HELD}/*/${value}`));
  }
  if (metric === 'volunteers.total') {
    return count(sum(f, `volunteers/${c}/*/stars/*`));
  }
  if (group === 'volunteers' && dim === 'star' && value) {
    return count(sum(f, `volunteers/${c}/*/stars/${value}`));
  }
  if (metric === 'service.confirmedRecords') {
    return count(sum(f, `serviceRecords/${c}/confirmed/count`));
  }
  if (metric === 'service.confirmedHours') {
    const minutes = sum(f, `serviceRecords/${c}/confirmed/minutes`);
    return part === 'numerator' ? minutes : part === 'value' ? round(minutes / 60, 1) : undefined;
  }
  return undefined;
}

/** Leaves that are no figure: the response's year. */
const NOT_FIGURES = [/^year$/, /^newByYear\[\d+\]\.year$/];

type Comparison = { checked: number; mismatches: string[]; unchecked: string[] };

function compareWithDashboard(body: unknown, figures: Figures, childLength: number): Comparison {
  const out: Comparison = { checked: 0, mismatches: [], unchecked: [] };
  const year = Number((body as { year?: unknown } | null)?.year ?? new Date().getFullYear());
  const leaves = flatten(body);
  for (const [leaf, actual] of leaves) {
    if (NOT_FIGURES.some((p) => p.test(leaf))) {
      continue;
    }
    // `….children[<code>].…` is the child's figure; everything else the area's own
    const child = /^(.*)\.children\[(\d{12})\](\..+)$/.exec(leaf);
    const path = child ? `${child[1]}${child[3]}` : leaf;
    const childKey = child ? child[2]!.slice(0, childLength) : '*';
    const expected = expectedLeaf(path, figures, childKey, year);
    if (expected === undefined) {
      out.unchecked.push(leaf);
      continue;
    }
    out.checked++;
    if (expected !== actual) {
      out.mismatches.push(`${leaf}: dashboard ${actual}, GROUP BY ${expected}`);
    }
  }
  // a figure shown as null (no denominator) is no leaf: the GROUP BY must find no denominator either
  const shown = (body as { figures?: { key: string; value: number | null }[] } | null)?.figures ?? [];
  for (const figure of shown.filter((x) => x.value === null)) {
    const expected = expectedLeaf(`figures[${figure.key}].value`, figures, '*', year);
    if (expected !== undefined && expected !== null) {
      out.checked++;
      out.mismatches.push(`figures[${figure.key}].value: dashboard null, GROUP BY ${expected}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTTP cell

type HttpCell = { stats: Stats; nonOk: number; capped: boolean; body: unknown; status: number };

async function runDashboard(base: URL, t: Target): Promise<HttpCell> {
  const pathname = `${DASHBOARD_PATH}?areaCode=${t.code}`;
  const cookie = cookieOf(t.officer);
  const warmUntil = performance.now() + Math.min(10, CONFIG.cellSeconds) * 1000;
  let last = await httpGet(base, pathname, cookie);
  for (let i = 1; i < CONFIG.warmup && performance.now() < warmUntil; i++) {
    last = await httpGet(base, pathname, cookie);
  }
  const latencies: number[] = [];
  let nonOk = 0;
  const until = performance.now() + CONFIG.cellSeconds * 1000;
  while (latencies.length < CONFIG.requests && performance.now() < until) {
    last = await httpGet(base, pathname, cookie);
    latencies.push(last.ms);
    if (last.status !== 200) {
      nonOk++;
    }
  }
  let body: unknown = null;
  try {
    body = JSON.parse(last.body.toString());
  } catch {
    body = last.body.toString().slice(0, 200);
  }
  return { stats: stats(latencies), nonOk, capped: latencies.length < CONFIG.requests, body, status: last.status };
}

// ---------------------------------------------------------------------------------------------
// Report

type AreaResult = {
  target: Target;
  http: HttpCell | null;
  sql: SqlCell;
  selfCheck: string[];
  comparison: Comparison | null;
};

type Report = {
  machine: [string, string][];
  load: NationalLoad;
  generated: boolean;
  reuseSteps: [string, number][];
  tableBytes: [string, number, number][];
  dashboardNote: string;
  areas: AreaResult[];
  totalSeconds: number;
};

function renderReport(r: Report): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const l = r.load;
  lines.push(
    '# National statistics benchmark',
    '',
    `Run ${new Date().toISOString()} by \`bench/national.bench.ts\` at BENCH_SCALE=${l.scale} (${(r.totalSeconds / 60).toFixed(1)} min in all${r.generated ? ', generation included' : ', on a data set generated earlier'}).`,
    '',
    ...(process.env.BENCH_NOTE ? [process.env.BENCH_NOTE, ''] : []),
    '## Machine',
    '',
  );
  row(['', 'value']);
  row(['---', '---']);
  for (const [k, v] of r.machine) {
    row([k, v]);
  }
  lines.push(
    '',
    `## Data set (national-data.ts, seed ${l.seed})`,
    '',
    `Generated in **${(l.totalSeconds / 60).toFixed(1)} min**${r.generated ? '' : ' (by an earlier run; its timings)'}; loaded with triggers off (session_replication_role = replica), plain indexes dropped and rebuilt, the exclusion constraint \`service_records_no_overlap\` added back after the load.`,
    '',
  );
  row(['step', 'seconds']);
  row(['---', '---:']);
  for (const [step, seconds] of [...l.steps, ...r.reuseSteps]) {
    row([step, seconds.toFixed(1)]);
  }
  lines.push('');
  row(['table', 'rows', 'heap MiB', 'indexes MiB']);
  row(['---', '---:', '---:', '---:']);
  for (const [table, heap, idx] of r.tableBytes) {
    row([table, thousands(l.counts[table] ?? 0), mib(heap), mib(idx)]);
  }
  lines.push('', '## Areas', '');
  row(['area', 'officer', 'organizations', 'activities', 'volunteers', 'service records']);
  row(['---', '---', '---:', '---:', '---:', '---:']);
  for (const { target: t } of r.areas) {
    row([
      `${t.label}: ${t.name} \`${t.code}\``,
      `${t.role}@${t.level}`,
      thousands(t.rows.organizations ?? 0),
      thousands(t.rows.activities ?? 0),
      thousands(t.rows.volunteers ?? 0),
      thousands(t.rows.service_records ?? 0),
    ]);
  }
  lines.push(
    '',
    `## Dashboard vs plain GROUP BY (ms) — goal p95 ≤ ${GOAL_P95_MS} ms at every level`,
    '',
    `HTTP: \`GET ${DASHBOARD_PATH}?areaCode=…\` as the area's officer, sequential over keep-alive after ${CONFIG.warmup} warm-up requests, up to ${CONFIG.requests} per area (capped at ${CONFIG.cellSeconds} s; † = capped). GROUP BY: the four queries below straight against PostgreSQL in sequence (DB time only, no HTTP), one untimed run then up to ${CONFIG.sqlRuns} timed (capped at ${CONFIG.sqlCellSeconds} s, at least 3). Ratio: GROUP BY p50 / dashboard p50 (how many times faster the dashboard is).`,
    '',
    r.dashboardNote,
    '',
  );
  row([
    'area',
    'dashboard n',
    'p50',
    'p95',
    'p99',
    'goal',
    'GROUP BY n',
    'p50',
    'p95',
    'p99',
    'ratio (p50)',
    'figures equal',
  ]);
  row(['---', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---']);
  for (const a of r.areas) {
    const h = a.http;
    const s = a.sql.total;
    row([
      a.target.key,
      h ? `${h.stats.n}${h.capped ? ' †' : ''}` : '–',
      h ? ms(h.stats.p50) : '–',
      h ? ms(h.stats.p95) : '–',
      h ? ms(h.stats.p99) : '–',
      h ? (h.stats.p95 <= GOAL_P95_MS && h.nonOk === 0 ? 'meets' : '**misses**') : 'not run',
      s.n,
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      h && h.nonOk === 0 ? `${(s.p50 / h.stats.p50).toFixed(1)}×` : '–',
      a.comparison
        ? a.comparison.mismatches.length === 0 && a.comparison.checked > 0
          ? `yes (${a.comparison.checked} numbers; ${a.comparison.unchecked.length} leaves no GROUP BY here covers)`
          : `**no**: ${a.comparison.mismatches.length} mismatches of ${a.comparison.checked} checked, ${a.comparison.unchecked.length} unchecked`
        : '–',
    ]);
  }
  lines.push(
    '',
    '### GROUP BY per base table (p50 / p95 ms)',
    '',
    "Self-check: the figures add up to the subtree's row counts (organizations by each dimension, activities, volunteers, service records).",
    '',
  );
  row(['area', ...GROUP_BY_QUERIES.map((q) => q.key), 'result rows', 'self-check']);
  row(['---', ...GROUP_BY_QUERIES.map(() => '---:'), '---:', '---']);
  for (const a of r.areas) {
    row([
      a.target.key,
      ...GROUP_BY_QUERIES.map((q) => {
        const s = a.sql.perQuery[q.key];
        return s ? `${ms(s.p50)} / ${ms(s.p95)}` : '–';
      }),
      a.sql.rows,
      a.selfCheck.length === 0 ? 'adds up' : `**${a.selfCheck.join('; ')}**`,
    ]);
  }
  lines.push('', "The queries (`$1`–`$2`: the subtree's code range; `$3`: the child level's prefix length):", '');
  for (const q of GROUP_BY_QUERIES) {
    lines.push('```sql', q.sql.replace(/\n {10}/g, '\n'), '```', '');
  }
  const compared = r.areas.filter((a) => a.comparison);
  if (compared.length > 0) {
    lines.push("## Exactness: the dashboard's numbers against the GROUP BY's", '');
    for (const a of compared) {
      const c = a.comparison!;
      lines.push(
        `- **${a.target.key}**: ${c.checked} numbers checked, ${c.mismatches.length} mismatches, ${c.unchecked.length} leaves no rule covers`,
      );
      for (const m of c.mismatches.slice(0, 20)) {
        lines.push(`  - ${m}`);
      }
      if (c.unchecked.length > 0) {
        // by figure: `figures[orgs.perUrbanCommunity].children[…].numerator` → `figures[orgs.perUrbanCommunity]`
        const names = new Set(c.unchecked.map((u) => u.replace(/\.children\[\d+\]/, '').replace(/\.\w+$/, '')));
        lines.push(`  - figures no GROUP BY here covers: ${[...names].map((u) => `\`${u}\``).join(', ')}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

type Marker = { scale: number; seed: number; load: NationalLoad };

async function main() {
  const loadAtStart = loadAverage();
  const watchdog = setTimeout(() => {
    progress('watchdog: 6 hours passed, terminating');
    process.kill(process.pid, 'SIGTERM');
  }, 6 * 3600_000);
  watchdog.unref();
  mkdirSync(CONFIG.dataDir, { recursive: true });
  chmodSync(CONFIG.dataDir, 0o755); // as root PostgreSQL runs as `postgres`, which must traverse the dir
  // the master key lives with the data: the volunteers' personal data is encrypted under it
  const keyFile = path.join(CONFIG.dataDir, 'master-key');
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const masterKey = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  const cipher = createPersonalDataCipher(masterKey, 'sm4');
  const pgLog: string[] = [];
  let pg: RunningPostgres | null = null;
  let db: Db | null = null;
  let server: ServerChild | null = null;
  try {
    progress(`PostgreSQL on ${CONFIG.dataDir}`);
    pg = await startEmbeddedPostgres({
      dir: CONFIG.dataDir,
      port: CONFIG.pgPort || (await freePort()),
      persistent: true,
      log: (line) => pgLog.push(line),
    });
    db = createPool(pg.url);
    const migrated = await migrate(db);
    if (migrated.applied.length > 0) {
      progress(`migrations applied: ${migrated.applied.join(', ')}`);
    }
    if ((await db.query('SELECT 1 FROM areas LIMIT 1')).rowCount === 0) {
      progress('importing the area tree');
      await importAreas(db);
    }
    await db.query(
      'CREATE TABLE IF NOT EXISTS bench_national_dataset (id int PRIMARY KEY CHECK (id = 1), marker jsonb NOT NULL)',
    );
    const { rows: markers } = await db.query<{ marker: Marker }>('SELECT marker FROM bench_national_dataset');
    const existing = markers[0]?.marker;
    let load: NationalLoad;
    let generated = false;
    const reuseSteps: [string, number][] = [];
    if (!CONFIG.regenerate && existing && existing.scale === CONFIG.scale && existing.seed === CONFIG.seed) {
      load = existing.load;
      progress(
        `reusing the data set generated earlier (scale ${CONFIG.scale}, ${(load.totalSeconds / 60).toFixed(1)} min)`,
      );
      // new migrations may bring rollups the data set has never filled — unless one of them fills
      // them itself (0016 ends with `SELECT statistics_rebuild()`)
      const rebuiltByMigration = migrated.applied.some((version) =>
        readdirSync(MIGRATIONS_DIR)
          .filter((file) => file.startsWith(version))
          .some((file) => /SELECT statistics_rebuild\(\)/.test(readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))),
      );
      if (migrated.applied.length > 0 && !rebuiltByMigration) {
        await rebuildStatisticsIfAny(db, reuseSteps, progress);
        if (reuseSteps.length > 0) {
          reuseSteps[0]![0] = `${reuseSteps[0]![0]} (this run, after migrations ${migrated.applied.join(', ')})`;
        }
      }
      if (migrated.applied.length > 0) {
        await db.query('ANALYZE');
      }
    } else {
      await db.query('DELETE FROM bench_national_dataset');
      // fewer checkpoints during the load (this cluster is the bench's own; no restart needed)
      await db.query(`ALTER SYSTEM SET max_wal_size = '4GB'`);
      await db.query('SELECT pg_reload_conf()');
      progress(`generating the data set at scale ${CONFIG.scale}`);
      load = await loadNational(db, { scale: CONFIG.scale, seed: CONFIG.seed, cipher, progress });
      generated = true;
      await db.query('INSERT INTO bench_national_dataset (id, marker) VALUES (1, $1)', [
        JSON.stringify({ scale: CONFIG.scale, seed: CONFIG.seed, load } satisfies Marker),
      ]);
      progress(`data set ready in ${(load.totalSeconds / 60).toFixed(1)} min (load average ${loadAverage()})`);
    }

    // --- areas and officers
    const picked = await pickTargets(db);
    const targets: Target[] = [];
    for (const [i, p] of picked.entries()) {
      const officer = await ensureOfficer(db, cipher, p, i);
      const range = subtreeRange(p.code, p.level);
      const rows: Record<string, number> = {};
      for (const table of ['organizations', 'activities', 'volunteers', 'service_records']) {
        const { rows: c } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE area_code BETWEEN $1 AND $2`,
          [range.lo, range.hi],
        );
        rows[table] = c[0]!.n;
      }
      targets.push({ ...p, officer, rows });
    }
    progress(`areas: ${targets.map((t) => `${t.key} ${t.name} (${t.rows.organizations} organizations)`).join('; ')}`);

    const { rows: version } = await db.query<{ version: string; shared_buffers: string; work_mem: string }>(
      `SELECT version(), current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem`,
    );
    const cpus = os.cpus();
    const machine: [string, string][] = [
      ['CPU', `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'} (shared with other work; see the load average)`],
      ['memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['OS', `${os.type()} ${os.release()} (${os.arch()})`],
      ['Node.js', process.version],
      [
        'PostgreSQL',
        `${version[0]?.version.split(' on ')[0] ?? 'unknown'} (embedded, shared_buffers ${version[0]?.shared_buffers}, work_mem ${version[0]?.work_mem})`,
      ],
    ];

    // --- the dashboard over HTTP, when the route exists
    server = await startServer(pg.url, masterKey);
    const httpCells = new Map<string, HttpCell>();
    let dashboardNote = '';
    await signIn(server.base, targets[0]!.officer);
    const probe = await httpGet(
      server.base,
      `${DASHBOARD_PATH}?areaCode=${targets[0]!.code}`,
      cookieOf(targets[0]!.officer),
    );
    if (probe.status === 404) {
      // an officer asking for their own area gets 404 only when there is no such route
      dashboardNote = `**The dashboard was not measured: \`GET ${DASHBOARD_PATH}\` does not exist in this build** (404 for the country officer's own area). Only the GROUP BY side ran.`;
      progress(`${DASHBOARD_PATH} does not exist (yet): skipping the HTTP side`);
    } else {
      for (const t of targets) {
        await signIn(server.base, t.officer);
        const cell = await runDashboard(server.base, t);
        httpCells.set(t.key, cell);
        progress(
          `  dashboard ${t.key}: status ${cell.status}, n ${cell.stats.n} p50 ${ms(cell.stats.p50)} p95 ${ms(cell.stats.p95)} p99 ${ms(cell.stats.p99)} ms (load ${loadAverage()})`,
        );
      }
      dashboardNote = `Dashboard measured (first status ${probe.status}).`;
    }
    await server.stop();
    server = null;

    // --- the same figures by plain GROUP BY, in the same run
    const areas: AreaResult[] = [];
    for (const t of targets) {
      const sql = await runGroupBy(db, t);
      progress(
        `  GROUP BY ${t.key}: n ${sql.total.n} p50 ${ms(sql.total.p50)} p95 ${ms(sql.total.p95)} ms, ${sql.rows} rows (load ${loadAverage()})`,
      );
      const http = httpCells.get(t.key) ?? null;
      let comparison: Comparison | null = null;
      if (http && http.status === 200) {
        const childLength = prefixLengthByLevel[CHILD_LEVEL[t.level] ?? 'community'];
        comparison = compareWithDashboard(http.body, sql.figures, childLength);
        progress(
          `  exactness ${t.key}: ${comparison.checked} checked, ${comparison.mismatches.length} mismatches, ${comparison.unchecked.length} unchecked`,
        );
        for (const m of comparison.mismatches.slice(0, 10)) {
          progress(`    MISMATCH ${m}`);
        }
      } else if (http) {
        comparison = {
          checked: 0,
          mismatches: [`HTTP ${http.status}: ${JSON.stringify(http.body).slice(0, 200)}`],
          unchecked: [],
        };
      }
      const problems = selfCheck(t, sql.figures);
      for (const p of problems) {
        progress(`    GROUP BY SELF-CHECK FAILED ${t.key}: ${p}`);
      }
      areas.push({ target: t, http, sql, selfCheck: problems, comparison });
    }

    machine.push(['load average (1/5/15 min)', `${loadAtStart} at start, ${loadAverage()} at end`]);
    const report: Report = {
      machine,
      load,
      generated,
      reuseSteps,
      tableBytes: await tableSizes(db),
      dashboardNote,
      areas,
      totalSeconds: (performance.now() - benchStarted) / 1000,
    };
    const markdown = renderReport(report);
    process.stdout.write(`\n${markdown}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, RESULTS_FILE), markdown);
    progress(`wrote bench/results/${RESULTS_FILE}`);
  } catch (error) {
    if (pgLog.length > 0) {
      process.stderr.write(`[bench] last PostgreSQL log lines:\n${pgLog.slice(-20).join('\n')}\n`);
    }
    throw error;
  } finally {
    await server?.stop().catch(() => undefined);
    agent.destroy();
    await db?.end().catch(() => undefined);
    await pg?.stop().catch((e: unknown) => progress(`stopping PostgreSQL failed: ${String(e)}`));
    clearTimeout(watchdog);
  }
}

await main();
