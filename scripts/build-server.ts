// Bundles the server for `npm start`, the Docker image and the benchmark: server/main.ts and
// the SQLite file's worker become dist/server/main.mjs and dist/server/sqlite-worker.mjs,
// with what they import (Express, Socket.IO, Yjs, zod, our server/ and shared/) in a few
// chunks beside them. Node then reads and compiles a handful of files at start instead of
// about a thousand, and strips no TypeScript: start to ready goes from about 220 ms to
// about 120 ms on the bench machine (bench/RESULTS.md, issue 14).
//
// Left out of the bundle, loaded from node_modules when a configuration asks for them:
// pg (DATABASE_URL), redis and the Socket.IO Redis adapter (REDIS_URL), playwright-core
// (the first PDF export). The tests and `npm run dev` run the TypeScript sources directly.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_DIST = path.join(ROOT, 'dist/server');

/** Modules loaded only when configured: kept out of the bundle. */
const LOADED_ON_DEMAND = ['pg', 'redis', '@socket.io/redis-adapter', 'playwright-core'];

export async function buildServer(outDir = SERVER_DIST): Promise<void> {
  // A fresh folder: chunk names carry a hash, so an old build would leave files behind.
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    input: {
      main: path.join(ROOT, 'server/main.ts'),
      'sqlite-worker': path.join(ROOT, 'server/storage/sqlite-worker.ts'),
    },
    platform: 'node',
    external: (id) => id.startsWith('node:') || LOADED_ON_DEMAND.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'esm',
      entryFileNames: '[name].mjs',
      chunkFileNames: '[name]-[hash].mjs',
      // For stack traces: NODE_OPTIONS=--enable-source-maps maps them back to server/*.ts.
      sourcemap: true,
    },
  });
}

// Run as a script: `node scripts/build-server.ts`.
if (import.meta.main || process.argv[1] === import.meta.filename) {
  const started = Date.now();
  await buildServer();
  console.log(`build-server: dist/server built in ${Date.now() - started} ms`);
}
