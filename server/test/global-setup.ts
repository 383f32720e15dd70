import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { importAreas } from '../src/modules/areas/import';
import { createPool } from '../src/platform/db';
import { startEmbeddedPostgres } from '../src/platform/embedded-db';
import { migrate } from '../src/platform/migrate';
import { freePort } from './free-port';

/**
 * One PostgreSQL for the whole run: DATABASE_URL when given (the external-server path, e.g.
 * the PostgreSQL 15 run), else a throwaway embedded server. A template database gets the
 * migrations and the national area tree once; every test file clones it (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  let dir: string | null = null;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as `postgres` when we are root and must reach its data dir
    const running = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    adminUrl = running.url.replace(/\/linli$/, '/postgres');
    stop = running.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = `linli_template_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  const db = createPool(templateUrl, 2);
  await migrate(db);
  await importAreas(db);
  await db.end();
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  console.log(
    `[test db] PostgreSQL ${rows[0]?.server_version} ${process.env.DATABASE_URL ? '(DATABASE_URL)' : '(embedded)'}`,
  );
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    // drop the clones left by test files, then the template
    const { rows: dbs } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`linli_t_${process.pid}_%`],
    );
    for (const d of dbs) {
      await admin.query(`DROP DATABASE IF EXISTS ${d.datname} WITH (FORCE)`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    await stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
