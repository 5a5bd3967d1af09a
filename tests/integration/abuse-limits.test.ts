import { describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { defaultConfig, type Config } from '../../server/config.ts';
import { awarenessFrame, MessageType, syncStep1Frame, updateFrame } from '../../server/sync/messages.ts';
import { CloseCode, writeRefusalKind } from '../../shared/protocol.ts';
import { addVisitNote, getVisitNotes, removeVisitNote } from '../../shared/session/index.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, refusalReasons, whenClosed, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, whenPresence } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';
import { joinAs } from '../helpers/access.ts';
import { addNote, enter, noteTexts } from '../helpers/session-text.ts';
import type { Person } from '../../shared/session/index.ts';

const base = defaultConfig();
const budget = (patch: Partial<Config['syncBudget']>): Partial<Config> => ({ syncBudget: { ...base.syncBudget, ...patch } });

async function raw(url: string) {
  const opened = await openRaw(url);
  if (opened.kind !== 'open') throw new Error(`refused with ${opened.status}`);
  return { ws: opened.ws, frames: collectFrames(opened.ws) };
}

/** Update frames (sync type 2) among `frames`. */
const updatesIn = (frames: Uint8Array[]) => frames.filter((f) => f[0] === MessageType.Sync && f[1] === 2);

/** A document of the updates among `frames`, as a replica that got them would have it. */
function docOfUpdates(frames: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const f of updatesIn(frames)) {
    const d = decoding.createDecoder(f);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
  return doc;
}

/** Permission-denied reasons a raw socket received. */
function refusals(frames: Uint8Array[]): string[] {
  return frames
    .filter((f) => f[0] === MessageType.Auth)
    .map((f) => {
      const d = decoding.createDecoder(f);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      return decoding.readVarString(d);
    });
}

/**
 * About `bytes` characters of visit notes in `who`'s name (what anyone may write from the
 * start), distinct for each `i`: notes `i-0`, `i-1`, ... of at most 1,900 characters.
 */
function distinctUpdate(i: number, bytes: number, who: Person): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let k = 0; k * NOTE_CHARS < bytes; k++) {
      addVisitNote(doc, who, { stationId: null, kind: 'idea', text: `${i}-${k} ${String(i % 10).repeat(Math.min(NOTE_CHARS, bytes - k * NOTE_CHARS))}` });
    }
  });
  return Y.encodeStateAsUpdate(doc);
}
const NOTE_CHARS = 1900;

/** A member who entered with a name: his credential's raw socket URL, and who he is. */
async function member(server: TestServer, session: CreatedSession, name: string): Promise<{ url: string; who: Person; credential: string }> {
  const joined = await joinAs(server.http, session.id, session.tokens.member, name);
  return { url: `${server.ws}/yjs/${session.id}?token=${joined.credential}`, who: { participantId: joined.participantId, name }, credential: joined.credential };
}

/** The notes of update `i` (distinctUpdate) a document holds. */
const notesOfUpdate = (doc: Y.Doc, i: number) => getVisitNotes(doc).filter((n) => n.text.startsWith(`${i}-`));

function awarenessOf(id: number, clock: number, state: object): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, id);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return awarenessFrame(encoding.toUint8Array(e));
}

