/**
 * `npm run bench`: every scenario against every server, one server process at a time, the
 * same load generator for all. Prints one table per scenario, writes bench/results/<date>.json
 * and the generated part of bench/RESULTS.md.
 *
 *   node bench/run.ts [--only scenario1,scenario3] [--servers entraide,relay] [--smoke]
 *                     [--set s2.sessions=50] [--seed N] [--trials N] [--out DIR] [--md FILE | --no-md]
 *                     [--cpu-prof DIR]
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, renderRun, scenarioTable, writeResults, type BenchRun, type ServerOutcome } from './report.ts';
import { DEFAULT_CONFIG, SMOKE_CONFIG, type BenchConfig, type Scenario, type ScenarioResult } from './scenarios/context.ts';
import { scenario3 } from './scenarios/join.ts';
import { scenario4 } from './scenarios/memory.ts';
import { scenario1, scenario2 } from './scenarios/propagation.ts';
import { scenario5 } from './scenarios/recovery.ts';
import { scenario6 } from './scenarios/room.ts';
import { SERVER_NAMES, SERVERS, type ServerName } from './servers/index.ts';
import { waitForQuiet } from './lib/system.ts';
import { buildIfNeeded } from '../scripts/build-if-needed.ts';

export const SCENARIOS: Scenario[] = [scenario1, scenario2, scenario3, scenario4, scenario5, scenario6];
const SCENARIO_TIMEOUT_MS = 5 * 60_000;

interface Options {
  only: string[];
  servers: ServerName[];
  config: BenchConfig;
  outDir: string;
  resultsMd: string | null;
  cpuProfDir: string | null;
}

function setPath(config: BenchConfig, assignment: string): void {
  const [key, raw] = assignment.split('=');
  const value = Number(raw);
  const parts = (key ?? '').split('.');
  const record = config as unknown as Record<string, unknown>;
  const target = (parts.length === 2 ? record[parts[0] ?? ''] : record) as Record<string, unknown> | undefined;
  const field = parts.at(-1) ?? '';
  if (target === undefined || typeof target[field] !== 'number' || !Number.isFinite(value) || parts.length > 2) {
    throw new Error(`--set ${assignment}: expected e.g. s2.sessions=50 or quietWaitMs=0`);
  }
  target[field] = value;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const config = structuredClone(smoke ? SMOKE_CONFIG : DEFAULT_CONFIG);
  argv.forEach((arg, i) => {
    if (arg === '--set') setPath(config, argv[i + 1] ?? '');
  });
  const seed = value('--seed');
  if (seed !== undefined) config.seed = Number(seed);
  const trials = value('--trials');
  if (trials !== undefined) config.trials = Number(trials);
  const only = (value('--only') ?? process.env.BENCH_ONLY ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => (/^\d$/.test(s) ? `scenario${s}` : s));
  for (const id of only) if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario ${id}`);
  // The baseline checkout runs only when one is named (BENCH_ENTRAIDE_BASELINE_MAIN).
  const defaults = SERVER_NAMES.filter((n) => n !== 'entraideBaseline' || process.env.BENCH_ENTRAIDE_BASELINE_MAIN);
  const servers = (value('--servers') ?? process.env.BENCH_SERVERS ?? defaults.join(',')).split(',').filter(Boolean) as ServerName[];
  for (const s of servers) if (!SERVER_NAMES.includes(s)) throw new Error(`unknown server ${s} (${SERVER_NAMES.join(', ')})`);
  const here = import.meta.dirname;
  const md = value('--md');
  return {
    only,
    servers,
    config,
    outDir: path.resolve(value('--out') ?? path.join(here, 'results')),
    resultsMd: argv.includes('--no-md') ? null : path.resolve(md ?? path.join(here, 'RESULTS.md')),
    cpuProfDir: value('--cpu-prof') ?? null,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
    }),
  ]);
}

/**
 * Of repeated trials, those least disturbed by other work on the machine (within 0.1 core of
 * the quietest) are kept, and each figure is their median. The selection looks only at the
 * other work, never at the figures.
 */
