/**
 * Scenario 3: cold join of a big board. One client builds a board of 5,000 stickies through
 * the real protocol (one update per sticky) and stays connected, idle, so that no server
 * unloads the document. Then new clients with empty documents connect: one at a time, then
 * 30 at once; each reports the time from `new WebSocket` to sync step 2 applied. Thirty
 * joiners in one load process apply the 1.4 MB board one after the other, which the load
 * generator's CPU bounds; so the burst is also run with joiners that stop the clock when
 * sync step 2 arrives and do not apply it: that is the server's share.
 * Entraide is also restarted and joined again, so its document comes from storage.
 */
import { STICKIES_PER_PERSON } from '../../shared/session/limits.ts';
import { percentiles, sleep } from '../lib/stats.ts';
import { withWorkers, type LoadWorker } from '../load/pool.ts';
import type { ClientSpec } from '../load/client.ts';
import { identifyAll } from '../load/identity.ts';
import type { RoomRef } from '../servers/index.ts';
import { assertOpened, checkRefusals, REFUSED_COLUMN, ServerUnderTest, spec, type OpenResult, type Scenario, type ScenarioContext, type ScenarioResult } from './context.ts';

interface Counts {
  stickies: number[];
  log: number[];
}

// Joiners' client ids, and the seeds of their schedules: restarted for each server (in
// run), so that every server is joined by the same clients with the same seeds.
let nextId = 10_000;

/** `n` new joiners, each entered in the session with a name (Entraide: its own participant). */
function joiners(ctx: ScenarioContext, ref: RoomRef, n: number): Promise<ClientSpec[]> {
  return identifyAll(Array.from({ length: n }, () => spec(nextId++, 'join', ref, ctx.server)));
}

/** A joiner was told it had synced while it held less than the whole board. */
class ShortJoinError extends Error {
  readonly got: number;
  readonly expected: number;
  constructor(got: number, expected: number) {
    super(`a joiner synced ${got} stickies, expected ${expected}`);
    this.got = got;
    this.expected = expected;
  }
}

/**
 * Joiners connect and sync; their time runs from `new WebSocket` to synced. They entered the
 * session before (`joiners`), so no request of theirs touches the server before the clock.
 */
async function join(ctx: ScenarioContext, w: LoadWorker, ref: RoomRef, n: number | ClientSpec[], expectStickies: number, applyStep2 = true): Promise<number[]> {
  const specs = typeof n === 'number' ? await joiners(ctx, ref, n) : n;
  const opened = await w.call<OpenResult>('open', { specs, concurrency: specs.length, timeoutMs: 60_000, seed: ctx.config.seed + nextId, renewEveryMs: 0, applyStep2 });
  assertOpened('join', opened);
  const ids = specs.map((s) => s.id);
  if (ctx.server.holdsDocuments && applyStep2) {
    const counts = await w.call<Counts>('counts', { ids });
    const short = counts.stickies.filter((c) => c !== expectStickies);
    if (short.length > 0) {
      await w.call('close', { ids });
      throw new ShortJoinError(short[0] ?? 0, expectStickies);
    }
  }
  await w.call('close', { ids });
  return opened.joinMs;
}

async function singleJoins(ctx: ScenarioContext, w: LoadWorker, ref: RoomRef, expect: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ctx.config.s3.singleJoins; i++) times.push(...(await join(ctx, w, ref, 1, expect)));
  return percentiles(times).p50;
}

