/**
 * Scenario 6, "a real room" (issue 8): thirty stock providers with awareness in one
 * session, joining one after another; five move their cursor at 10 Hz, three drag a
 * sticky at 2 edits/s. What it costs the server to keep a room aware of itself: frames it
 * sends per cursor move, its CPU, the latency of edits and of cursor moves, its memory,
 * and whether every edit reached everyone with nobody dropped.
 */
import path from 'node:path';
import { percentiles, sleep } from '../lib/stats.ts';
import { machineBusySeconds, processCpuSeconds } from '../lib/system.ts';
import type { RoomStats } from '../load/room-worker.ts';
import { withWorkers } from '../load/pool.ts';
import { checkRefusals, MB, REFUSED_COLUMN, ServerUnderTest, spec, type Scenario, type ScenarioContext, type ScenarioResult } from './context.ts';

const roomWorker = path.join(import.meta.dirname, '../load/room-worker.ts');

async function runRealRoom(ctx: ScenarioContext): Promise<ScenarioResult> {
  const load = ctx.config.s6;
  const sut = new ServerUnderTest(ctx);
  try {
    const proc = await sut.start();
    const rssIdle = proc.rssBytes();
    const ref = await sut.room(0);
    const specs = Array.from({ length: load.members }, (_, i) => spec(i + 1, 'room', ref, ctx.server));
    return await withWorkers(
      1,
      async ([worker]) => {
        if (worker === undefined) throw new Error('no load worker');
        const opened = await worker.call<{ failed: number; errors: string[] }>('open', { specs, seed: ctx.config.seed, timeoutMs: 60_000 });
        if (opened.failed > 0) throw new Error(`join: ${opened.failed} members not synced or not seeing everyone (${opened.errors.join('; ')})`);
        const ready = await worker.call<{ ok: boolean }>('prepare', { draggers: load.draggers, seed: ctx.config.seed + 1, timeoutMs: 30_000 });
        await checkRefusals([worker]);
        if (!ready.ok) throw new Error('the draggers\u2019 stickies did not reach every member');
        await sleep(500);
        proc.resetPeak();
        await proc.loopDelay();
        const ours = (): number => proc.cpuSeconds() + processCpuSeconds(worker.pid) + (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
        const busy0 = machineBusySeconds();
        const ours0 = ours();
        const cpu0 = proc.cpuSeconds();
        const wall0 = performance.now();
        await worker.call('start', { movers: load.movers, cursorHz: load.cursorHz, editHz: load.editHz, seed: ctx.config.seed + 2 });
        await sleep(load.durationS * 1000);
        const stats = await worker.call<RoomStats>('stop', { drainMs: 10_000 });
        const wallS = (performance.now() - wall0) / 1000;
        const cpuS = proc.cpuSeconds() - cpu0;
        const otherCores = (machineBusySeconds() - busy0 - (ours() - ours0)) / wallS;
        const serverLoop = await proc.loopDelay();
        const refused = await checkRefusals([worker]);
        await worker.call('close');
        const edit = percentiles(stats.editLatencies);
        const cursor = percentiles(stats.cursorLatencies);
        const framesPerMove = stats.cursorMoves === 0 ? null : stats.awarenessFramesFromServer / stats.cursorMoves;
        ctx.log(
          `  ${stats.cursorMoves} cursor moves, ${stats.edits} edits; ${stats.awarenessFramesFromServer} awareness frames from the server (${framesPerMove?.toFixed(1)} per move), ` +
            `edits ${stats.editsDelivered}/${stats.editsExpected}, ${stats.closes} closes, server CPU ${cpuS.toFixed(2)} s`,
        );
        return {
          figures: {
            framesPerMove,
            framesFromServer: stats.framesFromServer,
            framesToServer: stats.framesToServer,
            cpuS,
            cpuPct: (100 * cpuS) / wallS,
            editP50: edit.p50,
            editP99: edit.p99,
            cursorP50: cursor.p50,
            cursorP99: cursor.p99,
            edits: stats.edits,
            cursorMoves: stats.cursorMoves,
            delivered: stats.editsExpected === 0 ? null : (100 * stats.editsDelivered) / stats.editsExpected,
            cursorsDelivered: stats.cursorsExpected === 0 ? null : (100 * stats.cursorsDelivered) / stats.cursorsExpected,
            closes: stats.closes,
            peakRss: proc.peakRssBytes() / MB,
            peakRssAboveIdle: (proc.peakRssBytes() - rssIdle) / MB,
            serverLoopMax: serverLoop.max,
            loadLoopMax: stats.loopMax,
            loadCpuPct: stats.cpuPct,
            otherCores: Math.max(0, otherCores),
            refused,
          },
          notes: [],
        };
      },
      roomWorker,
    );
  } finally {
    await sut.dispose();
  }
}

export const scenario6: Scenario = {
  id: 'scenario6',
  repeat: true,
  title: 'a real room: 30 stock providers with awareness, 5 cursors at 10 Hz, 3 stickies dragged at 2 edits/s',
  columns: [
    { key: 'framesPerMove', label: 'awareness frames sent per cursor move', unit: 'x', ratio: true },
    { key: 'framesFromServer', label: 'frames sent, all kinds', unit: 'n', ratio: true },
    { key: 'framesToServer', label: 'frames received (echoes included)', unit: 'n' },
    { key: 'cpuS', label: 'server CPU', unit: 's', ratio: true },
    { key: 'editP50', label: 'edit p50', unit: 'ms', ratio: true },
    { key: 'editP99', label: 'edit p99', unit: 'ms', ratio: true },
    { key: 'cursorP50', label: 'cursor p50', unit: 'ms', ratio: true },
    { key: 'cursorP99', label: 'cursor p99', unit: 'ms', ratio: true },
    { key: 'peakRss', label: 'server peak RSS', unit: 'MB', ratio: true },
    { key: 'delivered', label: 'edits delivered', unit: '%' },
    { key: 'closes', label: 'sockets closed', unit: 'n' },
    { key: 'otherCores', label: 'other work on the machine', unit: 'cores' },
    REFUSED_COLUMN,
  ],
  // The relay answers no sync: stock providers never become synced there.
  notFor: (server) => (server.holdsDocuments ? null : 'stock providers need a server that answers sync'),
  run: runRealRoom,
};
