import fs from 'node:fs';
import path from 'node:path';
/**
 * Scenarios 1 and 2: clients drag their own stickies at a fixed rate; every receiver reports
 * when the move is applied. Scenario 1 is one board of 30; scenario 2 is 200 boards of 10
 * spread over two load-generator processes (a room never spans two processes, so each
 * latency is read on one clock), and one more board of a few clients in a third process that
 * does nothing else: what that idle observer sees is the server's part of the tail, without
 * the stalls of the busy load generators, which every server's p99 follows.
 */
import { percentiles, sleep } from '../lib/stats.ts';
import { machineBusySeconds, processCpuSeconds } from '../lib/system.ts';
import { withWorkers, type LoadWorker } from '../load/pool.ts';
import type { ClientSpec } from '../load/client.ts';
import { identifyAll } from '../load/identity.ts';
import { assertOpened, checkRefusals, MB, REFUSED_COLUMN, ServerUnderTest, spec, type BenchConfig, type EditStats, type Column, type OpenResult, type Scenario, type ScenarioContext, type ScenarioResult } from './context.ts';

/** Scenario 2's sizes; scenario 1 is one board of them, with no observer. */
type Load = Omit<BenchConfig['s2'], 'observerClients' | 'observerRate'> & Partial<Pick<BenchConfig['s2'], 'observerClients' | 'observerRate'>>;

