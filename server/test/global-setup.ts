import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const snapshot = startSqlSnapshot();
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
    snapshot?.finish();
  };
}

/**
 * LINLI_SQL_SNAPSHOT=write (the whole suite only: `npm run sql:snapshot`, and `npm test`, which
 * then fails if a snapshot changed): the workers record the SQL of every `queries.ts` function
 * (sql-capture.ts); at the end the records become `modules/<m>/queries.sql`. `check` only reports.
 */
function startSqlSnapshot(): { finish: () => void } | null {
  const mode = process.env.LINLI_SQL_SNAPSHOT;
  if (mode !== 'write' && mode !== 'check') {
    return null;
  }
  const capture = mkdtempSync(path.join(os.tmpdir(), 'linli-sql-'));
  process.env.LINLI_SQL_CAPTURE = capture;
  return {
    finish() {
      const modulesDir = path.resolve(import.meta.dirname, '../src/modules');
      const byModule = new Map<string, Map<string, Set<string>>>();
      for (const name of readdirSync(capture)) {
        for (const line of readFileSync(path.join(capture, name), 'utf8').split('\n')) {
          if (!line) {
            continue;
          }
          const { module, fn, text } = JSON.parse(line) as { module: string; fn: string; text: string };
          const fns = byModule.get(module) ?? new Map<string, Set<string>>();
          byModule.set(module, fns);
          const texts = fns.get(fn) ?? new Set<string>();
          fns.set(fn, texts);
          texts.add(formatSql(text));
        }
      }
      rmSync(capture, { recursive: true, force: true });
      const stale: string[] = [];
      for (const module of readdirSync(modulesDir)) {
        const file = path.join(modulesDir, module, 'queries.sql');
        const fns = byModule.get(module);
        const expected = fns ? renderSnapshot(module, fns) : null;
        const actual = existsSync(file) ? readFileSync(file, 'utf8') : null;
        if (expected === actual) {
          continue;
        }
        if (mode === 'write') {
          if (expected === null) {
            rmSync(file);
          } else {
            writeFileSync(file, expected);
          }
          console.log(`[sql snapshot] wrote server/src/modules/${module}/queries.sql`);
        } else {
          stale.push(module);
        }
      }
      if (stale.length > 0) {
        console.error(
          `[sql snapshot] out of date: ${stale.join(', ')} — run \`npm run sql:snapshot\` and review the diff of modules/*/queries.sql`,
        );
      }
    },
  };
}

function formatSql(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indents = lines
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.match(/^ */)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return [lines[0]!.trim(), ...lines.slice(1).map((l) => l.slice(cut).trimEnd())].join('\n');
}

function renderSnapshot(module: string, fns: Map<string, Set<string>>): string {
  const out = [
    `-- modules/${module}: the SQL its queries.ts sends while the tests run (STYLE convention 10).`,
    '-- Generated by `npm run sql:snapshot`; `npm test` fails when it is out of date. Do not edit.',
  ];
  for (const fn of [...fns.keys()].sort()) {
    const texts = [...fns.get(fn)!].sort();
    texts.forEach((text, i) => {
      out.push('', texts.length > 1 ? `-- ${fn} (${i + 1} of ${texts.length})` : `-- ${fn}`, `${text};`);
    });
  }
  return `${out.join('\n')}\n`;
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
