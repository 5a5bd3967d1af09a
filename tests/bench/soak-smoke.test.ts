// `npm run soak` at a tiny size, so that it cannot rot: each of issue 10's six
// floods against the built server, through the real CLI, 1 s each (the floods load the
// machine, and browser tests run beside this file). It checks what must hold whatever
// the timing: the other session lost nothing, `/healthz` always answered 200, the flooder
// really flooded, and the next note after the flood arrived. The 100 ms p99 goal is checked
// by the 20 s runs and reported in bench/RESULTS.md, never asserted here.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJsonCli } from '../helpers/process.ts';
import { FLOOD_MODES, NOTES_PER_SECOND } from '../../bench/soak/modes.ts';
import type { SoakResult } from '../../bench/soak/run.ts';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'soak-smoke-'));
let results: SoakResult[] = [];
let output = '';

beforeAll(async () => {
  const ran = await runJsonCli(['bench/soak/run.ts', '--seconds', '1', '--out', outDir], outDir);
  results = (ran.json as { results: SoakResult[] }).results;
  output = ran.output;
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('soak smoke run (issue 10)', () => {
  it('ran every flood', () => {
    expect(results.map((r) => r.mode)).toEqual([...FLOOD_MODES]);
    expect(output).toMatch(/p99 < 100 ms/);
  });

  it.each([...FLOOD_MODES])('%s: the other session lost nothing, /healthz answered 200 throughout, the flooder flooded', (mode) => {
    const r = results.find((x) => x.mode === mode)!;
    expect(r.lost).toBe(0);
    // Ten notes, 100 ms apart, each timed at the reader.
    expect(r.latency.count).toBe(NOTES_PER_SECOND);
    expect(r.latency.p50).toBeGreaterThan(0);
    expect(r.healthzNot200).toBe(0);
    expect(r.healthz.count).toBeGreaterThan(0);
    expect(Number.isFinite(r.afterStopMs)).toBe(true);
    // Raw websockets opened (the Socket.IO flood counts its events only), frames or events sent.
    const flooder = r.flooder as { sent: number; opened: number };
    if (mode !== 'hands') expect(flooder.opened).toBeGreaterThan(0);
    if (mode !== 'sockets') expect(flooder.sent).toBeGreaterThan(0);
  });
});
