// Vitest global setup: build the client (for the browser tests) and the server (for the tests
// that start it as its own process, tests/helpers/process.ts) once, each only if stale.
import { buildIfNeeded } from '../../scripts/build-if-needed.ts';

export default function setup(): void {
  buildIfNeeded(['client', 'server'], { quiet: true });
}
