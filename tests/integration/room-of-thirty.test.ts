// A club session is 15 to 30 people in one room, each with y-websocket's stock provider,
// which re-broadcasts every awareness change it receives. These tests hold the server to
// what such a room needs: everyone stays connected, echoes are absorbed, and nobody
// speaks for another; on one instance and on two behind Redis.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { awarenessFrame } from '../../server/sync/messages.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import { DATABASE_URL, usePostgresSchemas } from '../helpers/postgres.ts';

const newSchema = usePostgresSchemas();

const ROOM = 30;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Member {
  provider: WebsocketProvider;
  name: string;
}

/** The awareness state the client sets: who (name, colour, participant) and which view. */
function joinAsClient(server: TestServer, sessionId: string, token: string, i: number): Member {
  const provider = connectProvider(server.ws, sessionId, token);
  const name = `Membre ${i + 1}`;
  provider.awareness.setLocalState({
    user: { name, color: `hsl(${(i * 37) % 360} 70% 45%)`, participantId: `p-${i}` },
    view: 'board',
    cursor: null,
  });
  return { provider, name };
}

const namesSeenBy = (m: Member) =>
  [...m.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean);

/** Resolves when `check` holds for this provider's view of who is here. */
function whenAwareness(m: Member, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const onChange = () => {
      if (!check()) return;
      m.provider.awareness.off('change', onChange);
      resolve();
    };
    m.provider.awareness.on('change', onChange);
  });
}

/** The client ids an awareness frame (message type 1) speaks for; [] for other frames. */
function awarenessIdsIn(frame: Uint8Array): number[] {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== 1) return [];
  const u = decoding.createDecoder(decoding.readVarUint8Array(d));
  const ids: number[] = [];
  const n = decoding.readVarUint(u);
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(u));
    decoding.readVarUint(u);
    decoding.readVarString(u);
  }
  return ids;
}

function rawAwareness(entries: Array<[number, number, object | null]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return awarenessFrame(encoding.toUint8Array(e));
}

/**
 * The whole scenario, with member i served by servers[i % servers.length]: 30 join one
 * after another, a cursor moves, a raw client impersonates, a tab closes.
 */
