// Preloaded into every benchmarked server (`node --expose-gc --import probe.js ...`). It adds
// nothing to the server's own work: it answers the harness over the IPC channel with the
// heap after a full GC, so "is this document still in memory" is measured rather than
// guessed from RSS, which the allocator rarely gives back.
// Plain JavaScript on purpose: a .ts preload would load Node's type stripper (~17 MB RSS)
// into the peers that are plain JavaScript and skew their memory figures.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';

let allocSession = null;

const gc = globalThis.gc;
// How long the event loop was blocked, sampled every 10 ms: a stall here delays every client.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

process.on('message', (message) => {
  if (message?.probe === 'mem') {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.send?.({ probe: 'mem', heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers });
  } else if (message?.probe === 'heap-spaces') {
    // What the V8 heap holds now, space by space, without a GC: where an RSS figure comes
    // from (the young generation grows on its own after the start, up to its cap).
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    const h = v8.getHeapStatistics();
    const m = process.memoryUsage();
    process.send?.({ probe: 'heap-spaces', heapTotal: h.total_heap_size, young: young?.space_size ?? NaN, external: m.external, rss: m.rss });
  } else if (message?.probe === 'loop') {
    const ms = (ns) => ns / 1e6;
    process.send?.({ probe: 'loop', p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) });
    loop.reset();
  } else if (message?.probe === 'heap') {
    // A heap snapshot, for a check of what the memory is (never during a measurement).
    process.send?.({ probe: 'heap', file: v8.writeHeapSnapshot(message.file) });
  } else if (message?.probe === 'alloc-start') {
    // Sampled allocations, the collected ones included: what makes the garbage (a check,
    // BENCH_ALLOC_PROF_DIR; the sampling slows the server).
    import('node:inspector').then(({ Session }) => {
      allocSession = new Session();
      allocSession.connect();
      allocSession.post('HeapProfiler.enable', () =>
        allocSession.post(
          'HeapProfiler.startSampling',
          // 'promoted': only what outlived a young-generation collection (what a scavenge copies).
          { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: message.kind !== 'promoted' },
          () => process.send?.({ probe: 'alloc-start' }),
        ),
      );
    });
  } else if (message?.probe === 'alloc-stop') {
    allocSession?.post('HeapProfiler.stopSampling', (err, result) => {
      if (!err) writeFileSync(message.file, JSON.stringify(result.profile));
      process.send?.({ probe: 'alloc-stop' });
    });
  } else if (message?.probe === 'exit') {
    // A clean exit, so that --cpu-prof writes its profile.
    process.exit(0);
  }
});

// Never outlive the harness: if it dies, so does the server it started.
process.on('disconnect', () => process.exit(0));
// The IPC channel must not keep an otherwise finished process alive.
process.channel?.unref();
