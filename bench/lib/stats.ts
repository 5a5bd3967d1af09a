/** Small numeric helpers shared by the orchestrator and the load workers. */

/** mulberry32: a tiny seeded PRNG, so every run draws the same schedule. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles; NaN everywhere when there are no samples. */
export function percentiles(samples: ArrayLike<number>): Percentiles {
  const n = samples.length;
  if (n === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] ?? 0;
  return { count: n, p50: at(50), p95: at(95), p99: at(99), max: sorted[n - 1] ?? NaN, mean: sum / n };
}

/** One clock for every process on this machine: wall-anchored, monotonic within a process. */
export function clockMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it succeeded. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}
