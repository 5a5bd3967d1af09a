/**
 * Scenario 5: crash and recovery. 100 clients (10 boards of 10) each write an edit under a
 * key of its own every second. The server is killed with SIGKILL mid-stream and restarted on
 * the same port and storage; the clients keep editing offline and reconnect as a provider
 * does. Before they are let back in, one probe client per board reads what the restarted
 * server holds on its own (durability), until a second passes with nothing new. Then: time
 * until every client is synced again (less the probes' time: the clients wait for them), and
 * after the edits stop, what a fresh client finds on the server against everything sent.
 * Last, the server is killed and started again `restarts` times on the same storage, with
 * nobody connected: one restart is one sample, and a start moves by a quarter from one to
 * the next on this machine, so the start's figure is their median.
 */
import { clockMs, percentiles, sleep, waitUntil } from '../lib/stats.ts';
import { withWorkers } from '../load/pool.ts';
import type { ClientSpec } from '../load/client.ts';
import type { RoomRef } from '../servers/index.ts';
import { assertOpened, checkRefusals, REFUSED_COLUMN, ServerUnderTest, spec, type EditStats, type OpenResult, type Scenario, type ScenarioResult } from './context.ts';

interface LogState {
  rooms: Record<string, { sent: number; minPresent: number; maxSeenSeq: Record<string, number> }>;
}
interface Status {
  total: number;
  synced: number;
  lastSyncedAt: number;
  open: number;
  errors: string[];
}