function pickTrial(label: string, outcomes: ServerOutcome[]): ServerOutcome {
  const ok = outcomes.filter((o) => o.error === undefined && o.figures !== undefined);
  if (ok.length === 0) return outcomes[0] ?? { error: 'no trial ran' };
  if (outcomes.length === 1) return ok[0] ?? outcomes[0]!;
  // A trial whose reading of other work failed (not a finite number) counts as the noisiest.
  const other = (o: ServerOutcome): number => (Number.isFinite(o.figures?.otherCores) ? (o.figures?.otherCores as number) : Infinity);
  const quietest = Math.min(...ok.map(other));
  const kept = ok.filter((o) => other(o) <= quietest + 0.1);
  const figures: ScenarioResult['figures'] = {};
  for (const key of Object.keys(kept[0]?.figures ?? {})) {
    const values = kept.map((o) => o.figures?.[key]);
    const numbers = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    if (numbers.length !== values.length || numbers.length === 0) {
      figures[key] = values[0] ?? null;
      continue;
    }
    const mid = numbers.length / 2;
    figures[key] = Number.isInteger(mid) ? ((numbers[mid - 1] ?? 0) + (numbers[mid] ?? 0)) / 2 : (numbers[Math.floor(mid)] ?? null);
  }
  const which = kept.map((o) => outcomes.indexOf(o) + 1).join(' and ');
  return {
    figures,
    trials: outcomes.map((o) => o.figures ?? {}),
    notes: [
      ...new Set(kept.flatMap((o) => o.notes ?? [])),
      `${label}: median of trial${kept.length > 1 ? 's' : ''} ${which} of ${outcomes.length} (the least disturbed by other work); every trial is in the JSON file`,
    ],
    seconds: outcomes.reduce((n, o) => n + (o.seconds ?? 0), 0),
  };
}

export async function runBench(options: Options): Promise<{ run: BenchRun; file: string }> {
  const started = performance.now();
  // Entraide runs as `npm start` runs it: the built server (scripts/build-server.ts).
  if (options.servers.some((name) => name.startsWith('entraide'))) buildIfNeeded(['server']);
  const scenarios = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.id));
  const versions: Record<string, string> = {};
  for (const name of options.servers) versions[SERVERS[name].label] = SERVERS[name].version();
  const run: BenchRun = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: machine(),
    versions,
    config: options.config,
    servers: options.servers,
    scenarios: [],
    durationS: 0,
  };
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  for (const scenario of scenarios) {
    const entry: BenchRun['scenarios'][number] = { id: scenario.id, title: scenario.title, columns: scenario.columns, results: {} };
    run.scenarios.push(entry);
    console.log(`\n== ${scenario.id}: ${scenario.title}`);
    const trials = scenario.repeat ? Math.max(1, options.config.trials) : 1;
    const runs: Partial<Record<ServerName, ServerOutcome[]>> = {};
    for (let trial = 1; trial <= trials; trial++) {
      for (const name of options.servers) {
        const server = SERVERS[name];
        const unavailable = server.available() ?? scenario.notFor?.(server) ?? null;
        if (unavailable !== null) {
          entry.results[name] = { skipped: unavailable };
          if (trial === 1) console.log(`${server.label}: skipped (${unavailable})`);
          continue;
        }
        // A shared machine: start when other work leaves the cores alone, if it does soon.
        const quiet = options.config.quietWaitMs > 0 ? await waitForQuiet(options.config.quietWaitMs) : null;
        const before = quiet ? ` (other work ${quiet.otherCores.toFixed(2)} cores after waiting ${(quiet.waitedMs / 1000).toFixed(1)} s)` : '';
        console.log(`${server.label}${trials > 1 ? ` (trial ${trial}/${trials})` : ''}:${before}`);
        const t0 = performance.now();
        let outcome: ServerOutcome;
        try {
          const result = await withTimeout(
            scenario.run({
              server,
              config: options.config,
              log: (m) => console.log(m),
              ...(options.cpuProfDir ? { cpuProfDir: path.resolve(options.cpuProfDir, `${scenario.id}-${name}-${trial}`) } : {}),
            }),
            SCENARIO_TIMEOUT_MS,
          );
          outcome = { ...result };
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          console.log(`  failed: ${message}`);
          outcome = { error: message };
        }
        outcome.seconds = (performance.now() - t0) / 1000;
        (runs[name] ??= []).push(outcome);
      }
    }
    for (const [name, outcomes] of Object.entries(runs) as [ServerName, ServerOutcome[]][]) {
      entry.results[name] = pickTrial(SERVERS[name].label, outcomes);
    }
    console.log(`\n${scenarioTable(entry, options.servers)}`);
  }
  run.durationS = (performance.now() - started) / 1000;
  run.machine.loadAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const file = writeResults(run, scenarios, options.outDir, options.resultsMd);
  console.log(`\n${renderRun(run, scenarios)}\n\nwrote ${file}${options.resultsMd ? ` and ${options.resultsMd}` : ''}`);
  return { run, file };
}

// Run as a script: by node, or by scripts/with-node-24.mjs, which imports it (import.meta.main is then false).
if (import.meta.main || process.argv[1] === import.meta.filename) {
  await runBench(parseOptions(process.argv.slice(2)));
  // Timers of finished clients must not hold the run open.
  process.exit(0);
}
