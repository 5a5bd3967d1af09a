/** What every scenario gets: the server under test, the sizes, and helpers to run it. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientSpec } from '../load/client.ts';
import type { LoadWorker } from '../load/pool.ts';
import type { RefusalTally } from '../load/refusals.ts';
import { freePort, type RunningProcess } from '../servers/launch.ts';
import type { RoomRef, ServerDef } from '../servers/index.ts';

export interface BenchConfig {
  seed: number;
  /** Runs of scenarios 1 and 2 per server, interleaved; the one least disturbed by other work is kept. */
  trials: number;
  /** Before each server's run, wait up to this long for other work to leave the cores. */
  quietWaitMs: number;
  s1: { clients: number; rate: number; durationS: number; stickiesPerClient: number };
  /**
   * `observerClients` at `observerRate` edits a second each: one more board, in a load process
   * of its own that does nothing else, whose latencies are the server's part of the tail
   * without the busy load generators' own stalls (0: none).
   */
  s2: {
    sessions: number;
    clientsPerSession: number;
    rate: number;
    durationS: number;
    workers: number;
    stickiesPerClient: number;
    observerClients: number;
    observerRate: number;
  };
  s3: { stickies: number; joiners: number; singleJoins: number };
  s4: { docs: number; stickiesPerDoc: number; unloadDelayMs: number };
  /** `restarts`: kill -9 and start again this many more times, for a median of the start. */
  s5: { sessions: number; clientsPerSession: number; rate: number; beforeKillS: number; afterSyncS: number; restarts: number };
  s6: { members: number; movers: number; cursorHz: number; draggers: number; editHz: number; durationS: number };
}

export const DEFAULT_CONFIG: BenchConfig = {
  seed: 20261201,
  trials: 2,
  quietWaitMs: 5000,
  s1: { clients: 30, rate: 2, durationS: 20, stickiesPerClient: 5 },
  s2: { sessions: 200, clientsPerSession: 10, rate: 0.5, durationS: 15, workers: 2, stickiesPerClient: 2, observerClients: 4, observerRate: 10 },
  s3: { stickies: 5000, joiners: 30, singleJoins: 3 },
  s4: { docs: 500, stickiesPerDoc: 20, unloadDelayMs: 5000 },
  s5: { sessions: 10, clientsPerSession: 10, rate: 1, beforeKillS: 5, afterSyncS: 3, restarts: 11 },
  s6: { members: 30, movers: 5, cursorHz: 10, draggers: 3, editHz: 2, durationS: 30 },
};

/** Seconds-long sizes for the smoke test: every code path, none of the load. */
export const SMOKE_CONFIG: BenchConfig = {
  seed: 7,
  trials: 1,
  quietWaitMs: 0,
  s1: { clients: 4, rate: 5, durationS: 1, stickiesPerClient: 2 },
  s2: { sessions: 4, clientsPerSession: 3, rate: 4, durationS: 1, workers: 2, stickiesPerClient: 1, observerClients: 2, observerRate: 4 },
  s3: { stickies: 200, joiners: 4, singleJoins: 1 },
  s4: { docs: 10, stickiesPerDoc: 3, unloadDelayMs: 300 },
  s5: { sessions: 2, clientsPerSession: 3, rate: 5, beforeKillS: 1, afterSyncS: 0.5, restarts: 2 },
  s6: { members: 6, movers: 2, cursorHz: 10, draggers: 2, editHz: 4, durationS: 1 },
};

export type FigureValue = number | string | null;

export interface ScenarioResult {
  figures: Record<string, FigureValue>;
  notes: string[];
}

export interface ScenarioContext {
  server: ServerDef;
  config: BenchConfig;
  cpuProfDir?: string;
  log: (message: string) => void;
}

export interface Column {
  key: string;
  label: string;
  /** 'n' is a count (shown rounded), 'x' a plain number (shown with its decimals). */
  unit: 'ms' | 's' | 'MB' | 'KB' | 'µs' | '%' | 'n' | 'x' | 'cores' | 'text';
  /** Show this figure's ratio to Entraide's. */
  ratio?: boolean;
}

export interface Scenario {
  id: string;
  /** Repeat per config.trials, keeping the trial with the least other work on the machine. */
  repeat?: boolean;
  title: string;
  columns: Column[];
  /** Why this scenario does not apply to a server, or null when it does. */
  notFor?: (server: ServerDef) => string | null;
  run: (ctx: ScenarioContext) => Promise<ScenarioResult>;
}

/** A started server plus what is needed to restart it on the same port and storage. */
export class ServerUnderTest {
  proc!: RunningProcess;
  port = 0;
  readonly dataDir: string;
  private readonly ctx: ScenarioContext;
  private readonly unloadDelayMs: number;

  constructor(ctx: ScenarioContext, unloadDelayMs = 30_000) {
    this.ctx = ctx;
    this.unloadDelayMs = unloadDelayMs;
    this.dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-${ctx.server.name}-`));
  }

  async start(): Promise<RunningProcess> {
    if (this.port === 0) this.port = await freePort();
    this.proc = await this.ctx.server.start({
      port: this.port,
      dataDir: this.dataDir,
      unloadDelayMs: this.unloadDelayMs,
      ...(this.ctx.cpuProfDir ? { cpuProfDir: this.ctx.cpuProfDir } : {}),
    });
    return this.proc;
  }

  room(index: number): Promise<RoomRef> {
    return this.ctx.server.createRoom(this.port, index);
  }

  async dispose(): Promise<void> {
    try {
      if (this.proc?.alive) {
        if (this.ctx.cpuProfDir) await this.proc.exitForProfile();
        else await this.proc.stop();
      }
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

export function spec(id: number, room: string, ref: RoomRef, server: ServerDef): ClientSpec {
  return { id, room, url: ref.url, protocol: server.protocol, docName: ref.docName, token: ref.token, ...(ref.enter ? { enter: ref.enter } : {}) };
}

/** Every scenario's last column: what the server refused of the load (bench/load/refusals.ts). */
export const REFUSED_COLUMN: Column = { key: 'refused', label: 'load writes refused', unit: 'n' };

/**
 * Permission-denied messages that reached any load client of these workers so far. The load
 * writes only what the session rules allow, so a refusal means the figures measured
 * something else (refused writes and the server's undo): the scenario fails, loudly.
 */
export async function checkRefusals(workers: LoadWorker[]): Promise<number> {
  const tallies = await Promise.all(workers.map((w) => w.call<RefusalTally>('refusals')));
  const total = tallies.reduce((n, t) => n + t.total, 0);
  if (total > 0) {
    const rule = tallies.reduce((n, t) => n + t.rule, 0);
    const sample = tallies.flatMap((t) => t.samples)[0] ?? '';
    throw new Error(`the server refused the load: ${total} permission-denied messages reached its clients (${rule} by the session rules), e.g. ${sample}`);
  }
  return total;
}

export const MB = 1024 * 1024;

export type { EditStats } from '../load/worker.ts';

export interface OpenResult {
  joinMs: number[];
  failed: number;
  errors: string[];
}

export function assertOpened(what: string, r: OpenResult): void {
  if (r.failed > 0) throw new Error(`${what}: ${r.failed} clients did not sync (${r.errors.join('; ')})`);
}