describe('per connection: a client over its budget is slowed, then refused (issue 10)', () => {
  it('update bytes a second', async () => {
    const server = await startServer(budget({ updateBytesPerSecond: 100_000, updateBurstBytes: 100_000, refuseAfterMs: 1500 }));
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const observer = await raw(url);
    const flood = await member(server, session, 'Flora');
    const flooder = await raw(flood.url);
    const closed = whenClosed(flooder.ws);
    const started = Date.now();
    // 5 MB of distinct 10 KB updates at once, as fast as the socket takes them.
    for (let i = 0; i < 500; i++) flooder.ws.send(updateFrame(distinctUpdate(i, 10_000, flood.who)));
    const { code } = await closed;
    const elapsed = (Date.now() - started) / 1000;
    expect(code).toBe(CloseCode.RateLimited);
    // Slowed before refused: it went on for the grace period, at about its budget.
    expect(elapsed).toBeGreaterThanOrEqual(1.4);
    const relayed = updatesIn(observer.frames).length;
    expect(relayed).toBeGreaterThan(5);
    expect(relayed).toBeLessThan(10 + (100_000 * (elapsed + 1)) / 10_000);
    // What was relayed is Flora's notes, whole (an undone write is relayed too, with its undo).
    const relayedNotes = getVisitNotes(docOfUpdates(observer.frames));
    expect(relayedNotes.length).toBe(relayed * Math.ceil(10_000 / NOTE_CHARS));
    expect(new Set(relayedNotes.map((n) => n.authorId))).toEqual(new Set([flood.who.participantId]));
    // Others still write.
    const paul = await enter(server, session.id, session.tokens.member, 'Paul');
    await whenSynced(paul.provider);
    addNote(paul.doc, paul.me, 'encore là');
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => noteTexts(d).includes('encore là'));
    observer.ws.close();
    destroyAll(paul.provider, reader);
    await server.close();
  });

  it('messages a second', async () => {
    const server = await startServer(budget({ messagesPerSecond: 50, messageBurst: 50, refuseAfterMs: 1000 }));
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const observer = await raw(url);
    const flood = await member(server, session, 'Flora');
    const flooder = await raw(flood.url);
    const closed = whenClosed(flooder.ws);
    const doc = new Y.Doc();
    const frames: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => frames.push(updateFrame(u)));
    for (let i = 0; i < 20_000; i++) addVisitNote(doc, flood.who, { stationId: null, kind: 'idea', text: `n${i}` });
    for (const f of frames) flooder.ws.send(f);
    expect((await closed).code).toBe(CloseCode.RateLimited);
    // Some got through (they are notes anyone may write), far fewer than were sent (a read
    // chunk may hold a few thousand).
    const relayed = updatesIn(observer.frames).length;
    expect(relayed).toBeGreaterThan(10);
    expect(relayed).toBeLessThan(10_000);
    // Each relayed update is one of Flora's notes, kept (an undone write is relayed too, with its undo).
    const relayedNotes = getVisitNotes(docOfUpdates(observer.frames));
    expect(relayedNotes.length).toBe(relayed);
    expect(new Set(relayedNotes.map((n) => n.authorId))).toEqual(new Set([flood.who.participantId]));
    observer.ws.close();
    await server.close();
  });

  it('awareness messages a second, and the size of a state', async () => {
    const server = await startServer({ ...budget({ awarenessPerSecond: 10, awarenessBurst: 10, refuseAfterMs: 800 }), awarenessStateMaxBytes: 1024 });
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const flooder = await raw(url);
    const closed = whenClosed(flooder.ws);
    let clock = 1;
    const timer = setInterval(() => {
      for (let i = 0; i < 50; i++) if (flooder.ws.readyState === flooder.ws.OPEN) flooder.ws.send(awarenessOf(77, clock++, { cursor: clock }));
    }, 10);
    expect((await closed).code).toBe(CloseCode.RateLimited);
    clearInterval(timer);

    const big = await raw(url);
    const bigClosed = whenClosed(big.ws);
    big.ws.send(awarenessOf(78, 1, { user: { name: 'x'.repeat(2000) } }));
    const refused = await bigClosed;
    expect(refused.code).toBe(CloseCode.MalformedMessage);
    expect(refused.reason).toMatch(/awareness state over 1024 bytes/);
    await server.close();
  });
});

