import path from 'node:path';
import type { Config } from './config';
import { createPool, type Db, EXTERNAL_POOL_SIZE, embeddedPoolSize } from './db';
import { startEmbeddedPostgres } from './embedded-db';
import { migrate } from './migrate';
import { createPersonalDataCipher, loadMasterKey, type PersonalDataCipher } from './personal-data';

export type Runtime = {
  db: Db;
  cipher: PersonalDataCipher;
  /** true when this process started the embedded PostgreSQL */
  embedded: boolean;
  close: () => Promise<void>;
};

/**
 * Opens the database the configuration names (DATABASE_URL, else the embedded server under
 * ./data/db), applies pending migrations, and loads the personal-data key.
 */
export async function openRuntime(config: Config, opts: { log?: (line: string) => void } = {}): Promise<Runtime> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const pg = await startEmbeddedPostgres({ dir: config.dataDir, port: config.embeddedPgPort, log: opts.log });
    url = pg.url;
    stopEmbedded = pg.stop;
  }
  const db = createPool(url, config.dbPoolSize ?? (stopEmbedded ? embeddedPoolSize() : EXTERNAL_POOL_SIZE));
  try {
    await migrate(db);
  } catch (error) {
    await db.end();
    await stopEmbedded?.();
    throw error;
  }
  const cipher = createPersonalDataCipher(
    loadMasterKey({ masterKey: config.masterKey, keyFile: config.keyFile ?? path.join(config.dataDir, 'master.key') }),
    config.personalDataAlgorithm,
  );
  return {
    db,
    cipher,
    embedded: stopEmbedded !== null,
    close: async () => {
      await db.end();
      await stopEmbedded?.();
    },
  };
}
