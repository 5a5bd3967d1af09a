// What the built server loads to start (issue 14, "start to ready"): an ES import of
// node:http read its lazy WebSocket getters and loaded undici, Node's fetch, about 30 ms of
// the start, for a server that never uses it (server/node-http.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process.ts';
import { tempDir } from '../helpers/server.ts';

const preload = path.resolve(import.meta.dirname, '../fixtures/loaded-modules.cjs');

describe('the built server, started', () => {
  it('answers /healthz without having loaded undici', async () => {
    const out = path.join(tempDir('entraide-modules-'), 'modules.json');
    const proc = await spawnServer({ DATA_DIR: tempDir(), NODE_OPTIONS: `--require ${preload}`, LOADED_MODULES_OUT: out });
    expect((await fetch(`${proc.http}/healthz`)).status).toBe(200);
    proc.child.kill('SIGUSR2');
    await expect.poll(() => existsSync(out), { timeout: 10_000 }).toBe(true);
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
    // The list is real: the server's own builtins are in it.
    expect(loaded).toContain('NativeModule http');
    expect(loaded.filter((name) => name.includes('undici'))).toEqual([]);
    await proc.kill();
  });
});