describe('open connections per token and per address (issue 10)', () => {
  it('sync connections per token: the one too many is closed with a reason; a freed place is taken again', async () => {
    const server = await startServer({ openConnections: { syncPerToken: 3, socketsPerToken: 0, perAddress: 0 } });
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const open = await Promise.all([raw(url), raw(url), raw(url)]);
    const extra = await raw(url);
    const refused = await whenClosed(extra.ws);
    expect(refused.code).toBe(CloseCode.TooManyConnections);
    expect(refused.reason).toMatch(/too many connections on this link/);
    // Another link of the same session is counted apart.
    const host = await raw(`${server.ws}/yjs/${session.id}?token=${session.tokens.host}`);
    const gone = whenClosed(open[0]!.ws);
    open[0]!.ws.close();
    await gone;
    await vi.waitFor(async () => {
      const again = await raw(url);
      const outcome = await Promise.race([whenClosed(again.ws), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
      expect(outcome).toBeNull();
      again.ws.close();
    });
    for (const c of [...open, host]) c.ws.close();
    await server.close();
  });

  it('a client refused again and again within a second gets a bare 429 before any lookup or handshake, and its place back later', async () => {
    const server = await startServer({ openConnections: { syncPerToken: 1, socketsPerToken: 0, perAddress: 0 } });
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const held = await raw(url);
    // The first refusals are said inside the protocol, where a client can show them...
    const first = await raw(url);
    expect(await whenClosed(first.ws)).toMatchObject({ code: CloseCode.TooManyConnections });
    // ...then, while it keeps coming back within the second, a bare 429 with Retry-After,
    // held back before it is sent (a reconnect loop comes back once a second, not at once).
    let bare: { status: number; body: string } | null = null;
    let sawHeld = false;
    const watch = setInterval(() => (sawHeld ||= server.app.openConnections.heldBack > 0), 5);
    for (let i = 0; i < 20 && !bare; i++) {
      const outcome = await openRaw(url);
      if (outcome.kind === 'refused') bare = outcome;
      else await whenClosed(outcome.ws);
    }
    clearInterval(watch);
    expect(bare).toMatchObject({ status: 429, body: expect.stringMatching(/^too many connections: refused several times this second, slow down/) });
    expect(sawHeld).toBe(true);
    expect(server.app.openConnections.heldBack).toBe(0);
    // Once the place is free and the second over, it is let in.
    const freed = whenClosed(held.ws);
    held.ws.close();
    await freed;
    await vi.waitFor(async () => {
      const again = await openRaw(url);
      expect(again.kind).toBe('open');
      if (again.kind === 'open') again.ws.close();
    }, { timeout: 5000, interval: 200 });
    await server.close();
  });

  it('Socket.IO sockets per token: the one too many gets a connect error, and no reconnect loop', async () => {
    const server = await startServer({ openConnections: { syncPerToken: 0, socketsPerToken: 2, perAddress: 0 } });
    const session = await createSession(server.http);
    const a = joinPresence(server.http, session.id, session.tokens.member, 'Hôte1');
    const b = joinPresence(server.http, session.id, session.tokens.member, 'Hôte2');
    await whenPresence(b, (e) => e.length === 2);
    const c = joinPresence(server.http, session.id, session.tokens.member, 'Hôte3');
    const error = await new Promise<Error>((resolve) => c.once('connect_error', resolve));
    expect(error.message).toMatch(/^too-many-connections: too many connections on this link/);
    expect(c.active).toBe(false);
    for (const s of [a, b, c]) s.close();
    await server.close();
  });

  it('connections per address, both kinds together', async () => {
    const server = await startServer({ openConnections: { syncPerToken: 0, socketsPerToken: 0, perAddress: 3 } });
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const syncs = await Promise.all([raw(url), raw(url)]);
    const socket = joinPresence(server.http, session.id, session.tokens.host, 'Claire');
    await whenPresence(socket, (e) => e.length === 1);
    const extra = await raw(`${server.ws}/yjs/${session.id}?token=${session.tokens.screen}`);
    const refused = await whenClosed(extra.ws);
    expect(refused.code).toBe(CloseCode.TooManyConnections);
    expect(refused.reason).toMatch(/too many connections from this address/);
    socket.close();
    for (const c of syncs) c.ws.close();
    await server.close();
  });
});

describe('what is stored and relayed (issue 10)', () => {
  it('a replayed update costs no storage and no relay', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const observer = await raw(url);
    const bob = await member(server, session, 'Bob');
    const sender = await raw(bob.url);
    const update = distinctUpdate(1, 100_000, bob.who);
    sender.ws.send(updateFrame(update));
    await vi.waitFor(() => expect(updatesIn(observer.frames).length).toBe(1), { timeout: 10_000 });
    // Relayed as it came: nothing of it was refused.
    expect(updatesIn(observer.frames)[0]).toEqual(updateFrame(update));
    const stored = await server.app.storage.docs.storedBytes(session.id);
    for (let i = 0; i < 50; i++) sender.ws.send(updateFrame(update));
    // A sync round trip on the same socket: every replay before it was handled.
    sender.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await vi.waitFor(() => expect(sender.frames.some((f) => f[0] === MessageType.Sync && f[1] === 1)).toBe(true), { timeout: 10_000 });
    expect(await server.app.storage.docs.storedBytes(session.id)).toBe(stored);
    expect(updatesIn(observer.frames).length).toBe(1);
    observer.ws.close();
    sender.ws.close();
    await server.close();
  });

  it('an update partly known is stored and relayed for its new part only', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const observer = await raw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
    const bob = await member(server, session, 'Bob');
    const sender = await raw(bob.url);
    const first = distinctUpdate(1, 20_000, bob.who);
    sender.ws.send(updateFrame(first));
    await vi.waitFor(() => expect(updatesIn(observer.frames).length).toBe(1), { timeout: 10_000 });
    const stored = await server.app.storage.docs.storedBytes(session.id);
    // The first update again, with a second one: what a sync step 2 after a reconnection holds.
    const second = distinctUpdate(2, 20_000, bob.who);
    const both = Y.mergeUpdates([first, second]);
    sender.ws.send(updateFrame(both));
    await vi.waitFor(() => expect(updatesIn(observer.frames).length).toBe(2), { timeout: 10_000 });
    const relayed = updatesIn(observer.frames)[1]!;
    expect(relayed).not.toEqual(updateFrame(both));
    const onlyNew = docOfUpdates([relayed]);
    expect(notesOfUpdate(onlyNew, 2).length).toBeGreaterThan(0);
    expect(notesOfUpdate(onlyNew, 1)).toEqual([]);
    const grew = (await server.app.storage.docs.storedBytes(session.id)) - stored;
    expect(grew).toBeGreaterThan(0);
    expect(grew).toBeLessThan(both.byteLength - first.byteLength / 2);
    observer.ws.close();
    sender.ws.close();
    await server.close();
  });

  it('past the document cap, writes are refused with a message and reads keep working', async () => {
    const server = await startServer({ documentMaxBytes: 300_000 });
    const session = await createSession(server.http);
    const bob = await member(server, session, 'Bob');
    const writer = await raw(bob.url);
    writer.ws.send(updateFrame(distinctUpdate(1, 200_000, bob.who)));
    writer.ws.send(updateFrame(distinctUpdate(2, 200_000, bob.who)));
    await vi.waitFor(() => expect(refusals(writer.frames).map(writeRefusalKind)).toEqual(['document-full']), { timeout: 10_000 });
    expect(refusals(writer.frames)[0]).toMatch(/size limit/);
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
    // Reads go on: a newcomer syncs and has what was stored before the cap.
    const perUpdate = Math.ceil(200_000 / NOTE_CHARS);
    const reader = connectProvider(server.ws, session.id, bob.credential);
    await whenDoc(reader.doc, (d) => notesOfUpdate(d, 1).length === perUpdate);
    expect(notesOfUpdate(reader.doc, 2)).toEqual([]);
    // Taking content away is always allowed: Bob removes one of his notes.
    removeVisitNote(reader.doc, notesOfUpdate(reader.doc, 1)[0]!.id);
    const check = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(check.doc, (d) => notesOfUpdate(d, 1).length === perUpdate - 1);
    writer.ws.close();
    destroyAll(reader, check);
    await server.close();
  });
});

