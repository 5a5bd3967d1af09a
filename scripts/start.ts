// `npm start`: build the client when its sources changed since the last build, then start
// the server in this same process (server/main.ts, as in production).
import { buildClientIfNeeded } from './build-if-needed.ts';

try {
  buildClientIfNeeded();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
await import('../server/main.ts');
