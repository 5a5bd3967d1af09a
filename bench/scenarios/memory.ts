/**
 * Scenario 4: many idle documents. One client per document writes a few stickies and stays
 * connected; the server's heap (after a full GC, asked over IPC) and RSS are read before and
 * after, giving the cost of one loaded document with its one connection. Then every client
 * leaves, and the heap is read again right away and once the unload delay has passed: a
 * server that unloads idle documents gives that memory back.
 */
import { sleep } from '../lib/stats.ts';
import { withWorkers } from '../load/pool.ts';
import type { ClientSpec } from '../load/client.ts';
import { assertOpened, checkRefusals, MB, REFUSED_COLUMN, ServerUnderTest, spec, type OpenResult, type Scenario, type ScenarioResult } from './context.ts';

export const scenario4: Scenario = {
  id: 'scenario4',
  title: 'idle loaded documents: memory per document, and are idle documents unloaded',
  columns: [
    { key: 'heapPerDocKB', label: 'heap per document', unit: 'KB', ratio: true },
    { key: 'rssPerDocKB', label: 'RSS per document', unit: 'KB', ratio: true },
    { key: 'heapLoadedMB', label: 'heap, all loaded', unit: 'MB', ratio: true },
    { key: 'keptAfterLeave', label: 'kept 1 s after leaving', unit: '%' },
    { key: 'keptAfterDelay', label: 'kept after the unload delay', unit: '%' },
    { key: 'unloaded', label: 'idle documents unloaded', unit: 'text' },
    REFUSED_COLUMN,
  ],
  async run(ctx): Promise<ScenarioResult> {
    const { docs, stickiesPerDoc, unloadDelayMs } = ctx.config.s4;
    if (!ctx.server.holdsDocuments) {
      return { figures: {}, notes: ['relay: holds no document'] };
    }
    const sut = new ServerUnderTest(ctx, unloadDelayMs);
    try {
      const proc = await sut.start();
      const specs: ClientSpec[] = [];
      for (let d = 0; d < docs; d++) specs.push(spec(d + 1, `d${d}`, await sut.room(d), ctx.server));
      const before = await proc.memory();
      const rssBefore = proc.rssBytes();
      return await withWorkers(1, async ([w]) => {
        if (w === undefined) throw new Error('no worker');
        assertOpened('open', await w.call<OpenResult>('open', { specs, concurrency: 16, timeoutMs: 60_000, seed: ctx.config.seed }));
        const warm = await w.call<{ ok: boolean }>('ownStickies', { perClient: stickiesPerDoc, timeoutMs: 30_000, seed: ctx.config.seed });
        await checkRefusals([w]);
        if (!warm.ok) throw new Error('stickies not written');
        await sleep(1000);
        const loaded = await proc.memory();
        const rssLoaded = proc.rssBytes();
        // Each client is alone in its document: a refusal (and its undo) would shrink what is measured.
        const refused = await checkRefusals([w]);
        await w.call('close', {});
        await sleep(1000);
        const leave = await proc.memory();
        // Entraide keeps a document for UNLOAD_DELAY_MS after its last client leaves.
        await sleep(unloadDelayMs + 1000);
        const later = await proc.memory();
        const grown = loaded.heapUsed - before.heapUsed;
        const kept = (m: { heapUsed: number }): number => (100 * (m.heapUsed - before.heapUsed)) / grown;
        const keptAfterDelay = kept(later);
        ctx.log(`  ${(grown / docs / 1024).toFixed(1)} KB heap per document, ${keptAfterDelay.toFixed(0)}% kept after the delay`);
        return {
          figures: {
            heapPerDocKB: grown / docs / 1024,
            rssPerDocKB: (rssLoaded - rssBefore) / docs / 1024,
            heapLoadedMB: loaded.heapUsed / MB,
            keptAfterLeave: kept(leave),
            keptAfterDelay,
            unloaded: keptAfterDelay < 25 ? 'yes' : 'no',
            refused,
          },
          notes: [`unload delay given to Entraide: ${unloadDelayMs} ms; heap read after a full GC in the server process`],
        };
      });
    } finally {
      await sut.dispose();
    }
  },
};