async function runPropagation(ctx: ScenarioContext, load: Load): Promise<ScenarioResult> {
  const sut = new ServerUnderTest(ctx);
  try {
    const proc = await sut.start();
    const rssIdle = proc.rssBytes();
    const heapIdle = await proc.heapSpaces();
    const perWorker: ClientSpec[][] = Array.from({ length: load.workers }, () => []);
    let id = 1;
    for (let s = 0; s < load.sessions; s++) {
      const ref = await sut.room(s);
      const list = perWorker[s % load.workers];
      for (let c = 0; c < load.clientsPerSession; c++) list?.push(spec(id++, `r${s}`, ref, ctx.server));
    }
    // The observer's board, in a process of its own after the load's (none when 0 clients).
    const observers = load.observerClients ?? 0;
    if (observers > 0) {
      const ref = await sut.room(load.sessions);
      const list: ClientSpec[] = [];
      for (let c = 0; c < observers; c++) list.push(spec(id++, `observer`, ref, ctx.server));
      perWorker.push(list);
    }
    // Each client enters its session with a name (Entraide) before "connect all" starts.
    for (let i = 0; i < perWorker.length; i++) perWorker[i] = await identifyAll(perWorker[i] ?? []);
    return await withWorkers(perWorker.length, async (everyWorker) => {
      const workers = everyWorker.slice(0, load.workers);
      const observer = observers > 0 ? everyWorker[load.workers] : undefined;
      const t0 = Date.now();
      const opened = await Promise.all(
        workers.map((w, i) => w.call<OpenResult>('open', { specs: perWorker[i], concurrency: 16, timeoutMs: 60_000, seed: ctx.config.seed + i })),
      );
      opened.forEach((r) => assertOpened('connect', r));
      const connectS = (Date.now() - t0) / 1000;
      if (observer) {
        const specs = perWorker[load.workers];
        assertOpened('observer', await observer.call<OpenResult>('open', { specs, concurrency: 4, timeoutMs: 60_000, seed: ctx.config.seed + 99 }));
      }
      const warm = await Promise.all(
        everyWorker.map((w, i) => w.call<{ ok: boolean }>('ownStickies', { perClient: load.stickiesPerClient, timeoutMs: 30_000, seed: ctx.config.seed + 100 + i })),
      );
      // Refused stickies (undone by the server) would say why they never arrived: checked first.
      await checkRefusals(everyWorker);
      if (!warm.every((r) => r.ok)) throw new Error('warm-up stickies did not reach every client');
      await sleep(500);
      // BENCH_HEAP_SNAPSHOT_DIR: what the memory of all connected is, per server (a check:
      // writing the snapshot disturbs the figures of that run).
      const heapDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
      if (heapDir) {
        fs.mkdirSync(heapDir, { recursive: true });
        await proc.heapSnapshot(path.join(heapDir, `${ctx.server.name}-${Date.now()}-s2.heapsnapshot`));
      }
      const rssConnected = proc.rssBytes();
      proc.resetPeak();
      await proc.loopDelay();
      const ours = (): number => proc.cpuSeconds() + everyWorker.reduce((n, w) => n + processCpuSeconds(w.pid), 0) + process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
      const busy0 = machineBusySeconds();
      const ours0 = ours();
      const cpu0 = proc.cpuSeconds();
      const wall0 = performance.now();
      // BENCH_ALLOC_PROF_DIR: what the server allocates while the clients edit (a check:
      // sampling slows the server, so the figures of that run are not comparable);
      // BENCH_ALLOC_PROF_KIND=promoted: only what outlived a young-generation collection.
      const allocDir = process.env.BENCH_ALLOC_PROF_DIR;
      if (allocDir) {
        // The server writes the profile there: a folder missing made it crash at the end.
        fs.mkdirSync(allocDir, { recursive: true });
        await proc.startAllocationSampling(process.env.BENCH_ALLOC_PROF_KIND === 'promoted' ? 'promoted' : 'all');
      }
      await Promise.all([
        ...workers.map((w, i) => w.call('startEdits', { rate: load.rate, kind: 'move', seed: ctx.config.seed + 200 + i, record: true })),
        observer?.call('startEdits', { rate: load.observerRate ?? 1, kind: 'move', seed: ctx.config.seed + 299, record: true }),
      ]);
      await sleep(load.durationS * 1000);
      const [observed, ...stats] = await Promise.all([
        observer?.call<EditStats>('stopEdits', { drainMs: 10_000 }),
        ...workers.map((w: LoadWorker) => w.call<EditStats>('stopEdits', { drainMs: 10_000 })),
      ]);
      if (allocDir) await proc.stopAllocationSampling(path.join(allocDir, `${ctx.server.name}-${Date.now()}.heapprofile`));
      const refused = await checkRefusals(everyWorker);
      // Read after the measurement, so that the probe's answer adds nothing to it.
      const heapEnd = await proc.heapSpaces();
      const wallS = (performance.now() - wall0) / 1000;
      const cpuS = proc.cpuSeconds() - cpu0;
      // CPU that neither the server nor the load generators nor this harness used: other work.
      const otherCores = (machineBusySeconds() - busy0 - (ours() - ours0)) / wallS;
      const serverLoop = await proc.loopDelay();
      const all = new Float64Array(stats.reduce((n, s) => n + s.latencies.length, 0));
      let offset = 0;
      for (const s of stats) {
        all.set(s.latencies, offset);
        offset += s.latencies.length;
      }
      const p = percentiles(all);
      const o = observed && observed.latencies.length > 0 ? percentiles(observed.latencies) : null;
      if (observed && observed.delivered < observed.expected) throw new Error(`the observer received ${observed.delivered} of ${observed.expected} moves`);
      const expected = stats.reduce((n, s) => n + s.expected, 0);
      const delivered = stats.reduce((n, s) => n + s.delivered, 0);
      const sent = stats.reduce((n, s) => n + s.sent, 0);
      const seen = o ? `; observer p99 ${o.p99.toFixed(1)} ms (its longest stall ${observed?.loopMax.toFixed(0)} ms)` : '';
      ctx.log(`  ${sent} edits, ${delivered}/${expected} deliveries, p99 ${p.p99.toFixed(1)} ms, server CPU ${cpuS.toFixed(1)} s${seen}`);
      return {
        figures: {
          p50: p.p50,
          p95: p.p95,
          p99: p.p99,
          max: p.max,
          edits: sent,
          samples: p.count,
          delivered: expected === 0 ? null : (100 * delivered) / expected,
          cpuS,
          cpuPct: (100 * cpuS) / wallS,
          // The server relayed the observer's moves too: counted with the load's.
          cpuPerUpdate: delivered === 0 ? null : (cpuS * 1e6) / (delivered + (observed?.delivered ?? 0)),
          rssConnected: rssConnected / MB,
          peakRss: proc.peakRssBytes() / MB,
          peakRssAboveIdle: (proc.peakRssBytes() - rssIdle) / MB,
          rssIdle: rssIdle / MB,
          // How much of "peak RSS above idle" is V8's heap growing, the young generation apart.
          heapGrowth: (heapEnd.heapTotal - heapIdle.heapTotal) / MB,
          youngGrowth: (heapEnd.young - heapIdle.young) / MB,
          youngIdle: heapIdle.young / MB,
          connectS,
          serverLoopP99: serverLoop.p99,
          serverLoopMax: serverLoop.max,
          loadLoopMax: Math.max(...stats.map((s) => s.loopMax)),
          loadCpuPct: Math.max(...stats.map((s) => s.cpuPct)),
          otherCores: Math.max(0, otherCores),
          ...(o && observed ? { observerP50: o.p50, observerP99: o.p99, observerMax: o.max, observerLoopMax: observed.loopMax } : {}),
          refused,
        },
        notes: [],
      };
    });
  } finally {
    await sut.dispose();
  }
}

