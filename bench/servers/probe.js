// Preloaded into every benchmarked server (`node --expose-gc --import probe.js ...`). It adds
// nothing to the server's own work: it answers the harness over the IPC channel with the
// heap after a full GC, so "is this document still in memory" is measured rather than
// guessed from RSS, which the allocator rarely gives back.
// Plain JavaScript on purpose: a .ts preload would load Node's type stripper (~17 MB RSS)
// into the peers that are plain JavaScript and skew their memory figures.

import { monitorEventLoopDelay } from 'node:perf_hooks';

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
  } else if (message?.probe === 'loop') {
    const ms = (ns) => ns / 1e6;
    process.send?.({ probe: 'loop', p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) });
    loop.reset();
  } else if (message?.probe === 'heap') {
    // A heap snapshot, for a check of what the memory is (never during a measurement).
    import('node:v8').then((v8) => process.send?.({ probe: 'heap', file: v8.writeHeapSnapshot(message.file) }));
  } else if (message?.probe === 'exit') {
    // A clean exit, so that --cpu-prof writes its profile.
    process.exit(0);
  }
});

// Never outlive the harness: if it dies, so does the server it started.
process.on('disconnect', () => process.exit(0));
// The IPC channel must not keep an otherwise finished process alive.
process.channel?.unref();
