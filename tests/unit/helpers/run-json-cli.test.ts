// The helper that runs the bench and the soak from the tests stops a run that goes past its
// time, with every process the run started: a bench smoke whose hook timed out had left the
// bench, its servers and its load generators running beside the next test files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { runJsonCli } from '../../helpers/process.ts';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'run-json-cli-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Running, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

it('stops a CLI that runs past its time, with the process it started, and says so', async () => {
  // A CLI that starts a process of its own, says which, and never ends.
  const script = [
    "const { spawn } = require('node:child_process');",
    "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
    "console.log('child ' + child.pid);",
    'setInterval(() => {}, 1000);',
  ].join(' ');
  const failure = await runJsonCli(['-e', script], outDir, 1500).then(
    () => new Error('it resolved'),
    (err: unknown) => err as Error,
  );
  expect(failure.message).toMatch(/ran past 1500 ms and was stopped with what it started/);
  const pid = Number(/child (\d+)/.exec(failure.message)?.[1]);
  expect(pid).toBeGreaterThan(0);
  await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 5000 });
});
