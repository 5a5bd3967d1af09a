// A server killed once it listens (kill -9, out of memory, a crash) must leave Node's compile
// cache behind: its restart, while the room waits to resync, then reads the compiled server
// instead of compiling every module again (issue 14, "kill to all synced").
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process.ts';
import { tempDir } from '../helpers/server.ts';

/** The files under `dir`, at any depth. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('compile cache', () => {
  it('is written once the built server listens, so a kill -9 right after leaves it for the restart', async () => {
    const cache = tempDir('entraide-compile-cache-');
    const proc = await spawnServer({ DATA_DIR: tempDir(), NODE_COMPILE_CACHE: cache });
    await proc.kill();
    // Node writes one entry per compiled module; before, a killed server wrote none.
    expect(filesUnder(cache).length).toBeGreaterThanOrEqual(3);
  });
});
