import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/src/platform/embedded-db';
import { freePort } from '../../server/test/free-port';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Starts PostgreSQL (DATABASE_URL, else a throwaway embedded one) and the real server
 * (`linli serve`) on a free port with a fixed master key, so journeys can seed their own rows.
 */
export default async function setup(project: TestProject) {
  let databaseUrl = process.env.DATABASE_URL;
  let stopPg = async () => {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  chmodSync(dir, 0o755);
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    databaseUrl = pg.url;
    stopPg = pg.stop;
  }
  const port = await freePort();
  const masterKey = randomBytes(32).toString('base64');
  const server: ChildProcess = spawn(process.execPath, [require_tsx(), 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LINLI_MASTER_KEY: masterKey,
      LINLI_DATA_DIR: dir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += String(d);
  });
  server.stderr?.on('data', (d) => {
    output += String(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) {
      throw new Error(`server exited:\n${output}`);
    }
    const ok = await fetch(`${baseUrl}/api/areas/000000000000`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      break;
    }
    // a first start loads the area tree and the demo data: about 40 s alone, minutes on a busy machine
    if (i > 3000) {
      throw new Error(`server did not start in 300 s:\n${output}`);
    }
    await sleep(100);
  }
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('masterKey', masterKey);
  return async () => {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    await stopPg();
    rmSync(dir, { recursive: true, force: true });
  };
}

function require_tsx(): string {
  return path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    masterKey: string;
  }
}
