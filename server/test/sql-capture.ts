import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * STYLE convention 10 — the SQL each module sends, kept in `modules/<m>/queries.sql` so that every
 * query and its jurisdiction filter shows in review. With LINLI_SQL_CAPTURE=<dir>, this setup file
 * records every query issued from a `modules/<m>/queries.ts` function (module, function, text) while
 * the tests run; global-setup.ts merges the records and writes or checks the snapshots
 * (`npm run sql:snapshot`; `npm test` checks them).
 */
const dir = process.env.LINLI_SQL_CAPTURE;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${Math.random().toString(36).slice(2)}.jsonl`);
  const seen = new Set<string>();
  const lines: string[] = [];
  const FRAME = /at (?:async )?([\w$.]+) \(.*[\\/]modules[\\/]([\w-]+)[\\/]queries\.ts:\d+:\d+\)/;

  const record = (config: unknown) => {
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') {
      return;
    }
    const frame = new Error().stack?.split('\n').find((line) => FRAME.test(line));
    const match = frame?.match(FRAME);
    if (!match) {
      return;
    }
    const fn = match[1]!.split('.').at(-1)!;
    const key = `${match[2]}\u0000${fn}\u0000${text}`;
    if (!seen.has(key)) {
      seen.add(key);
      lines.push(JSON.stringify({ module: match[2], fn, text }));
    }
  };

  for (const proto of [pg.Pool.prototype, pg.Client.prototype] as { query: (...args: unknown[]) => unknown }[]) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      record(args[0]);
      return original.apply(this, args);
    };
  }

  afterAll(() => {
    if (lines.length > 0) {
      appendFileSync(file, `${lines.join('\n')}\n`);
      lines.length = 0;
    }
  });
}
