#!/usr/bin/env node
// Builds the console with `vite build` only when web/dist is missing or older than its sources,
// so a second `npm start` does not wait for a rebuild. `--force` (or LINLI_WEB_REBUILD=1) always builds.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const webDir = path.resolve(import.meta.dirname, '..');
const repoDir = path.resolve(webDir, '..');
const builtIndex = path.join(webDir, 'dist', 'index.html');

const sources = [
  path.join(webDir, 'src'),
  path.join(webDir, 'public'),
  path.join(webDir, 'index.html'),
  path.join(webDir, 'vite.config.ts'),
  path.join(webDir, 'package.json'),
  path.join(repoDir, 'contract', 'src'),
];

/** The newest modification time (ms) of a file or of any file under a directory; 0 when absent. */
function newestMtime(target) {
  if (!existsSync(target)) {
    return 0;
  }
  const stat = statSync(target);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
      continue;
    }
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** The vite CLI of the local install: web/node_modules first, then the hoisted one at the repo root. */
function resolveViteBin() {
  for (const base of [webDir, repoDir]) {
    try {
      const pkgPath = createRequire(path.join(base, 'package.json')).resolve('vite/package.json');
      return path.join(path.dirname(pkgPath), 'bin', 'vite.js');
    } catch {
      // not installed here; try the next place
    }
  }
  for (const base of [webDir, repoDir]) {
    const bin = path.join(base, 'node_modules', '.bin', 'vite');
    if (existsSync(bin)) {
      return bin;
    }
  }
  throw new Error('vite is not installed: run `npm install` at the repository root');
}

const isForced = process.argv.includes('--force') || process.env.LINLI_WEB_REBUILD === '1';
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newestMtime));

if (!isForced && builtAt > 0 && builtAt >= sourcesAt) {
  console.log('web: dist is up to date, skipping vite build');
  process.exit(0);
}

console.log(builtAt === 0 ? 'web: no build yet, running vite build' : 'web: sources changed, running vite build');
const viteBin = resolveViteBin();
const child = spawn(process.execPath, [viteBin, 'build'], { cwd: webDir, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`web: vite build stopped by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