const latencyColumns = [
  { key: 'p50', label: 'p50', unit: 'ms', ratio: true },
  { key: 'p95', label: 'p95', unit: 'ms', ratio: true },
  { key: 'p99', label: 'p99', unit: 'ms', ratio: true },
  { key: 'max', label: 'max', unit: 'ms', ratio: true },
  { key: 'delivered', label: 'delivered', unit: '%' },
  { key: 'cpuPerUpdate', label: 'server CPU / delivered update', unit: 'µs', ratio: true },
  { key: 'cpuPct', label: 'server CPU', unit: '%' },
  { key: 'peakRss', label: 'server peak RSS', unit: 'MB', ratio: true },
  { key: 'peakRssAboveIdle', label: 'peak RSS above idle', unit: 'MB', ratio: true },
  { key: 'heapGrowth', label: 'V8 heap growth, idle to end', unit: 'MB' },
  { key: 'youngGrowth', label: 'of it, young generation', unit: 'MB' },
  { key: 'serverLoopMax', label: 'server event loop, longest stall', unit: 'ms', ratio: true },
  { key: 'loadLoopMax', label: 'load generator, longest stall', unit: 'ms' },
  { key: 'otherCores', label: 'other work on the machine', unit: 'cores' },
] as const;
const columns = (...more: Column[]): Column[] => [...latencyColumns, ...more, REFUSED_COLUMN];

export const scenario1: Scenario = {
  id: 'scenario1',
  repeat: true,
  title: 'one board, clients dragging stickies: propagation latency client to client',
  columns: columns(),
  run: (ctx) => runPropagation(ctx, { ...ctx.config.s1, sessions: 1, clientsPerSession: ctx.config.s1.clients, workers: 1 }),
};

export const scenario2: Scenario = {
  id: 'scenario2',
  repeat: true,
  title: 'many boards at once: latency, server CPU and memory',
  columns: columns(
    { key: 'rssConnected', label: 'RSS, all connected', unit: 'MB', ratio: true },
    { key: 'connectS', label: 'connect all', unit: 's' },
    { key: 'observerP50', label: 'idle observer p50', unit: 'ms', ratio: true },
    { key: 'observerP99', label: 'idle observer p99', unit: 'ms', ratio: true },
    { key: 'observerLoopMax', label: 'idle observer, longest stall', unit: 'ms' },
  ),
  run: (ctx) => runPropagation(ctx, ctx.config.s2),
};
