/**
 * Server process for bench/registry.bench.ts, so that its memory is measured alone:
 *
 *   app   the Linli app (`buildApp`) on the bench database
 *   bare  a bare Fastify + pg server answering GET /orgs/:id with `SELECT * FROM organizations WHERE id = $1`
 *         (GET /orgs/:id?n=k runs it k times in sequence)
 *
 * Started by the bench with an IPC channel (node --import tsx registry-server.ts <mode>); listens on
 * 127.0.0.1 only, sends `{ address }` to the parent, and exits when the parent disconnects or goes
 * away, or after BENCH_SERVER_MAX_SECONDS (default 1800) whatever happens. BENCH_SERVER_PORT picks
 * the port (default: any free one); national.bench.ts uses it.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/src/app';
import { createPool, embeddedPoolSize } from '../server/src/platform/db';
import { createPersonalDataCipher } from '../server/src/platform/personal-data';

const mode = process.argv[2];
const url = process.env.BENCH_DB_URL;
const masterKey = process.env.BENCH_MASTER_KEY;
if (!process.send || !url || !masterKey || (mode !== 'app' && mode !== 'bare')) {
  throw new Error('registry-server.ts is started by registry.bench.ts (IPC, BENCH_DB_URL, BENCH_MASTER_KEY, app|bare)');
}
const maxSeconds = Number(process.env.BENCH_SERVER_MAX_SECONDS ?? 1800);
const port = Number(process.env.BENCH_SERVER_PORT ?? 0);
setTimeout(() => process.exit(3), maxSeconds * 1000).unref();

let close: () => Promise<void>;
let address: string;
if (mode === 'app') {
  const db = createPool(url, Number(process.env.BENCH_POOL ?? embeddedPoolSize()));
  const app = await buildApp({ db, cipher: createPersonalDataCipher(Buffer.from(masterKey, 'base64'), 'sm4') });
  address = await app.listen({ port, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    await db.end();
  };
} else {
  // same pool size as the app's
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.BENCH_POOL ?? embeddedPoolSize()),
    application_name: 'linli-bench-bare',
  });
  const app = Fastify({ logger: false });
  // ?n=k runs the point query k times in sequence: a model of a handler making k round trips
  app.get<{ Params: { id: string }; Querystring: { n?: string } }>('/orgs/:id', async (request, reply) => {
    let rows: unknown[] = [];
    for (let i = Math.max(1, Number(request.query.n ?? 1)); i > 0; i--) {
      ({ rows } = await pool.query('SELECT * FROM organizations WHERE id = $1', [request.params.id]));
    }
    if (rows.length === 0) {
      return reply.status(404).send({ code: 'NOT_FOUND' });
    }
    return rows[0];
  });
  address = await app.listen({ port, host: '127.0.0.1' });
  close = async () => {
    await app.close();
    await pool.end();
  };
}

let closing = false;
const shutdown = () => {
  if (closing) {
    return;
  }
  closing = true;
  setTimeout(() => process.exit(0), 5000).unref();
  void close().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.send({ address });
