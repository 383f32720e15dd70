#!/usr/bin/env node
// `npm test`: the whole suite, in order — lint and type check; unit and API tests on the
// embedded PostgreSQL 18; the same tests against a PostgreSQL 15 server started from the Debian
// package's binaries when they are installed (the external-server path, via DATABASE_URL);
// then the browser journeys in headless Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(import.meta.dirname, '..');
const PG15_BIN = process.env.LINLI_PG15_BIN ?? '/usr/lib/postgresql/15/bin';

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `━━ ${label}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a PostgreSQL 15 cluster in a temp dir (as `postgres` when we are root); returns its URL and a stop function. */
async function startPg15() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-pg15-'));
  chmodSync(dir, 0o755);
  const ids = {};
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString());
    if (!uid) {
      throw new Error('running as root needs a `postgres` user for PostgreSQL 15');
    }
    spawnSync('chown', [`${uid}:${gid}`, dir]);
    Object.assign(ids, { uid, gid });
  }
  const data = path.join(dir, 'data');
  const init = spawnSync(
    path.join(PG15_BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'],
    { ...ids, stdio: 'pipe' },
  );
  if (init.status !== 0) {
    throw new Error(`initdb (15) failed: ${init.stderr}`);
  }
  const port = await freePort();
  const server = spawn(
    path.join(PG15_BIN, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let ready = false;
  server.stderr.on('data', (d) => {
    if (String(d).includes('ready to accept connections')) {
      ready = true;
    }
  });
  for (let i = 0; i < 100 && !ready; i++) {
    await sleep(100);
  }
  if (!ready) {
    server.kill('SIGKILL');
    throw new Error('PostgreSQL 15 did not start');
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The SQL snapshot of every module, by path. */
function readSnapshots() {
  const modules = path.join(root, 'server/src/modules');
  const out = new Map();
  for (const name of readdirSync(modules)) {
    const file = path.join(modules, name, 'queries.sql');
    if (existsSync(file)) {
      out.set(path.relative(root, file), readFileSync(file, 'utf8'));
    }
  }
  return out;
}

const only = process.argv[2];
if (!only || only === 'check') {
  run('lint and type check', 'npm', ['run', 'check']);
}
if (!only || only === 'unit') {
  // …which also rewrite the SQL snapshots (modules/*/queries.sql, STYLE 10): a query that changed
  // without its snapshot fails the run (and leaves the new snapshot to review and commit)
  const before = readSnapshots();
  run('unit and API tests (embedded PostgreSQL 18)', 'npx', ['vitest', 'run'], {
    DATABASE_URL: '',
    LINLI_SQL_SNAPSHOT: 'write',
  });
  const after = readSnapshots();
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
  if (changed.length > 0) {
    console.log(
      `\n━━ SQL snapshots were out of date (now rewritten; review and commit them): ${changed.join(', ')} ━━`,
    );
    process.exit(1);
  }
}
if (!only || only === 'pg15') {
  if (existsSync(path.join(PG15_BIN, 'postgres'))) {
    const pg15 = await startPg15();
    try {
      run('API tests against PostgreSQL 15 (DATABASE_URL)', 'npx', ['vitest', 'run'], { DATABASE_URL: pg15.url });
    } finally {
      await pg15.stop();
    }
  } else {
    console.log(`\n━━ PostgreSQL 15 run skipped: no server binaries at ${PG15_BIN} ━━`);
  }
}
if (!only || only === 'e2e') {
  run('web build', 'npm', ['run', 'build', '--workspace', 'web']);
  run('browser journeys (headless Chromium)', 'npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts']);
}