describe('a write refused at the size cap', () => {
  /** The server's sync step 1 frames among `frames`: its asks for the client's state. */
  const asksIn = (frames: Uint8Array[]) => frames.filter((f) => f[0] === MessageType.Sync && f[1] === 0).length;
  /** A round trip on `writer`'s socket: once its answer comes, every frame sent before it was handled. */
  async function roundTrip(writer: Awaited<ReturnType<typeof raw>>): Promise<void> {
    const answers = () => writer.frames.filter((f) => f[0] === MessageType.Sync && f[1] === 1).length;
    const before = answers();
    writer.ws.send(syncStep1Frame(new Uint8Array([0])));
    await vi.waitFor(() => expect(answers()).toBe(before + 1));
  }

  it('reaches the others once a compaction made room, without a reconnection', async () => {
    const server = await startServer({ documentMaxBytes: 300_000 });
    const session = await createSession(server.http);
    const marc = await member(server, session, 'Marc Duret');
    const device = connectProvider(server.ws, session.id, marc.credential);
    const reasons = refusalReasons(device);
    await whenSynced(device);
    const socket = device.ws;
    const docs = server.app.storage.docs;
    const write = (prefix: string, n: number) =>
      device.doc.transact(() => {
        for (let i = 0; i < n; i++) addVisitNote(device.doc, marc.who, { stationId: null, kind: 'idea', text: `${prefix} ${i} : ${'x'.repeat(1980)}` });
      });
    // 200 KB of notes, then taken away: stored until a compaction drops them.
    write('brouillon', 100);
    await vi.waitFor(async () => expect(await docs.storedBytes(session.id)).toBeGreaterThan(200_000));
    device.doc.transact(() => {
      for (const note of getVisitNotes(device.doc)) removeVisitNote(device.doc, note.id);
    });
    // 120 KB more: over the cap. Refused, kept on the device; the refusal compacts the
    // document, the drafts' 200 KB are gone from storage, and the server asks the device
    // for what it lacks: the refused notes come in.
    write('note', 60);
    await vi.waitFor(() => expect(reasons.map(writeRefusalKind)).toEqual(['document-full']), { timeout: 10_000 });
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => getVisitNotes(d).length === 60);
    expect(await docs.storedBytes(session.id)).toBeLessThan(200_000);
    // One more note: stored as any other.
    write('après', 1);
    await whenDoc(reader.doc, (d) => getVisitNotes(d).length === 61);
    expect(reasons.map(writeRefusalKind)).toEqual(['document-full']);
    expect(device.ws).toBe(socket);
    destroyAll(device, reader);
    await server.close();
  });

  it('in a room of thirty, every note refused at the cap comes in once a compaction made room', async () => {
    const server = await startServer({ documentMaxBytes: 300_000 });
    const session = await createSession(server.http);
    const docs = server.app.storage.docs;
    const marc = await member(server, session, 'Marc Duret');
    const host = connectProvider(server.ws, session.id, marc.credential);
    await whenSynced(host);
    const note = (doc: Y.Doc, who: Person, text: string) => addVisitNote(doc, who, { stationId: null, kind: 'idea', text: `${text} ${'x'.repeat(1980)}` });
    // 200 KB of drafts, taken away: stored until a compaction drops them. Then notes until
    // the session is a few KB from its cap.
    host.doc.transact(() => {
      for (let i = 0; i < 100; i++) note(host.doc, marc.who, `brouillon ${i}`);
    });
    await vi.waitFor(async () => expect(await docs.storedBytes(session.id)).toBeGreaterThan(200_000));
    host.doc.transact(() => {
      for (const n of getVisitNotes(host.doc)) removeVisitNote(host.doc, n.id);
    });
    let kept = 0;
    for (let stored = await docs.storedBytes(session.id); stored < 294_000; ) {
      note(host.doc, marc.who, `gardée ${kept++}`);
      const before = stored;
      await vi.waitFor(async () => expect((stored = await docs.storedBytes(session.id))).toBeGreaterThan(before));
    }
    // Thirty members write a note each at once: most are past the cap, refused and kept on
    // their devices; the first refusal compacts the session, and each refused device is asked.
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => member(server, session, `Membre ${i + 1}`)));
    const devices = people.map((p) => connectProvider(server.ws, session.id, p.credential));
    const reasons = devices.map(refusalReasons);
    await Promise.all(devices.map(whenSynced));
    devices.forEach((d, i) => note(d.doc, people[i]!.who, `membre ${i + 1}`));
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => getVisitNotes(d).length === kept + 30);
    expect(reasons.filter((r) => r.map(writeRefusalKind).includes('document-full')).length).toBeGreaterThan(10);
    destroyAll(host, reader, ...devices);
    await server.close();
  });

  it('does not ask for a refused write while the cap still has no room for it', async () => {
    const server = await startServer({ documentMaxBytes: 300_000 });
    const session = await createSession(server.http);
    const bob = await member(server, session, 'Bob');
    const writer = await raw(bob.url);
    const asks = () => asksIn(writer.frames);
    await vi.waitFor(() => expect(asks()).toBe(1));
    const device = new Y.Doc();
    const write = (n: number) => {
      const known = Y.encodeStateVector(device);
      for (let i = 0; i < n; i++) addVisitNote(device, bob.who, { stationId: null, kind: 'idea', text: `${i} : ${'x'.repeat(1980)}` });
      return Y.encodeStateAsUpdate(device, known);
    };
    writer.ws.send(updateFrame(write(75))); // 150 KB, taken
    writer.ws.send(updateFrame(write(100))); // 200 KB more: refused, and nothing to compact away
    await vi.waitFor(() => expect(refusals(writer.frames).map(writeRefusalKind)).toEqual(['document-full']), { timeout: 10_000 });
    writer.ws.send(updateFrame(write(1))); // depends on the refused one
    await roundTrip(writer);
    expect(asks()).toBe(1);
    writer.ws.close();
    await server.close();
  });

  it('asks a device that keeps sending writes it cannot take alone at most once in two seconds', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const bob = await member(server, session, 'Bob');
    const writer = await raw(bob.url);
    const asks = () => asksIn(writer.frames);
    // The server asks once at the join.
    await vi.waitFor(() => expect(asks()).toBe(1));
    // Two notes of one device: the second depends on the first, which the server never got.
    const device = new Y.Doc();
    addVisitNote(device, bob.who, { stationId: null, kind: 'idea', text: 'première' });
    const known = Y.encodeStateVector(device);
    addVisitNote(device, bob.who, { stationId: null, kind: 'idea', text: 'seconde' });
    const second = Y.encodeStateAsUpdate(device, known);
    for (let i = 0; i < 20; i++) writer.ws.send(updateFrame(second));
    await roundTrip(writer);
    expect(asks()).toBe(2);
    writer.ws.close();
    await server.close();
  });
});

