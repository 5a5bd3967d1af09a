// Builds what `npm start` serves when it is missing or older than any source it is made from:
// - the client (dist/client, by `vite build`) from client/, shared/, vite.config.ts and the
//   locked dependencies;
// - the server (dist/server, by scripts/build-server.ts) from server/, shared/, that script
//   and the locked dependencies.
// `npm start` and `npm run bench` run it first, and the tests' global setup calls the same
// function, so nobody runs a stale build. Each build runs in a child process, so that
// neither Vite nor Rolldown stays loaded in the process that goes on to serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Target {
  /** What a progress line calls it. */
  name: string;
  /** The file a build writes last; its time is the build's. */
  built: string;
  sources: string[];
  command: string[];
}

const TARGETS = {
  client: {
    name: 'client',
    built: 'dist/client/index.html',
    sources: ['client', 'shared', 'vite.config.ts', 'package-lock.json'],
    command: ['node_modules/vite/bin/vite.js', 'build'],
  },
  server: {
    name: 'server',
    built: 'dist/server/main.mjs',
    sources: ['server', 'shared', 'scripts/build-server.ts', 'package-lock.json'],
    command: ['scripts/build-server.ts'],
  },
} satisfies Record<string, Target>;

export type BuildTarget = keyof typeof TARGETS;

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

/** Why a target must be rebuilt, or null when its build is up to date. */
export function staleReason(target: BuildTarget = 'client', root = ROOT): string | null {
  const { built, sources } = TARGETS[target];
  const stat = fs.statSync(path.join(root, built), { throwIfNoEntry: false });
  if (!stat) return `${built} is missing`;
  for (const source of sources) {
    if (newestMtime(path.join(root, source)) > stat.mtimeMs) return `${source} changed since the last build`;
  }
  return null;
}

/** Builds each stale target, in a child process; throws if a build fails. */
export function buildIfNeeded(targets: BuildTarget[], opts: { quiet?: boolean; force?: boolean } = {}): BuildTarget[] {
  const rebuilt: BuildTarget[] = [];
  for (const target of targets) {
    const reason = opts.force ? 'asked for' : staleReason(target);
    if (!reason) continue;
    const { name, built, command } = TARGETS[target];
    if (!opts.quiet) console.log(`build-if-needed: ${reason}: building the ${name}`);
    const args = [...command];
    if (target === 'client') args.push('--logLevel', opts.quiet ? 'warn' : 'info');
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      stdio: opts.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      // Vitest sets NODE_ENV=test, which would give a development build of React.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0 || !fs.existsSync(path.join(ROOT, built))) {
      throw new Error(`building the ${name} failed (exit code ${result.status ?? result.signal})`);
    }
    rebuilt.push(target);
  }
  return rebuilt;
}

// Run as a script (`npm run build` passes --force): by node, or by scripts/with-node-24.mjs,
// which imports it (import.meta.main is then false).
if (import.meta.main || process.argv[1] === import.meta.filename) {
  try {
    buildIfNeeded(['client', 'server'], { force: process.argv.includes('--force') });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
