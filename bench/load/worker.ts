/**
 * A load-generator process. The harness forks one or more of these; each hosts whole rooms
 * (every client of a room in the same process), so a latency is one clock read twice in one
 * process: stamped by the sender into the edit, read by the receiver once the update is
 * applied. Commands arrive over IPC and are answered one by one (see pool.ts).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clockMs, seededRandom, sleep, waitUntil } from '../lib/stats.ts';
import { BenchClient, readStamp, type ClientSpec } from './client.ts';
import { identifyAll } from './identity.ts';
import { refusals } from './refusals.ts';

interface Request {
  id: number;
  cmd: string;
  args: Record<string, unknown>;
}

const clients = new Map<number, BenchClient>();
let latencies: number[] = [];
let recording = false;
// If the load generator itself stalls, its latencies say nothing about the server.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpuAtStart = process.cpuUsage();
let wallAtStart = performance.now();
const editTimers = new Map<number, NodeJS.Timeout>();
let editing = false;
/** Edits sent in the current phase per client id. */
const sent = new Map<number, number>();

function onEdit(receiver: BenchClient, senderId: number, seq: number, sentAt: number, now: number): void {
  if (!(seq > 0)) return;
  const last = receiver.lastSeq.get(senderId) ?? 0;
  if (seq > last) receiver.lastSeq.set(senderId, seq);
  if (recording) latencies.push(now - sentAt);
}

function roomsOf(list: Iterable<BenchClient>): Map<string, BenchClient[]> {
  const rooms = new Map<string, BenchClient[]>();
  for (const c of list) {
    const members = rooms.get(c.spec.room) ?? [];
    members.push(c);
    rooms.set(c.spec.room, members);
  }
  return rooms;
}

function deliveryCounts(): { expected: number; delivered: number; sentTotal: number } {
  let expected = 0;
  let delivered = 0;
  let sentTotal = 0;
  for (const members of roomsOf(clients.values()).values()) {
    for (const sender of members) {
      const n = sent.get(sender.spec.id) ?? 0;
      sentTotal += n;
      expected += n * (members.length - 1);
    }
    for (const receiver of members) {
      for (const sender of members) {
        if (sender !== receiver) delivered += Math.min(receiver.lastSeq.get(sender.spec.id) ?? 0, sent.get(sender.spec.id) ?? 0);
      }
    }
  }
  return { expected, delivered, sentTotal };
}

async function openClients(args: {
  specs: ClientSpec[];
  concurrency: number;
  timeoutMs: number;
  seed: number;
  autoReconnect?: boolean;
  renewEveryMs?: number;
  applyStep2?: boolean;
}): Promise<{ joinMs: number[]; failed: number; errors: string[] }> {
  const random = seededRandom(args.seed);
  const renewEveryMs = args.renewEveryMs ?? 15_000;
  const fresh: BenchClient[] = [];
  // Each enters the session with a name first (bench/load/identity.ts), before any client
  // connects: outside every join time (a spec the harness identified already is kept).
  const identified = await identifyAll(args.specs);
  for (const spec of identified) {
    const client = new BenchClient(spec, {
      clientId: 1 + Math.floor(random() * 0x7ffffffe),
      renewEveryMs,
      renewPhaseMs: Math.floor(random() * renewEveryMs),
      onEdit,
      onSynced: () => {},
    });
    client.autoReconnect = args.autoReconnect ?? false;
    client.applyStep2 = args.applyStep2 ?? true;
    clients.set(spec.id, client);
    fresh.push(client);
  }
  let next = 0;
  const deadline = Date.now() + args.timeoutMs;
  const lane = async (): Promise<void> => {
    while (next < fresh.length) {
      const client = fresh[next++];
      if (client === undefined) break;
      client.connect();
      await waitUntil(() => client.synced || client.errors.length > 0 || Date.now() > deadline, args.timeoutMs + 1000, 2);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(args.concurrency, fresh.length)) }, lane));
  await waitUntil(() => fresh.every((c) => c.synced) || Date.now() > deadline, args.timeoutMs, 5);
  const failed = fresh.filter((c) => !c.synced);
  return {
    joinMs: fresh.filter((c) => c.synced).map((c) => c.syncedAt - c.connectStartedAt),
    failed: failed.length,
    errors: failed.flatMap((c) => c.errors).slice(0, 5),
  };
}

/** Every client creates its own stickies, then waits until each room has all of them. */
async function ownStickies(args: { perClient: number; timeoutMs: number; seed: number }): Promise<{ ok: boolean }> {
  const random = seededRandom(args.seed);
  for (const client of clients.values()) {
    for (let i = 0; i < args.perClient; i++) client.createSticky(i, random, true);
    await sleep(0);
  }
  const rooms = roomsOf(clients.values());
  const ok = await waitUntil(
    () => [...rooms.values()].every((members) => members.every((c) => c.stickies.size >= members.length * args.perClient)),
    args.timeoutMs,
    20,
  );
  return { ok };
}

function startEdits(args: { rate: number; kind: 'move' | 'log'; seed: number; record: boolean; ids?: number[] }): { started: number } {
  const random = seededRandom(args.seed);
  latencies = [];
  recording = args.record;
  sent.clear();
  loopDelay.reset();
  cpuAtStart = process.cpuUsage();
  wallAtStart = performance.now();
  for (const c of clients.values()) {
    c.lastSeq.clear();
    c.seq = 0;
  }
  editing = true;
  const interval = 1000 / args.rate;
  const chosen = args.ids ? args.ids.map((id) => clients.get(id)).filter((c) => c !== undefined) : [...clients.values()];
  const t0 = performance.now();
  for (const client of chosen) {
    const phase = random() * interval;
    let n = 0;
    const tick = (): void => {
      if (!editing) return;
      if (args.kind === 'move') client.moveSticky(random);
      else client.logEdit();
      sent.set(client.spec.id, client.seq);
      n++;
      const due = t0 + phase + n * interval;
      editTimers.set(client.spec.id, setTimeout(tick, Math.max(0, due - performance.now())));
    };
    editTimers.set(client.spec.id, setTimeout(tick, phase));
  }
  return { started: chosen.length };
}