describe('a client with a lot to send syncs anyway (issue 10)', () => {
  it('1.5 MB of notes written offline reach the server', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const marc = await member(server, session, 'Marc Duret');
    const author = marc.who;
    const offline = new Y.Doc();
    for (let i = 0; i < 750; i++) addVisitNote(offline, author, { stationId: null, kind: 'strength', text: `Note ${i} : ${'atelier '.repeat(245)}` });
    expect(Y.encodeStateAsUpdate(offline).byteLength).toBeGreaterThan(1_500_000);
    const device = connectProvider(server.ws, session.id, marc.credential, offline);
    const closes: number[] = [];
    device.on('connection-close', (e) => closes.push(e?.code ?? 0));
    await whenSynced(device);
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => getVisitNotes(d).length === 750);
    expect(closes).toEqual([]);
    destroyAll(device, reader);
    await server.close();
  });

  it('beyond the cap, the device is told once, keeps its data, and does not reconnect in a loop', async () => {
    const server = await startServer({ documentMaxBytes: 400_000 });
    const session = await createSession(server.http);
    const marc = await member(server, session, 'Marc Duret');
    const author = marc.who;
    const offline = new Y.Doc();
    for (let i = 0; i < 300; i++) addVisitNote(offline, author, { stationId: null, kind: 'idea', text: `Idée ${i} : ${'x'.repeat(1980)}` });
    const device = connectProvider(server.ws, session.id, marc.credential, offline);
    const reasons = refusalReasons(device);
    const closes: number[] = [];
    device.on('connection-close', (e) => closes.push(e?.code ?? 0));
    await whenSynced(device);
    await vi.waitFor(() => expect(reasons.map(writeRefusalKind)).toEqual(['document-full']), { timeout: 10_000 });
    // Still connected on the same socket, told once: a sync round trip on it is answered.
    const socket = device.ws!;
    const answered = new Promise<void>((resolve) => socket.addEventListener('message', () => resolve(), { once: true }));
    socket.send(syncStep1Frame(Y.encodeStateVector(device.doc)));
    await answered;
    expect(device.ws).toBe(socket);
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(reader);
    expect(reasons.length).toBe(1);
    expect(closes).toEqual([]);
    expect(getVisitNotes(reader.doc).length).toBe(0);
    destroyAll(reader);
    expect(getVisitNotes(device.doc).length).toBe(300);
    destroyAll(device);
    await server.close();
  });
});
