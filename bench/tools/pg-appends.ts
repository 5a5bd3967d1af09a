/**
 * The PostgreSQL store's group commit, measured: bursts of updates from many documents in one
 * event-loop turn (a busy room's turn), appended through `PostgresStorage.appendUpdate` (one
 * INSERT of many rows a turn), against the same rows inserted one statement each (what
 * `appendUpdate` did before). Reports wall time and this process's CPU, each way, in
 * trials that alternate which way runs first, after both have opened their connections.
 * Writes into a schema of its own, dropped at the end.
 *
 *   node bench/tools/pg-appends.ts [--url postgres://postgres@127.0.0.1:5432/test] [--burst 30] [--turns 400] [--trials 3]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStorage } from '../../server/storage/postgres.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const url = arg('url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const burst = Number(arg('burst', '30'));
const turns = Number(arg('turns', '400'));
const trials = Number(arg('trials', '3'));
const schema = `entraide_bench_${randomBytes(4).toString('hex')}`;

const store = await PostgresStorage.connect(url, schema);
const pool = new pg.Pool({ connectionString: url, max: 10 });
// A sticky move's update is about 60 bytes.
const update = new Uint8Array(60).fill(7);

async function measure(appendTurn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let t = 0; t < turns; t++) await appendTurn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const grouped = () => Promise.all(Array.from({ length: burst }, (_, d) => store.appendUpdate(`doc-${d}`, update)));
const oneEach = () =>
  Promise.all(Array.from({ length: burst }, (_, d) => pool.query(`INSERT INTO ${schema}.doc_updates (doc_id, data) VALUES ($1, $2)`, [`doc-${d}`, Buffer.from(update)])));

const fmt = (r: { ms: number; cpuMs: number }) => `${r.ms.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms`;
try {
  // Both ways open their connections before any trial is timed.
  await Promise.all(Array.from({ length: 10 }, () => pool.query('SELECT 1')));
  await grouped();
  console.log(`${turns} turns of ${burst} updates from ${burst} documents`);
  for (let trial = 1; trial <= trials; trial++) {
    // Alternated: each way runs first in every other trial.
    const first = trial % 2 === 1;
    const single = first ? await measure(oneEach) : null;
    const group = await measure(grouped);
    const single2 = single ?? (await measure(oneEach));
    console.log(`trial ${trial}: one INSERT each ${fmt(single2)} | group commit ${fmt(group)} | CPU ${(group.cpuMs / single2.cpuMs).toFixed(2)}×, wall ${(group.ms / single2.ms).toFixed(2)}×`);
  }
} finally {
  await store.close();
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
}
