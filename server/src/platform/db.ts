import os from 'node:os';
import pg from 'pg';

// bigint counts come back as JS numbers (all our counts are < 2^53); dates stay Date.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = pg.Pool;
/** A client inside a transaction: commands receive it and pass it to queries. */
export type Tx = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * Connections to the embedded PostgreSQL, which shares this machine's cores with the server:
 * PostgreSQL's own rule of thumb, twice the cores plus one (at least 4). More backends than that
 * only take turns on the cores and contend for the same rows — measured on 2 cores, check-ins went
 * from ~2,000/s with 10 connections and ~1,750/s with 20 to ~2,100/s with 5 (docs/performance.md).
 */
export function embeddedPoolSize(): number {
  return Math.max(4, 2 * os.availableParallelism() + 1);
}

/** An external server's cores are unknown here: 10, unless LINLI_DB_POOL says otherwise. */
export const EXTERNAL_POOL_SIZE = 10;

export function createPool(url: string, max = EXTERNAL_POOL_SIZE): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'linli' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