export const scenario5: Scenario = {
  id: 'scenario5',
  title: 'kill -9 with clients editing, restart: resync time and lost edits',
  columns: [
    { key: 'resyncFromKill', label: 'kill to all synced', unit: 'ms', ratio: true },
    { key: 'resyncFromReady', label: 'server ready to all synced', unit: 'ms', ratio: true },
    { key: 'restartMs', label: 'restart to ready', unit: 'ms' },
    { key: 'startMedianMs', label: 'start to ready, median of the restarts after', unit: 'ms', ratio: true },
    { key: 'edits', label: 'edits sent', unit: 'n' },
    { key: 'lost', label: 'edits lost', unit: 'n' },
    { key: 'lostOnServer', label: 'relayed before the kill, not on the restarted server', unit: 'n' },
    REFUSED_COLUMN,
  ],
  async run(ctx): Promise<ScenarioResult> {
    const { sessions, clientsPerSession, rate, beforeKillS, afterSyncS, restarts } = ctx.config.s5;
    const sut = new ServerUnderTest(ctx);
    const notes: string[] = [];
    try {
      await sut.start();
      const refs: RoomRef[] = [];
      const specs: ClientSpec[] = [];
      let id = 1;
      for (let s = 0; s < sessions; s++) {
        const ref = await sut.room(s);
        refs.push(ref);
        for (let c = 0; c < clientsPerSession; c++) specs.push(spec(id++, `r${s}`, ref, ctx.server));
      }
      return await withWorkers(1, async ([w]) => {
        if (w === undefined) throw new Error('no worker');
        assertOpened('open', await w.call<OpenResult>('open', { specs, concurrency: 16, timeoutMs: 60_000, seed: ctx.config.seed, autoReconnect: true }));
        await w.call('startEdits', { rate, kind: 'log', seed: ctx.config.seed, record: false });
        await sleep(beforeKillS * 1000);

        // Everything some other client had received had gone through the server.
        const relayed = (await w.call<LogState>('logState')).rooms;
        await w.call('hold');
        const killedAt = clockMs();
        await sut.proc.kill9();
        await sut.start();
        const readyAt = clockMs();

        let lostOnServer: number | null = null;
        // The clients wait while the probes read (they would have reconnected as soon as the
        // server was ready): that time is not counted in the resync.
        let probing = 0;
        if (ctx.server.holdsDocuments) {
          const probeStart = clockMs();
          lostOnServer = 0;
          const probes = refs.map((ref, s) => spec(100_000 + s, `probe${s}`, ref, ctx.server));
          assertOpened('probe', await w.call<OpenResult>('open', { specs: probes, concurrency: sessions, timeoutMs: 30_000, seed: 3, renewEveryMs: 0 }));
          // What a probe holds once nothing more arrives: a server that answers sync before
          // it has read the document back (y-websocket with y-leveldb) sends it as an update
          // after. Read until a second passes with no change (10 s at most).
          const ids = probes.map((p) => p.id);
          const keysHeld = (c: { logKeys: string[][] }) => c.logKeys.reduce((n, k) => n + k.length, 0);
          let held = await w.call<{ logKeys: string[][] }>('counts', { ids });
          for (let stableSince = clockMs(), until = clockMs() + 10_000; clockMs() - stableSince < 1_000 && clockMs() < until; ) {
            await sleep(100);
            const now = await w.call<{ logKeys: string[][] }>('counts', { ids });
            if (keysHeld(now) !== keysHeld(held)) stableSince = clockMs();
            held = now;
          }
          await w.call('close', { ids: probes.map((p) => p.id) });
          refs.forEach((_, s) => {
            const keys = new Set(held.logKeys[s]);
            for (const [sender, maxSeq] of Object.entries(relayed[`r${s}`]?.maxSeenSeq ?? {})) {
              for (let q = 1; q <= maxSeq; q++) if (!keys.has(`${sender}:${q}`)) lostOnServer = (lostOnServer ?? 0) + 1;
            }
          });
          probing = clockMs() - probeStart;
        }

        await w.call('resume');
        const allBack = await waitUntil(async () => {
          const st = await w.call<Status>('status');
          return st.synced === st.total;
        }, 60_000, 10);
        const st = await w.call<Status>('status');
        if (!allBack) throw new Error(`only ${st.synced}/${st.total} clients synced again (${st.errors.join('; ')})`);
        await sleep(afterSyncS * 1000);
        // The relay never delivers what was written offline: nothing to wait for.
        const edits = await w.call<EditStats>('stopEdits', { drainMs: ctx.server.holdsDocuments ? 10_000 : 300 });
        const final = (await w.call<LogState>('logState')).rooms;

        let lost: number | null = null;
        if (ctx.server.holdsDocuments) {
          // What a newcomer finds on the server, against everything every client sent.
          const verifiers = refs.map((ref, s) => spec(200_000 + s, `verify${s}`, ref, ctx.server));
          assertOpened('verify', await w.call<OpenResult>('open', { specs: verifiers, concurrency: sessions, timeoutMs: 30_000, seed: 4, renewEveryMs: 0 }));
          const found = await w.call<{ log: number[] }>('counts', { ids: verifiers.map((v) => v.id) });
          await w.call('close', { ids: verifiers.map((v) => v.id) });
          lost = 0;
          refs.forEach((_, s) => {
            const room = final[`r${s}`];
            const missingOnServer = (room?.sent ?? 0) - (found.log[s] ?? 0);
            const missingOnClients = (room?.sent ?? 0) - (room?.minPresent ?? 0);
            lost = (lost ?? 0) + Math.max(missingOnServer, missingOnClients, 0);
          });
        } else {
          notes.push('relay: keeps no document and answers no sync, so offline edits never reach the others; lost edits do not apply');
        }
        const refused = await checkRefusals([w]);
        await w.call('close', {});
        const resyncFromKill = st.lastSyncedAt - killedAt - probing;
        // From spawning the process to its first 200 (kill -9 first: a crash, not a shutdown).
        const starts: number[] = [];
        for (let i = 0; i < restarts; i++) {
          await sut.proc.kill9();
          const spawnedAt = clockMs();
          await sut.start();
          starts.push(clockMs() - spawnedAt);
        }
        const startMedianMs = starts.length > 0 ? percentiles(starts).p50 : null;
        if (starts.length > 0) ctx.log(`  ${starts.length} restarts, start to ready ${starts.map((ms) => ms.toFixed(0)).join(', ')} ms`);
        ctx.log(`  all ${st.total} synced ${resyncFromKill.toFixed(0)} ms after the kill; ${edits.sent} edits, lost ${lost ?? 'n/a'}, lost on server before resync ${lostOnServer ?? 'n/a'}`);
        return {
          figures: {
            resyncFromKill,
            resyncFromReady: st.lastSyncedAt - readyAt - probing,
            restartMs: readyAt - killedAt,
            startMedianMs,
            edits: edits.sent,
            lost,
            lostOnServer,
            refused,
          },
          notes,
        };
      });
    } finally {
      await sut.dispose();
    }
  },
};