export const scenario3: Scenario = {
  id: 'scenario3',
  title: 'cold join of a board of 5,000 stickies: connect to synced',
  columns: [
    { key: 'one', label: '1 client (median)', unit: 'ms', ratio: true },
    { key: 'burstP50', label: '30 at once p50', unit: 'ms', ratio: true },
    { key: 'burstMax', label: '30 at once: last synced', unit: 'ms', ratio: true },
    { key: 'burstServedMax', label: '30 at once: last sync step 2 received', unit: 'ms', ratio: true },
    { key: 'oneStored', label: 'from storage: 1 client', unit: 'ms' },
    { key: 'burstStoredMax', label: 'from storage: 30, last synced', unit: 'ms' },
    { key: 'burstStoredServedMax', label: 'from storage: 30, last step 2 received', unit: 'ms' },
    { key: 'docKB', label: 'document', unit: 'KB' },
    REFUSED_COLUMN,
  ],
  async run(ctx): Promise<ScenarioResult> {
    nextId = 10_000;
    const { stickies, joiners: burstSize } = ctx.config.s3;
    const sut = new ServerUnderTest(ctx);
    const notes: string[] = [];
    try {
      await sut.start();
      const ref = await sut.room(0);
      return await withWorkers(1, async ([w]) => {
        if (w === undefined) throw new Error('no worker');
        let docKB: number | null = null;
        const builders: number[] = [];
        if (ctx.server.holdsDocuments) {
          // The board is many people's: Entraide takes at most STICKIES_PER_PERSON ideas from
          // one person, so builders of 200 stickies each write it, one after another.
          let ms = 0;
          for (let done = 0; done < stickies; done += STICKIES_PER_PERSON) {
            const id = 1_000 + builders.length;
            builders.push(id);
            assertOpened('builder', await w.call<OpenResult>('open', { specs: [spec(id, 'build', ref, ctx.server)], concurrency: 1, timeoutMs: 30_000, seed: ctx.config.seed }));
            const built = await w.call<{ ms: number; bytes: number }>('build', { id, count: Math.min(STICKIES_PER_PERSON, stickies - done), seed: ctx.config.seed + id });
            ms += built.ms;
            docKB = built.bytes / 1024;
          }
          ctx.log(`  built ${stickies} stickies (${(docKB ?? 0).toFixed(0)} KB) by ${builders.length} people in ${(ms / 1000).toFixed(1)} s`);
          // The server has applied everything once a fresh client syncs all of it.
          let ok = false;
          for (let attempt = 0; attempt < 50 && !ok; attempt++) {
            const check = spec(2, 'check', ref, ctx.server);
            await w.call('open', { specs: [check], concurrency: 1, timeoutMs: 30_000, seed: 1 });
            ok = (await w.call<Counts>('counts', { ids: [2] })).stickies[0] === stickies;
            await w.call('close', { ids: [2] });
            if (!ok) await sleep(200);
          }
          await checkRefusals([w]);
          if (!ok) throw new Error('the server never held the whole board');
        } else {
          notes.push('relay: no document to send, so this is the websocket open time only (the floor)');
        }
        const one = await singleJoins(ctx, w, ref, stickies);
        const burst = percentiles(await join(ctx, w, ref, burstSize, stickies));
        const served = percentiles(await join(ctx, w, ref, burstSize, stickies, false));
        const figures: ScenarioResult['figures'] = {
          one,
          burstP50: burst.p50,
          burstMax: burst.max,
          burstServedMax: served.max,
          oneStored: null,
          burstStoredMax: null,
          burstStoredServedMax: null,
          docKB,
          refused: null,
        };
        if (ctx.server.durable) {
          await w.call('close', { ids: builders });
          try {
            const stored: number[] = [];
            // Joiners enter before the restart (credentials are stored), so that the first
            // request the restarted server gets about the session is the join itself.
            for (let i = 0; i < ctx.config.s3.singleJoins; i++) {
              // Restart before each join, so that every one of them loads the board from storage.
              const one = await joiners(ctx, ref, 1);
              await sut.proc.stop();
              await sut.start();
              stored.push(...(await join(ctx, w, ref, one, stickies)));
            }
            figures.oneStored = percentiles(stored).p50;
            let storedBurst = await joiners(ctx, ref, burstSize);
            await sut.proc.stop();
            await sut.start();
            figures.burstStoredMax = percentiles(await join(ctx, w, ref, storedBurst, stickies)).max;
            storedBurst = await joiners(ctx, ref, burstSize);
            await sut.proc.stop();
            await sut.start();
            figures.burstStoredServedMax = percentiles(await join(ctx, w, ref, storedBurst, stickies, false)).max;
          } catch (err) {
            // A server that answers sync before it has read the document back from storage
            // (y-websocket with y-leveldb) gives its joiner an empty board: no figure, said so.
            if (!(err instanceof ShortJoinError)) throw err;
            figures.oneStored = figures.burstStoredMax = figures.burstStoredServedMax = null;
            notes.push(`${ctx.server.label}: right after a restart, a joiner was told it had synced while it held ${err.got} of the board's ${err.expected} stickies (the server answered before reading the document from storage): no figure from storage`);
          }
        } else if (ctx.server.holdsDocuments) {
          notes.push(`${ctx.server.label}: documents in memory only, no restart case`);
        }
        // The builders' writes, and anything a joiner might have sent back.
        figures.refused = await checkRefusals([w]);
        ctx.log(`  1 client ${one.toFixed(0)} ms, ${burstSize} at once: last ${burst.max.toFixed(0)} ms`);
        return { figures, notes };
      });
    } finally {
      await sut.dispose();
    }
  },
};
