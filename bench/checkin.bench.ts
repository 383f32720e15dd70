/**
 * Check-ins per second (issue 5): volunteers, each signed in and holding a confirmed place on a
 * shift that is under way, check in through `POST /api/volunteer-shifts/:id/check-in` with the
 * shift's current rotating code, many at once, against the app in its own process. Afterwards the
 * database must hold exactly one service record (and one audit row) per 200 answer, none doubled;
 * a second burst of the same check-ins must all be refused.
 *
 *   npm run bench:checkin --workspace bench      (or `npx tsx checkin.bench.ts` in bench/)
 *
 *   BENCH_CHECKINS=20000       volunteers, one check-in each
 *   BENCH_SHIFT_PLACES=500     places per shift (so 40 shifts by default)
 *   BENCH_CONNECTIONS=64       concurrent requests
 *   BENCH_DUPLICATES=2000      check-ins sent a second time, at once, after the run
 *   BENCH_CPU_PROF=<dir>       write a V8 CPU profile of the server process
 *   BENCH_POOL=n               the server's PostgreSQL pool size (default: the app's with the embedded server, 2 × cores + 1)
 *   BENCH_PG_STATS=1           print PostgreSQL's own time per statement of the measured run (pg_stat_statements)
 *
 * Writes bench/results/checkin.md. Starts its own embedded PostgreSQL in a temp dir and stops it.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { importAreas } from '../server/src/modules/areas/import';
import { checkInCode } from '../server/src/modules/volunteers/index';
import * as volunteers from '../server/src/modules/volunteers/service';
import type { Actor } from '../server/src/platform/access';
import { createPool, embeddedPoolSize } from '../server/src/platform/db';
import { startEmbeddedPostgres } from '../server/src/platform/embedded-db';
import { migrate } from '../server/src/platform/migrate';
import { createPersonalDataCipher } from '../server/src/platform/personal-data';
import { freePort } from '../server/test/free-port';

const int = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONFIG = {
  checkins: int('BENCH_CHECKINS', 20_000),
  places: int('BENCH_SHIFT_PLACES', 500),
  connections: int('BENCH_CONNECTIONS', 64),
  duplicates: int('BENCH_DUPLICATES', 2_000),
};
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const GOAL = 2_000;

const started = performance.now();
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);

/** A China date and HH:MM `minutes` from now. */
function chinaClock(minutes: number) {
  const iso = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function idNumber(serial: number): string {
  const body = `44010419950505${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-bench-checkin-'));
chmodSync(dir, 0o755);
const pgStats = process.env.BENCH_PG_STATS === '1';
const pg = await startEmbeddedPostgres({
  dir,
  port: await freePort(),
  persistent: false,
  settings: {
    ...(pgStats
      ? {
          shared_preload_libraries: 'pg_stat_statements',
          'pg_stat_statements.track': 'all',
          'pg_stat_statements.track_planning': 'on',
        }
      : {}),
  },
});
const db = createPool(pg.url, 20);
let server: ReturnType<typeof spawn> | null = null;
let client: Pool | null = null;
try {
  await migrate(db);
  log('migrated; loading the area tree');
  await importAreas(db);
  const masterKey = randomBytes(32);
  const cipher = createPersonalDataCipher(masterKey, 'sm4');
  const deps = { db, cipher };

  // an active organization of the community and its administrator
  const {
    rows: [org],
  } = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, name_key, name_grams, tier, category, area_code, founded_on, member_count, status)
     VALUES ('流水井志愿服务队', '流水井志愿服务队', '{}', 'guided', 'livingServices', $1, '2020-01-01', 30, 'active') RETURNING id`,
    [COMMUNITY],
  );
  const admin = await insertUser(0, 'orgAdmin', org!.id);

  // shifts under way: check-in opens 30 minutes before the start
  const shiftCount = Math.ceil(CONFIG.checkins / CONFIG.places);
  const shifts: { shiftId: string; roleId: string; secret: Buffer }[] = [];
  for (let i = 0; i < shiftCount; i++) {
    const start = chinaClock(10);
    const end = chinaClock(180);
    const projectId = await volunteers.createProject(deps, admin.actor, {
      orgId: org!.id,
      title: `社区探访第${i + 1}班`,
      description: '探访社区独居长者',
      serviceContent: '独居长者探访与陪伴',
      field: 'services',
      address: '流水井社区党群服务站',
      roles: [{ name: '探访员', description: '入户探访', places: CONFIG.places }],
      shifts: [{ date: start.date, startTime: start.time, endTime: end.time }],
    } as never);
    await volunteers.setProjectStatus(deps, admin.actor, projectId, 'published');
    const {
      rows: [shift],
    } = await db.query<{ id: string; checkin_secret: Buffer }>(
      'SELECT id, checkin_secret FROM volunteer_shifts WHERE project_id = $1',
      [projectId],
    );
    const {
      rows: [role],
    } = await db.query<{ id: string }>('SELECT id FROM volunteer_project_roles WHERE project_id = $1', [projectId]);
    shifts.push({ shiftId: shift!.id, roleId: role!.id, secret: shift!.checkin_secret });
  }
  log(`${shiftCount} shifts of ${CONFIG.places} places`);

  // volunteers with sessions, each signed up on a shift (through the real command, 20 at a time)
  const people: { actor: Actor; cookie: string; csrf: string; shift: (typeof shifts)[number]; volunteerId: string }[] =
    [];
  for (let i = 0; i < CONFIG.checkins; i++) {
    const v = await insertUser(i + 1, 'volunteer', null);
    people.push({ ...v.session, shift: shifts[Math.floor(i / CONFIG.places)]!, volunteerId: v.volunteerId! });
  }
  log(`${people.length} volunteers with sessions`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < people.length) {
        const p = people[next++]!;
        await volunteers.signUp(deps, p.actor, p.shift.shiftId, p.shift.roleId);
      }
    }),
  );
  log('signed up');

  // the app alone in its own process (the registry bench's server child)
  server = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of the server (open it in Chrome DevTools)
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'registry-server.ts'),
      'app',
    ],
    {
      cwd: import.meta.dirname,
      env: { ...process.env, BENCH_DB_URL: pg.url, BENCH_MASTER_KEY: masterKey.toString('base64') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start within 60 s')), 60_000);
    server!.once('message', (m: { address: string }) => {
      clearTimeout(timer);
      resolve(m.address);
    });
  });
  // undici (Node's own HTTP client library): the lightest client at hand, since it shares the two
  // cores with the server and PostgreSQL (a CPU profile: 6.4 % of the machine, the http module's 7.7 %)
  client = new Pool(address, { connections: CONFIG.connections, pipelining: 1 });

  const checkIn = async (p: (typeof people)[number]) => {
    const body = JSON.stringify({ code: checkInCode(p.shift.secret, p.shift.shiftId, new Date()).code });
    const t = performance.now();
    const res = await client!.request({
      method: 'POST',
      path: `/api/volunteer-shifts/${p.shift.shiftId}/check-in`,
      headers: { cookie: p.cookie, 'x-csrf-token': p.csrf, 'content-type': 'application/json' },
      body,
    });
    await res.body.dump();
    return { status: res.statusCode, ms: performance.now() - t };
  };

  async function burst(list: typeof people) {
    const results: { status: number; ms: number }[] = [];
    let i = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: CONFIG.connections }, async () => {
        while (i < list.length) {
          results.push(await checkIn(list[i++]!));
        }
      }),
    );
    return { results, seconds: (performance.now() - t) / 1000 };
  }

  // a short warm-up on 1 % of the volunteers, counted in the checks, not in the rate
  const shuffled = [...people].sort(() => Math.random() - 0.5);
  const warm = shuffled.slice(0, Math.ceil(people.length / 100));
  const warmRun = await burst(warm);
  log(`warm-up: ${warm.length} check-ins`);
  if (pgStats) {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
  }
  const main = await burst(shuffled.slice(warm.length));
  if (pgStats) {
    const { rows } = await db.query<{ calls: number; total_ms: number; mean_ms: number; query: string }>(
      `SELECT calls::int, round(total_exec_time::numeric, 0)::float AS total_ms, round(mean_exec_time::numeric, 3)::float AS mean_ms,
              plans::int, round(total_plan_time::numeric, 0)::float AS plan_ms,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
    );
    console.table(rows);
  }
  const ok = main.results.filter((r) => r.status === 200).length;
  const rate = main.results.length / main.seconds;
  log(`check-ins: ${main.results.length} in ${main.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s, ${ok} answered 200`);

  const duplicates = await burst(shuffled.slice(0, Math.min(CONFIG.duplicates, shuffled.length)));
  const dupStatuses = new Map<number, number>();
  for (const r of duplicates.results) {
    dupStatuses.set(r.status, (dupStatuses.get(r.status) ?? 0) + 1);
  }

  // what the database holds
  await new Promise((resolve) => setTimeout(resolve, 2500)); // let the sealer link the last audit rows
  const accepted = ok + warmRun.results.filter((r) => r.status === 200).length;
  const {
    rows: [counts],
  } = await db.query<{ records: number; volunteers: number; doubled: number; audit: number; unsealed: number }>(
    `SELECT (SELECT count(*)::int FROM service_records) AS records,
            (SELECT count(DISTINCT volunteer_id)::int FROM service_records) AS volunteers,
            (SELECT count(*)::int FROM (SELECT volunteer_id, shift_id FROM service_records GROUP BY 1, 2 HAVING count(*) > 1) d) AS doubled,
            (SELECT count(*)::int FROM audit_log WHERE action = 'serviceRecord.checkIn') AS audit,
            (SELECT count(*)::int FROM audit_log WHERE chain_pos IS NULL) AS unsealed`,
  );
  const latencies = main.results.map((r) => r.ms).sort((a, b) => a - b);
  const otherStatuses = new Map<number, number>();
  for (const r of main.results.filter((x) => x.status !== 200)) {
    otherStatuses.set(r.status, (otherStatuses.get(r.status) ?? 0) + 1);
  }
  const lost = accepted - counts!.records;
  const verdict = rate >= GOAL && lost === 0 && counts!.doubled === 0 ? 'meets' : '**misses**';
  const report = `# Check-in benchmark

Run ${new Date().toISOString()} by \`bench/checkin.bench.ts\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} (load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' / ',
    )}), embedded PostgreSQL 18, the app alone in a child process (pool of ${process.env.BENCH_POOL ?? embeddedPoolSize()}).

${people.length.toLocaleString('en')} volunteers, each signed in with a confirmed place on one of ${shiftCount} shifts under way, check in once with the shift's current rotating code, ${CONFIG.connections} requests at a time over keep-alive HTTP on 127.0.0.1 (after a warm-up of ${warm.length}).

| measure | value |
| --- | --- |
| check-ins answered | ${main.results.length.toLocaleString('en')} in ${main.seconds.toFixed(1)} s |
| **rate** | **${rate.toFixed(0)} per second** — goal ≥ ${GOAL.toLocaleString('en')}: ${verdict} |
| latency p50 / p95 / p99 | ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms |
| answered 200 (incl. warm-up) | ${accepted.toLocaleString('en')} |
| other answers | ${otherStatuses.size === 0 ? 'none' : [...otherStatuses].map(([s, n]) => `${s}: ${n}`).join(', ')} |
| service records in the database | ${counts!.records.toLocaleString('en')} (lost: ${lost}) |
| volunteers with a record | ${counts!.volunteers.toLocaleString('en')} |
| (volunteer, shift) with more than one record | ${counts!.doubled} |
| check-in audit rows | ${counts!.audit.toLocaleString('en')} (unsealed after 2.5 s: ${counts!.unsealed}) |
| the same ${duplicates.results.length.toLocaleString('en')} check-ins again, at once | ${[...dupStatuses].map(([s, n]) => `${s}: ${n}`).join(', ')} in ${duplicates.seconds.toFixed(1)} s |
`;
  writeFileSync(path.join(import.meta.dirname, 'results', 'checkin.md'), report);
  console.log(`\n${report}`);
  if (lost !== 0 || counts!.doubled !== 0 || counts!.audit !== counts!.records) {
    process.exitCode = 1;
  }

  /** A user with one role grant (and for a volunteer, the volunteer record and a session). */
  async function insertUser(i: number, role: 'orgAdmin' | 'volunteer', orgId: string | null) {
    const mobile = `136${String(i).padStart(8, '0')}`;
    const {
      rows: [user],
    } = await db.query<{ id: string }>(
      `INSERT INTO users (name, mobile_enc, mobile_hash, password_hash, area_code, must_change_password)
       VALUES ($1, $2, $3, 'x', $4, false) RETURNING id`,
      [`志愿者${i}`, cipher.encrypt(mobile), cipher.lookupHash(mobile), COMMUNITY],
    );
    const {
      rows: [grant],
    } = await db.query<{ id: string }>(
      'INSERT INTO role_grants (user_id, role, area_code, area_level, org_id) VALUES ($1, $2, $3, 5, $4) RETURNING id',
      [user!.id, role, COMMUNITY, orgId],
    );
    const actor: Actor = {
      userId: user!.id,
      name: `志愿者${i}`,
      mustChangePassword: false,
      grants: [{ id: grant!.id, role, areaCode: COMMUNITY, areaLevel: 'community', orgId }],
      currentArea: null,
      sessionTokenHash: Buffer.alloc(0),
      csrfToken: '',
      sourceIp: '127.0.0.1',
    };
    let volunteerId: string | null = null;
    if (role === 'volunteer') {
      const id = idNumber(i);
      const {
        rows: [v],
      } = await db.query<{ id: string }>(
        `INSERT INTO volunteers (user_id, name, id_number_enc, id_number_hash, mobile_enc, mobile_hash, area_code, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $1) RETURNING id`,
        [
          user!.id,
          `志愿者${i}`,
          cipher.encrypt(id),
          cipher.lookupHash(`${id}:${i}`),
          cipher.encrypt(mobile),
          cipher.lookupHash(mobile),
          COMMUNITY,
        ],
      );
      volunteerId = v!.id;
    }
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '12 hours')`,
      [createHash('sha256').update(token).digest(), user!.id, csrf],
    );
    return {
      actor,
      volunteerId,
      session: { actor, cookie: `linli_session=${token}; linli_csrf=${csrf}`, csrf },
    };
  }
} finally {
  server?.kill('SIGTERM');
  // let it close (and write its profile) before PostgreSQL goes
  await new Promise((resolve) => (server && server.exitCode === null ? server.once('exit', resolve) : resolve(null)));
  await client?.close();
  await db.end();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
