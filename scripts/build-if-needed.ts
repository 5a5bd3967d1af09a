// Builds the client with Vite when dist/client/index.html is missing or older than any
// source it is made from (client/, shared/, vite.config.ts, the locked dependencies). `npm start` runs it first, and
// the browser tests' global setup calls the same function, so nobody serves a stale client.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT_INDEX = path.join(ROOT, 'dist/client/index.html');
const SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why the client must be rebuilt, or null when dist/client is up to date. */
export function staleReason(root = ROOT): string | null {
  const built = fs.statSync(path.join(root, 'dist/client/index.html'), { throwIfNoEntry: false });
  if (!built) return 'dist/client/index.html is missing';
  for (const source of SOURCES) {
    if (newestMtime(path.join(root, source)) > built.mtimeMs) return `${source} changed since the last build`;
  }
  return null;
}

/** Runs `vite build` in a child process when needed; throws if the build fails. */
export function buildClientIfNeeded(opts: { quiet?: boolean } = {}): boolean {
  const reason = staleReason();
  if (!reason) return false;
  if (!opts.quiet) console.log(`build-if-needed: ${reason}: running vite build`);
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', opts.quiet ? 'warn' : 'info'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0 || !fs.existsSync(BUILT_INDEX)) {
    throw new Error(`vite build failed (exit code ${result.status ?? result.signal})`);
  }
  return true;
}

// Run as a script: by node, or by scripts/with-node-24.mjs, which imports it (import.meta.main is then false).
if (import.meta.main || process.argv[1] === import.meta.filename) {
  try {
    buildClientIfNeeded();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