/** What `stopEdits` reports to the scenario that drives this worker. */
export interface EditStats {
  latencies: Float64Array;
  expected: number;
  delivered: number;
  sent: number;
  drainedMs: number;
  loopP99: number;
  loopMax: number;
  cpuPct: number;
}

async function stopEdits(args: { drainMs: number }): Promise<EditStats> {
  editing = false;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuPct = (100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - wallAtStart);
  const loopP99 = loopDelay.percentile(99) / 1e6;
  const loopMax = loopDelay.max / 1e6;
  for (const t of editTimers.values()) clearTimeout(t);
  editTimers.clear();
  const t0 = Date.now();
  await waitUntil(() => {
    const d = deliveryCounts();
    return d.delivered >= d.expected;
  }, args.drainMs);
  const drainedMs = Date.now() - t0;
  recording = false;
  const d = deliveryCounts();
  const out = Float64Array.from(latencies);
  latencies = [];
  return { latencies: out, expected: d.expected, delivered: d.delivered, sent: d.sentTotal, drainedMs, loopP99, loopMax, cpuPct };
}

/** One client creates `count` stickies, one update each, and waits for its socket to drain. */
async function build(args: { id: number; count: number; seed: number }): Promise<{ ms: number; bytes: number }> {
  const client = clients.get(args.id);
  if (client === undefined) throw new Error(`no client ${args.id}`);
  const random = seededRandom(args.seed);
  const t0 = performance.now();
  for (let i = 0; i < args.count; i++) {
    client.createSticky(i, random, false);
    if (i % 200 === 199) await sleep(0);
  }
  await waitUntil(() => (client.ws?.bufferedAmount ?? 0) === 0, 60_000, 10);
  return { ms: performance.now() - t0, bytes: (await import('yjs')).encodeStateAsUpdate(client.doc).byteLength };
}

function status(): { total: number; synced: number; lastSyncedAt: number; open: number; errors: string[] } {
  let synced = 0;
  let open = 0;
  let lastSyncedAt = 0;
  const errors: string[] = [];
  for (const c of clients.values()) {
    if (c.synced) {
      synced++;
      lastSyncedAt = Math.max(lastSyncedAt, c.syncedAt);
    }
    if (c.open) open++;
    errors.push(...c.errors.slice(0, 1));
  }
  return { total: clients.size, synced, lastSyncedAt, open, errors: errors.slice(0, 5) };
}

/** Recovery accounting: per room, what each sender sent and what each client holds. */
function logState(): { rooms: Record<string, { sent: number; minPresent: number; maxSeenSeq: Record<number, number> }> } {
  const rooms: Record<string, { sent: number; minPresent: number; maxSeenSeq: Record<number, number> }> = {};
  for (const [room, members] of roomsOf(clients.values())) {
    let total = 0;
    const maxSeenSeq: Record<number, number> = {};
    for (const sender of members) {
      total += sent.get(sender.spec.id) ?? 0;
      let seen = 0;
      for (const receiver of members) if (receiver !== sender) seen = Math.max(seen, receiver.lastSeq.get(sender.spec.id) ?? 0);
      maxSeenSeq[sender.spec.id] = seen;
    }
    rooms[room] = { sent: total, minPresent: Math.min(...members.map((c) => c.log.size)), maxSeenSeq };
  }
  return { rooms };
}

function counts(args: { ids: number[] }): { stickies: number[]; log: number[]; logKeys: string[][] } {
  const chosen = args.ids.map((id) => clients.get(id));
  return {
    stickies: chosen.map((c) => c?.stickies.size ?? -1),
    log: chosen.map((c) => c?.log.size ?? -1),
    // `<sender>:<seq>` of every logged edit held (each a visit note whose text is its stamp).
    logKeys: chosen.map((c) => (c ? [...c.log.values()].map((note) => readStamp(note.get('text'))).filter((s) => s !== null).map((s) => `${s.by}:${s.seq}`) : [])),
  };
}

function closeClients(args: { ids?: number[] }): { closed: number } {
  const ids = args.ids ?? [...clients.keys()];
  for (const id of ids) {
    clients.get(id)?.destroy();
    clients.delete(id);
  }
  return { closed: ids.length };
}

const handlers: Record<string, (args: never) => unknown> = {
  open: openClients,
  ownStickies,
  startEdits,
  stopEdits,
  build,
  status,
  logState,
  counts,
  close: closeClients,
  hold: () => {
    for (const c of clients.values()) c.held = true;
    return {};
  },
  resume: () => {
    for (const c of clients.values()) c.resume();
    return {};
  },
  clock: () => ({ now: clockMs() }),
  // Every permission-denied message any client of this process got (bench/load/refusals.ts).
  refusals,
};

process.on('message', (message: Request) => {
  void (async () => {
    try {
      const handler = handlers[message.cmd];
      if (handler === undefined) throw new Error(`unknown command ${message.cmd}`);
      const result = await handler(message.args as never);
      process.send?.({ id: message.id, ok: true, result });
    } catch (err) {
      process.send?.({ id: message.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
