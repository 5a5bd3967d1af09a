/** Starts one server process on loopback and watches it: readiness, CPU time, RSS, heap. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { sleep } from '../lib/stats.ts';
import { processCpuSeconds } from '../lib/system.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const probePath = path.join(import.meta.dirname, 'probe.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface LaunchOptions {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  /** Node.js flags of the server itself (Entraide's: scripts/server-node-flags.ts). */
  nodeFlags?: readonly string[];
  port: number;
  healthPath: string;
  /** Directory for a V8 CPU profile of this process; none when absent. */
  cpuProfDir?: string;
}

export interface MemorySample {
  heapUsed: number;
  rss: number;
}

/** The V8 heap as it is (no GC first), bytes: what part of an RSS figure is the heap's. */
export interface HeapSpaces {
  /** Every space's size, the young generation's included. */
  heapTotal: number;
  /** The young generation's size: V8 grows it after the start, up to its cap. */
  young: number;
  /** Memory outside the heap that V8 knows of (buffers, SQLite's is not in it). */
  external: number;
  rss: number;
}

export class RunningProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly name: string;
  readonly exited: Promise<number | null>;
  private output = '';
  private peakRss = 0;
  private sampler: NodeJS.Timeout | null = null;

  constructor(child: ChildProcess, name: string, port: number) {
    this.child = child;
    this.name = name;
    this.port = port;
    if (child.pid === undefined) throw new Error(`${name}: spawn failed`);
    this.pid = child.pid;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // BENCH_SERVER_LOG_DIR: each server process's whole output, to check a run afterwards
    // (e.g. with BENCH_ENTRAIDE_LOG_LEVEL=info, that Entraide logged no 'refused changes').
    const logDir = process.env.BENCH_SERVER_LOG_DIR;
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      const file = createWriteStream(path.join(logDir, `${name}-${child.pid}.log`), { flags: 'a' });
      child.stdout?.on('data', (chunk: Buffer) => file.write(chunk));
      child.stderr?.on('data', (chunk: Buffer) => file.write(chunk));
      child.once('exit', () => file.end());
    }
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.startSampling();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** User + system CPU seconds consumed so far. */
  cpuSeconds(): number {
    return processCpuSeconds(this.pid);
  }

  private status(field: 'VmRSS' | 'VmHWM'): number {
    try {
      const text = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text);
      return match?.[1] === undefined ? NaN : Number(match[1]) * 1024;
    } catch {
      return NaN;
    }
  }

  rssBytes(): number {
    return this.status('VmRSS');
  }

  /** Largest RSS seen by the 100 ms sampler since the last reset. */
  peakRssBytes(): number {
    return Math.max(this.peakRss, this.rssBytes() || 0);
  }

  resetPeak(): void {
    this.peakRss = this.rssBytes() || 0;
  }

  private startSampling(): void {
    this.sampler = setInterval(() => {
      const rss = this.rssBytes();
      if (rss > this.peakRss) this.peakRss = rss;
    }, 100);
    this.sampler.unref();
  }

  /** Heap after a full GC and RSS, as the server process itself reports them. */
  async memory(timeoutMs = 10_000): Promise<MemorySample> {
    const m = await this.ask('mem', timeoutMs);
    return { heapUsed: m.heapUsed ?? NaN, rss: m.rss ?? NaN };
  }

  /** The V8 heap's spaces now, without a GC (cheap: for a figure beside RSS). */
  async heapSpaces(timeoutMs = 10_000): Promise<HeapSpaces> {
    const m = await this.ask('heap-spaces', timeoutMs);
    return { heapTotal: m.heapTotal ?? NaN, young: m.young ?? NaN, external: m.external ?? NaN, rss: m.rss ?? NaN };
  }

  /**
   * Starts sampling the server's allocations (a check, not a measurement): all of them, the
   * collected ones included, or only those that outlived a young-generation collection.
   */
  async startAllocationSampling(kind: 'all' | 'promoted' = 'all'): Promise<void> {
    await this.ask('alloc-start', 10_000, { kind });
  }

  /** Stops sampling and writes the profile (`.heapprofile`, for bench/tools/heapprofile.ts or DevTools). */
  async stopAllocationSampling(file: string): Promise<void> {
    await this.ask('alloc-stop', 60_000, { file });
  }

  /** Writes a heap snapshot of the server to `file` (slow: for a check, not during a measurement). */
  async heapSnapshot(file: string): Promise<void> {
    await this.ask('heap', 120_000, { file });
  }

  /** Event-loop delay in the server since the last call (ms), from the probe's histogram. */
  loopDelay(timeoutMs = 10_000): Promise<{ p50: number; p99: number; max: number }> {
    return this.ask('loop', timeoutMs) as Promise<{ p50: number; p99: number; max: number }>;
  }

  private ask(probe: string, timeoutMs: number, args: Record<string, string> = {}): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`${this.name}: no ${probe} probe answer`));
      }, timeoutMs);
      const onMessage = (message: unknown): void => {
        const m = message as Record<string, number> & { probe?: string };
        if (m.probe !== probe) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(m);
      };
      this.child.on('message', onMessage);
      this.child.send({ ...args, probe });
    });
  }

  /** SIGTERM, as an orchestrator would; SIGKILL if it does not exit within 10 s. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!done) await this.kill9();
  }

  /** Exits through process.exit so that --cpu-prof writes its profile. */
  async exitForProfile(): Promise<void> {
    if (!this.alive) return;
    this.child.send({ probe: 'exit' });
    const done = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!done) await this.kill9();
  }

  async kill9(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

function httpStatus(port: number, pathname: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

export async function launch(options: LaunchOptions): Promise<RunningProcess> {
  const execArgv = [...(options.nodeFlags ?? []), '--expose-gc', '--import', probePath];
  if (options.cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  // BENCH_TRACE_GC=1: each collection of the server's heap, with its pause, in its output
  // (kept with BENCH_SERVER_LOG_DIR): where a latency tail comes from.
  if (process.env.BENCH_TRACE_GC) execArgv.push('--trace-gc');
  // BENCH_ENTRAIDE_FLAGS="--flag …": Node or V8 flags for Entraide's server alone, to try one
  // before making it the default of `npm start`.
  if (options.name === 'entraide' && process.env.BENCH_ENTRAIDE_FLAGS) execArgv.push(...process.env.BENCH_ENTRAIDE_FLAGS.split(/\s+/).filter(Boolean));
  const child = spawn(process.execPath, [...execArgv, options.script, ...(options.args ?? [])], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const running = new RunningProcess(child, options.name, options.port);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!running.alive) {
      throw new Error(`${options.name} exited before it was ready:\n${running.recentOutput}`);
    }
    if ((await httpStatus(options.port, options.healthPath)) === 200) {
      running.resetPeak();
      return running;
    }
    // Every 5 ms: "start to ready" (scenario 5) is read to within a poll (it was 50 ms, which
    // rounded every server's start up to the next multiple of about 55 ms).
    await sleep(5);
  }
  await running.kill9();
  throw new Error(`${options.name} was not ready within 30 s:\n${running.recentOutput}`);
}
