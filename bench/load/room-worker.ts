/**
 * The load-generator process of the "real room" scenario: every member of the room lives
 * here (so each latency is one clock read twice), each a stock provider (room-member.ts).
 * Commands arrive over IPC, as for worker.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seededRandom, sleep, waitUntil } from '../lib/stats.ts';
import type { ClientSpec } from './client.ts';
import { identify } from './identity.ts';
import { refusals } from './refusals.ts';
import { RoomMember } from './room-member.ts';

interface Request {
  id: number;
  cmd: string;
  args: Record<string, unknown>;
}

const members: RoomMember[] = [];
// y-websocket's provider adds a process 'exit' listener each: thirty is expected here.
process.setMaxListeners(0);
let editLatencies: number[] = [];
let cursorLatencies: number[] = [];
let recording = false;
const timers = new Set<NodeJS.Timeout>();
let running = false;
let movers: RoomMember[] = [];
let draggers: RoomMember[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpuAtStart = process.cpuUsage();
let wallAtStart = performance.now();

/** Members join one after another, each waiting for the previous one to be synced. */
async function open(args: { specs: ClientSpec[]; seed: number; timeoutMs: number }): Promise<{ failed: number; errors: string[] }> {
  const random = seededRandom(args.seed);
  const listeners = {
    onEdit: (ms: number) => recording && editLatencies.push(ms),
    onCursor: (ms: number) => recording && cursorLatencies.push(ms),
  };
  const deadline = Date.now() + args.timeoutMs;
  for (const spec of args.specs) {
    // It enters the session with a name first, outside the clock (bench/load/identity.ts).
    const member = new RoomMember({ ...spec, ...(await identify(spec)) }, 1 + Math.floor(random() * 0x7ffffffe), listeners);
    members.push(member);
    await waitUntil(() => member.synced || Date.now() > deadline, args.timeoutMs, 5);
  }
  // Everyone sees everyone before the clock starts.
  const n = members.length;
  await waitUntil(() => members.every((m) => m.synced && m.awareness.getStates().size >= n) || Date.now() > deadline, args.timeoutMs, 20);
  const failed = members.filter((m) => !m.synced || m.awareness.getStates().size < n);
  return {
    failed: failed.length,
    errors: failed.slice(0, 5).map((m) => `member ${m.spec.id}: ${m.synced ? 'synced' : 'not synced'}, sees ${m.awareness.getStates().size} of ${n} states`),
  };
}

/** The draggers each create their sticky; resolves once every member has all of them. */
async function prepare(args: { draggers: number; seed: number; timeoutMs: number }): Promise<{ ok: boolean }> {
  const random = seededRandom(args.seed);
  draggers = members.slice(-args.draggers);
  for (const m of draggers) m.createSticky(random);
  const ok = await waitUntil(() => members.every((m) => m.stickies.size >= draggers.length), args.timeoutMs, 20);
  return { ok };
}

/** Starts `movers` cursors at `cursorHz` and the draggers at `editHz`, at seeded phases. */
function start(args: { movers: number; cursorHz: number; editHz: number; seed: number }): { movers: number; draggers: number } {
  const random = seededRandom(args.seed);
  movers = members.slice(0, args.movers);
  editLatencies = [];
  cursorLatencies = [];
  for (const m of members) {
    m.lastEditSeq.clear();
    m.lastCursorSeq.clear();
    m.editSeq = 0;
    m.cursorSeq = 0;
    m.frames.reset();
    m.frames.counting = true;
  }
  recording = true;
  running = true;
  loopDelay.reset();
  cpuAtStart = process.cpuUsage();
  wallAtStart = performance.now();
  const t0 = performance.now();
  const every = (hz: number, act: () => void): void => {
    const interval = 1000 / hz;
    const phase = random() * interval;
    let n = 0;
    const tick = (): void => {
      if (!running) return;
      act();
      n++;
      const timer = setTimeout(tick, Math.max(0, t0 + phase + n * interval - performance.now()));
      timers.add(timer);
    };
    timers.add(setTimeout(tick, phase));
  };
  for (const m of movers) every(args.cursorHz, () => m.moveCursor(random));
  for (const m of draggers) every(args.editHz, () => m.drag(random));
  return { movers: movers.length, draggers: draggers.length };
}

/** What `stop` reports to the scenario. */
export interface RoomStats {
  editLatencies: Float64Array;
  cursorLatencies: Float64Array;
  edits: number;
  editsExpected: number;
  editsDelivered: number;
  cursorMoves: number;
  /** Every receiver saw each mover's last cursor position. */
  cursorsExpected: number;
  cursorsDelivered: number;
  framesFromServer: number;
  awarenessFramesFromServer: number;
  framesToServer: number;
  closes: number;
  members: number;
  loopMax: number;
  cpuPct: number;
}

function delivery(senders: RoomMember[], sent: (m: RoomMember) => number, seen: (receiver: RoomMember, sender: RoomMember) => number): { expected: number; delivered: number } {
  let expected = 0;
  let delivered = 0;
  for (const sender of senders) {
    for (const receiver of members) {
      if (receiver === sender) continue;
      expected += sent(sender);
      delivered += Math.min(seen(receiver, sender), sent(sender));
    }
  }
  return { expected, delivered };
}

const edits = (): { expected: number; delivered: number } =>
  delivery(draggers, (m) => m.editSeq, (r, s) => r.lastEditSeq.get(s.spec.id) ?? 0);
// Awareness is a state: a receiver must end with each mover's last position, not every one.
const cursors = (): { expected: number; delivered: number } =>
  delivery(movers, () => 1, (r, s) => ((r.lastCursorSeq.get(s.doc.clientID) ?? 0) >= s.cursorSeq ? 1 : 0));

async function stop(args: { drainMs: number }): Promise<RoomStats> {
  running = false;
  for (const t of timers) clearTimeout(t);
  timers.clear();
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuPct = (100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - wallAtStart);
  const loopMax = loopDelay.max / 1e6;
  await waitUntil(() => {
    const e = edits();
    const c = cursors();
    return e.delivered >= e.expected && c.delivered >= c.expected;
  }, args.drainMs);
  // Let the last relays and echoes land before the frames are read.
  await sleep(200);
  recording = false;
  for (const m of members) m.frames.counting = false;
  const e = edits();
  const c = cursors();
  const sum = (f: (m: RoomMember) => number): number => members.reduce((n, m) => n + f(m), 0);
  return {
    editLatencies: Float64Array.from(editLatencies),
    cursorLatencies: Float64Array.from(cursorLatencies),
    edits: sum((m) => m.editSeq),
    editsExpected: e.expected,
    editsDelivered: e.delivered,
    cursorMoves: sum((m) => m.cursorSeq),
    cursorsExpected: c.expected,
    cursorsDelivered: c.delivered,
    framesFromServer: sum((m) => m.frames.received),
    awarenessFramesFromServer: sum((m) => m.frames.receivedAwareness),
    framesToServer: sum((m) => m.frames.sent),
    closes: sum((m) => m.frames.closes),
    members: members.length,
    loopMax,
    cpuPct,
  };
}

function close(): { closed: number } {
  for (const m of members) m.destroy();
  const n = members.length;
  members.length = 0;
  return { closed: n };
}

const handlers: Record<string, (args: never) => unknown> = { open, prepare, start, stop, close, refusals };

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
