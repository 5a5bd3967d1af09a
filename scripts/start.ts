// `npm start`: build the client and the server when their sources changed since the last
// build (scripts/build-if-needed.ts), then start the built server in this same process
// (dist/server/main.mjs, as in production).
import { buildIfNeeded } from './build-if-needed.ts';

try {
  buildIfNeeded(['client', 'server']);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
// A path in a variable: the type checker does not look for a built file.
const builtServer = '../dist/server/main.mjs';
await import(builtServer);