async function roomOfThirty(servers: TestServer[]): Promise<void> {
  const session = await createSession(servers[0]!.http);
  const members: Member[] = [];
  for (let i = 0; i < ROOM; i++) {
    const m = joinAsClient(servers[i % servers.length]!, session.id, session.tokens.member, i);
    members.push(m);
    await whenSynced(m.provider);
  }
  let closes = 0;
  for (const m of members) m.provider.on('connection-close', () => (closes += 1));

  // Everyone sees all thirty, and stays connected.
  await Promise.all(members.map((m) => whenAwareness(m, () => namesSeenBy(m).length === ROOM)));
  for (const m of members) expect(m.provider.wsconnected && m.provider.synced).toBe(true);

  // A silent listener with a raw socket (the read-only screen link), on the first instance.
  const opened = await openRaw(`${servers[0]!.ws}/yjs/${session.id}?token=${session.tokens.screen}`);
  if (opened.kind !== 'open') throw new Error(`listener refused with ${opened.status}`);
  const listener: WebSocket = opened.ws;
  const frames = collectFrames(listener);
  const mover = members[ROOM - 1]!;
  const moverId = mover.provider.awareness.clientID;
  // Once the listener has the mover's current state, what follows is the moves' traffic.
  await vi.waitFor(() => expect(frames.some((f) => awarenessIdsIn(f).includes(moverId))).toBe(true));
  const before = frames.length;

  for (let step = 1; step <= 10; step++) mover.provider.awareness.setLocalStateField('cursor', { x: step * 10, y: step * 5 });
  const sawLastMove = (m: Member) => () => (m.provider.awareness.getStates().get(moverId)?.cursor as { x?: number } | null | undefined)?.x === 100;
  await Promise.all(members.map((m) => whenAwareness(m, sawLastMove(m))));
  // Barrier: every other member says something after it applied the last move. Its echo
  // of the move, if any, left on the same socket before, so the server has handled it
  // once the listener hears the acknowledgement.
  const others = members.filter((m) => m !== mover);
  for (const m of others) m.provider.awareness.setLocalStateField('ack', 1);
  const acked = new Set(others.map((m) => m.provider.awareness.clientID));
  await vi.waitFor(() => {
    const heard = new Set(frames.slice(before).flatMap(awarenessIdsIn));
    expect([...acked].filter((id) => !heard.has(id))).toEqual([]);
  });
  const aboutMover = frames.slice(before).filter((f) => awarenessIdsIn(f).includes(moverId));
  // At most one frame per move: the 29 echoes of each move were absorbed, not relayed, and
  // moves the server reads in one event-loop turn leave in one frame (Room.#relayAwareness).
  expect(aboutMover.length).toBeGreaterThanOrEqual(1);
  expect(aboutMover.length).toBeLessThanOrEqual(11);

  // A raw client with a member link speaks for someone else: newer clock, new name, removal.
  const victim = members[0]!;
  const victimId = victim.provider.awareness.clientID;
  const forger = await openRaw(`${servers[servers.length - 1]!.ws}/yjs/${session.id}?token=${session.tokens.member}`);
  if (forger.kind !== 'open') throw new Error('forger refused');
  const forgerClock = 1_000_000;
  forger.ws.send(rawAwareness([[victimId, forgerClock, { user: { name: 'Usurpateur' }, view: 'board', cursor: null }]]));
  forger.ws.send(rawAwareness([[victimId, forgerClock + 1, null]]));
  // Its own state, sent after: once everyone has it, the forgeries were handled.
  const forgerOwnId = 424242;
  forger.ws.send(rawAwareness([[forgerOwnId, 1, { user: { name: 'Témoin' } }]]));
  await Promise.all(members.map((m) => whenAwareness(m, () => m.provider.awareness.getStates().has(forgerOwnId))));
  for (const m of members) expect((m.provider.awareness.getStates().get(victimId)?.user as { name?: string } | undefined)?.name).toBe(victim.name);
  expect(closes).toBe(0);
  forger.ws.close();

  // A tab closes without a word (its socket drops): its state disappears for everyone.
  const leaving = members[ROOM - 2]!;
  const leavingId = leaving.provider.awareness.clientID;
  leaving.provider.shouldConnect = false;
  const startedAt = Date.now();
  (leaving.provider.ws as unknown as WebSocket).terminate();
  const stayed = members.filter((m) => m !== leaving);
  await Promise.all(stayed.map((m) => whenAwareness(m, () => !m.provider.awareness.getStates().has(leavingId))));
  expect(Date.now() - startedAt).toBeLessThan(1000);

  listener.close();
  destroyAll(...members.map((m) => m.provider));
}

describe('a room of thirty', () => {
  it('thirty stock providers on one instance: all connected and synced, echoes absorbed, nobody speaks for another', async () => {
    const server = await startServer();
    try {
      await roomOfThirty([server]);
    } finally {
      await server.close();
    }
  });

  it('the same room split over two instances behind Redis', async () => {
    const schema = newSchema();
    const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL };
    const a = await startServer({ ...cfg, dataDir: tempDir() });
    const b = await startServer({ ...cfg, dataDir: tempDir() });
    try {
      await roomOfThirty([a, b]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('someone standing still on one instance is seen at once by a newcomer served by another', async () => {
    const schema = newSchema();
    const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL };
    const a = await startServer({ ...cfg, dataDir: tempDir() });
    const b = await startServer({ ...cfg, dataDir: tempDir() });
    const members: Member[] = [];
    try {
      const session = await createSession(a.http);
      // A raw client on the first instance says who it is once and never renews it (a
      // stock provider renews every 15 s, which hid the gap).
      const opened = await openRaw(`${a.ws}/yjs/${session.id}?token=${session.tokens.member}`);
      if (opened.kind !== 'open') throw new Error(`refused with ${opened.status}`);
      const stillId = 424242;
      opened.ws.send(rawAwareness([[stillId, 1, { user: { name: 'Immobile' } }]]));
      const onA = joinAsClient(a, session.id, session.tokens.member, 0);
      members.push(onA);
      await whenAwareness(onA, () => onA.provider.awareness.getStates().has(stillId));
      // The room loads on the second instance with this newcomer, who sees both at once.
      const onB = joinAsClient(b, session.id, session.tokens.member, 1);
      members.push(onB);
      await vi.waitFor(() => expect(namesSeenBy(onB).sort()).toEqual(['Immobile', 'Membre 1', 'Membre 2']), { timeout: 10_000 });
      opened.ws.close();
    } finally {
      destroyAll(...members.map((m) => m.provider));
      await Promise.all([a.close(), b.close()]);
    }
  });
});
