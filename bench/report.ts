/** Tables (console and Markdown), the goals verdict, and the results files. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchConfig, Column, FigureValue, Scenario, ScenarioResult } from './scenarios/context.ts';
import { SERVERS, type ServerName } from './servers/index.ts';

export interface ServerOutcome extends Partial<ScenarioResult> {
  error?: string;
  skipped?: string;
  seconds?: number;
  /** Every trial's figures when the scenario was repeated; `figures` is the one kept. */
  trials?: ScenarioResult['figures'][];
}

export interface BenchRun {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string; loadAtStart: number[]; loadAtEnd?: number[] };
  versions: Record<string, string>;
  config: BenchConfig;
  servers: ServerName[];
  scenarios: { id: string; title: string; columns: Column[]; results: Partial<Record<ServerName, ServerOutcome>> }[];
  durationS: number;
}

export function machine(): BenchRun['machine'] {
  return {
    cpu: os.cpus()[0]?.model ?? '?',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function formatNumber(v: number, unit: Column['unit']): string {
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'n') return String(Math.round(v));
  if (unit === 'cores') return v.toFixed(2);
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toFixed(digits);
}

function cell(value: FigureValue | undefined, column: Column, reference: FigureValue | undefined): string {
  if (value === undefined || value === null) return 'n/a';
  if (typeof value === 'string') return value;
  const unit = column.unit === 'text' || column.unit === 'n' || column.unit === 'x' ? '' : ` ${column.unit}`;
  let text = `${formatNumber(value, column.unit)}${unit}`;
  if (column.ratio && typeof reference === 'number' && reference > 0 && Number.isFinite(value)) {
    text += ` (${(value / reference).toFixed(2)}×)`;
  }
  return text;
}

export function scenarioTable(scenario: BenchRun['scenarios'][number], servers: ServerName[]): string {
  const reference = scenario.results.entraide?.figures;
  const header = ['server', ...scenario.columns.map((c) => c.label)];
  const rows = servers.map((name) => {
    const outcome = scenario.results[name];
    const label = SERVERS[name].label;
    if (outcome === undefined) return [label, ...scenario.columns.map(() => '')];
    if (outcome.error !== undefined) return [label, `failed: ${outcome.error.split('\n')[0]?.slice(0, 120)}`, ...scenario.columns.slice(1).map(() => '')];
    if (outcome.skipped !== undefined) return [label, `skipped: ${outcome.skipped}`, ...scenario.columns.slice(1).map(() => '')];
    return [label, ...scenario.columns.map((c) => cell(outcome.figures?.[c.key], c, reference?.[c.key]))];
  });
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  const notes = servers.flatMap((name) => scenario.results[name]?.notes ?? []);
  return [...lines, ...(notes.length > 0 ? ['', ...[...new Set(notes)].map((n) => `- ${n}`)] : [])].join('\n');
}

function num(run: BenchRun, scenarioId: string, server: ServerName, key: string): number | null {
  const v = run.scenarios.find((s) => s.id === scenarioId)?.results[server]?.figures?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Entraide against the goals of issue 5 and the design's figures, from this run only. */
export function goals(run: BenchRun): string[] {
  const out: string[] = [];
  // The best peer is the best of all three, in memory or not: adding one only makes it stricter.
  const peers: ServerName[] = ['ywebsocket', 'ywebsocketDurable', 'hocuspocus'];
  const check = (label: string, ours: number | null, limit: number | null, factor = 1): void => {
    if (ours === null || limit === null) return;
    const ok = ours <= limit * factor;
    out.push(`- ${ok ? 'met' : 'NOT met'}: ${label}: ${ours.toFixed(2)} vs ${(limit * factor).toFixed(2)}`);
  };
  const bestPeer = (scenarioId: string, key: string): number | null => {
    const values = peers.map((p) => num(run, scenarioId, p, key)).filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.min(...values);
  };
  check('scenario 1 p99 no worse than the best peer (ms)', num(run, 'scenario1', 'entraide', 'p99'), bestPeer('scenario1', 'p99'));
  check('scenario 1 p99 within 1.5x of the bare relay (ms)', num(run, 'scenario1', 'entraide', 'p99'), num(run, 'scenario1', 'relay', 'p99'), 1.5);
  // Issue 9: the rule check on every update, against a baseline checkout run beside it.
  check(
    'scenario 1 server CPU per delivered update within 1.2x of the baseline checkout (µs)',
    num(run, 'scenario1', 'entraide', 'cpuPerUpdate'),
    num(run, 'scenario1', 'entraideBaseline', 'cpuPerUpdate'),
    1.2,
  );
  // The design's "no more than the y-websocket reference server's, with durable storage on":
  // against the reference server with its own durable storage (y-leveldb), and in memory.
  check('scenario 1 server CPU per delivered update no more than y-websocket with its durable storage on (µs)', num(run, 'scenario1', 'entraide', 'cpuPerUpdate'), num(run, 'scenario1', 'ywebsocketDurable', 'cpuPerUpdate'));
  check('scenario 1 server CPU per delivered update no more than y-websocket in memory (µs)', num(run, 'scenario1', 'entraide', 'cpuPerUpdate'), num(run, 'scenario1', 'ywebsocket', 'cpuPerUpdate'));
  check('scenario 2 p99 no worse than the best peer (ms)', num(run, 'scenario2', 'entraide', 'p99'), bestPeer('scenario2', 'p99'));
  check('scenario 2 p99 within 2x of the bare relay (ms, design figure)', num(run, 'scenario2', 'entraide', 'p99'), num(run, 'scenario2', 'relay', 'p99'), 2);
  check('scenario 2 server CPU per delivered update no more than y-websocket with its durable storage on (µs)', num(run, 'scenario2', 'entraide', 'cpuPerUpdate'), num(run, 'scenario2', 'ywebsocketDurable', 'cpuPerUpdate'));
  check('scenario 2 server CPU per delivered update no more than y-websocket in memory (µs)', num(run, 'scenario2', 'entraide', 'cpuPerUpdate'), num(run, 'scenario2', 'ywebsocket', 'cpuPerUpdate'));
  check('scenario 2 peak RSS above idle no more than the leanest peer (MB)', num(run, 'scenario2', 'entraide', 'peakRssAboveIdle'), bestPeer('scenario2', 'peakRssAboveIdle'));
  check('scenario 3 one client joining no slower than the best peer (ms)', num(run, 'scenario3', 'entraide', 'one'), bestPeer('scenario3', 'one'));
  check('scenario 3 thirty joining at once no slower than the best peer (ms)', num(run, 'scenario3', 'entraide', 'burstMax'), bestPeer('scenario3', 'burstMax'));
  check('scenario 3 thirty at once, last sync step 2 received, vs the best peer (ms)', num(run, 'scenario3', 'entraide', 'burstServedMax'), bestPeer('scenario3', 'burstServedMax'));
  check('scenario 3 one client, board loaded from storage, vs the best peer in memory (ms)', num(run, 'scenario3', 'entraide', 'oneStored'), bestPeer('scenario3', 'one'));
  check('scenario 3 one client, board loaded from storage, within 1.5x of the best peer in memory (ms, issue 14)', num(run, 'scenario3', 'entraide', 'oneStored'), bestPeer('scenario3', 'one'), 1.5);
  check('scenario 3 thirty at once, loaded from storage, vs the best peer in memory (ms)', num(run, 'scenario3', 'entraide', 'burstStoredMax'), bestPeer('scenario3', 'burstMax'));
  check('scenario 3 thirty at once from storage, last step 2 received, vs the best peer in memory (ms)', num(run, 'scenario3', 'entraide', 'burstStoredServedMax'), bestPeer('scenario3', 'burstServedMax'));
  const unloaded = run.scenarios.find((s) => s.id === 'scenario4')?.results.entraide?.figures?.unloaded;
  if (typeof unloaded === 'string') out.push(`- ${unloaded === 'yes' ? 'met' : 'NOT met'}: scenario 4 idle documents unloaded: ${unloaded}`);
  const lost = num(run, 'scenario5', 'entraide', 'lost');
  if (lost !== null) out.push(`- ${lost === 0 ? 'met' : 'NOT met'}: scenario 5 zero lost edits: ${lost}`);
  const lostOnServer = num(run, 'scenario5', 'entraide', 'lostOnServer');
  if (lostOnServer !== null) out.push(`- ${lostOnServer === 0 ? 'met' : 'NOT met'}: scenario 5 every relayed edit durable across kill -9: ${lostOnServer} missing`);
  check('scenario 5 kill to all synced no slower than the best peer (ms)', num(run, 'scenario5', 'entraide', 'resyncFromKill'), bestPeer('scenario5', 'resyncFromKill'));
  check('scenario 5 start to ready no slower than the best peer (ms, median of the restarts)', num(run, 'scenario5', 'entraide', 'startMedianMs'), bestPeer('scenario5', 'startMedianMs'));
  check('scenario 6 awareness frames per cursor move no more than the best peer', num(run, 'scenario6', 'entraide', 'framesPerMove'), bestPeer('scenario6', 'framesPerMove'));
  check('scenario 6 server CPU no more than the best peer (s)', num(run, 'scenario6', 'entraide', 'cpuS'), bestPeer('scenario6', 'cpuS'));
  check('scenario 6 edit p99 no worse than the best peer (ms)', num(run, 'scenario6', 'entraide', 'editP99'), bestPeer('scenario6', 'editP99'));
  const roomDelivered = num(run, 'scenario6', 'entraide', 'delivered');
  if (roomDelivered !== null) out.push(`- ${roomDelivered === 100 ? 'met' : 'NOT met'}: scenario 6 every edit delivered: ${roomDelivered.toFixed(2)} %`);
  const roomCloses = num(run, 'scenario6', 'entraide', 'closes');
  if (roomCloses !== null) out.push(`- ${roomCloses === 0 ? 'met' : 'NOT met'}: scenario 6 nobody dropped: ${roomCloses} sockets closed`);
  return out;
}

export function renderRun(run: BenchRun, scenarios: Scenario[]): string {
  const parts: string[] = [];
  parts.push(`Run of ${run.date} on ${run.machine.cores} cores (${run.machine.cpu}), ${run.machine.memoryGiB} GiB, ${run.machine.os}, Node ${run.machine.node}; seed ${run.config.seed}; ${run.durationS.toFixed(0)} s in all.`);
  parts.push('');
  parts.push(`Load average (1, 5, 15 min) at start ${run.machine.loadAtStart.join(', ')}, at end ${run.machine.loadAtEnd?.join(', ') ?? '?'}: anything above ~1 means other work shared the two cores with the run.`);
  parts.push('');
  parts.push('Versions:');
  for (const [name, version] of Object.entries(run.versions)) parts.push(`- ${name}: ${version}`);
  for (const scenario of run.scenarios) {
    const def = scenarios.find((s) => s.id === scenario.id);
    parts.push('', `### ${scenario.id}: ${def?.title ?? scenario.title}`, '', scenarioTable(scenario, run.servers));
  }
  const verdicts = goals(run);
  if (verdicts.length > 0) parts.push('', '### Goals (Entraide, this run)', '', ...verdicts);
  return parts.join('\n');
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

export function writeResults(run: BenchRun, scenarios: Scenario[], outDir: string, resultsMd: string | null): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${run.date.replace(/[:]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  if (resultsMd !== null) {
    const generated = `${BEGIN}\n${renderRun(run, scenarios)}\n${END}`;
    const previous = existsSync(resultsMd) ? readFileSync(resultsMd, 'utf8') : '';
    const start = previous.indexOf(BEGIN);
    const end = previous.indexOf(END);
    const next =
      start >= 0 && end > start
        ? `${previous.slice(0, start)}${generated}${previous.slice(end + END.length)}`
        : `# Benchmark results\n\n${generated}\n`;
    writeFileSync(resultsMd, next);
  }
  return file;
}
