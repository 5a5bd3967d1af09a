// Vitest global setup: build the client once before the browser tests (only if stale).
import { buildClientIfNeeded } from '../../scripts/build-if-needed.ts';

export default function setup(): void {
  buildClientIfNeeded({ quiet: true });
}
