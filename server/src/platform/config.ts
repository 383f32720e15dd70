import path from 'node:path';

/** Everything the server reads from the environment, read once. */
export type Config = {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded server under `dataDir/db` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Base64 32-byte master key for personal data and audit HMAC; else a key file under dataDir. */
  masterKey: string | undefined;
  keyFile: string;
  personalDataAlgorithm: 'sm4' | 'aes';
  webDist: string;
  secureCookies: boolean;
  /** how long a resolved session is reused from memory (platform/session-cache.ts); 0: never */
  sessionCacheMs: number;
  /** LINLI_DB_POOL: connections of this server to PostgreSQL; absent: db.ts's defaults */
  dbPoolSize: number | undefined;
  /**
   * The address the public reaches the platform at (`https://linli.example.gov.cn`, maybe with a
   * path), without a trailing slash: the prefix of addresses printed on paper (the certificate's
   * QR code). Absent: the address the request came to.
   */
  publicUrl: string | undefined;
};

/** LINLI_PUBLIC_URL: an absolute http(s) address without query or fragment; the trailing slash is dropped. */
export function parsePublicUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`LINLI_PUBLIC_URL must be an absolute address such as https://linli.example.gov.cn, not ${text}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new Error(`LINLI_PUBLIC_URL must be an http(s) address without query, fragment or user, not ${text}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** LINLI_DB_POOL: a whole number from 1 to 500, or absent. */
export function parsePoolSize(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new Error(`LINLI_DB_POOL must be a whole number from 1 to 500, not ${text}`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // ./data at the repository root, whichever directory the command runs from
  const dataDir = path.resolve(env.LINLI_DATA_DIR ?? path.join(import.meta.dirname, '../../../data'));
  const algorithm = env.LINLI_PERSONAL_DATA_ALGORITHM ?? 'sm4';
  if (algorithm !== 'sm4' && algorithm !== 'aes') {
    throw new Error(`LINLI_PERSONAL_DATA_ALGORITHM must be sm4 or aes, not ${algorithm}`);
  }
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    embeddedPgPort: Number(env.LINLI_EMBEDDED_PG_PORT ?? 54329),
    masterKey: env.LINLI_MASTER_KEY || undefined,
    keyFile: env.LINLI_KEY_FILE ?? path.join(dataDir, 'master.key'),
    personalDataAlgorithm: algorithm,
    webDist: path.resolve(env.LINLI_WEB_DIST ?? path.join(import.meta.dirname, '../../../web/dist')),
    secureCookies: env.LINLI_SECURE_COOKIES === '1',
    sessionCacheMs: Number(env.LINLI_SESSION_CACHE_MS ?? 5000),
    dbPoolSize: parsePoolSize(env.LINLI_DB_POOL),
    publicUrl: parsePublicUrl(env.LINLI_PUBLIC_URL),
  };
}
