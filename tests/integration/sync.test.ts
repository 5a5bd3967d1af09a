import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { DocStore, Storage } from '../../server/storage/types.ts';
import { syncStep1Frame, updateFrame } from '../../server/sync/messages.ts';
import { connectProvider, collectFrames, destroyAll, openRaw, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import path from 'node:path';

describe('document sync through the server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('two y-websocket clients converge on concurrent edits', async () => {
    const session = await createSession(server.http);
    const a = connectProvider(server.ws, session.id, session.tokens.host);
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    await Promise.all([whenSynced(a), whenSynced(b)]);

    a.doc.getText('pad').insert(0, 'Bonjour ');
    b.doc.getText('pad').insert(0, 'le club');
    a.doc.getMap('board').set('sticky-1', 'Hydrogène');

    const both = (d: Y.Doc) => d.getText('pad').length === 'Bonjour le club'.length && d.getMap('board').get('sticky-1') === 'Hydrogène';
    await Promise.all([whenDoc(a.doc, both), whenDoc(b.doc, both)]);
    expect(a.doc.getText('pad').toString()).toBe(b.doc.getText('pad').toString());
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    destroyAll(a, b);
  });

  it('thirty y-websocket clients editing at once converge on one state', async () => {
    const session = await createSession(server.http);
    const room = Array.from({ length: 30 }, (_, i) => connectProvider(server.ws, session.id, i === 0 ? session.tokens.host : session.tokens.member));
    await Promise.all(room.map(whenSynced));
    // Everyone writes at the same moment: a word in the shared text and an entry of his own.
    room.forEach((p, i) => {
      p.doc.getText('pad').insert(0, `m${i} `);
      p.doc.getMap('scratch').set(`entry-${i}`, `idée ${i}`);
    });
    const complete = (d: Y.Doc) => d.getMap('scratch').size === 30 && d.getText('pad').length === room.reduce((n, _, i) => n + `m${i} `.length, 0);
    await Promise.all(room.map((p) => whenDoc(p.doc, complete)));
    const text = room[0]!.doc.getText('pad').toString();
    for (const p of room) {
      expect(p.doc.getText('pad').toString()).toBe(text);
      expect(Y.encodeStateVector(p.doc)).toEqual(Y.encodeStateVector(room[0]!.doc));
    }
    destroyAll(...room);
  });

  it('a late joiner receives the whole document from the server', async () => {
    const session = await createSession(server.http);
    const a = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(a);
    const notes = a.doc.getArray<string>('notes');
    for (let i = 0; i < 50; i++) notes.push([`note ${i}`]);
    // The writer's last update is stored before the server relays it; a second writer sees it.
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(b.doc, (d) => d.getArray('notes').length === 50);
    expect(b.doc.getArray('notes').toArray()).toEqual(notes.toArray());
    destroyAll(a, b);
  });

  it('does not echo an update back to its sender', async () => {
    const session = await createSession(server.http);
    const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
    if (opened.kind !== 'open') throw new Error('refused');
    const frames = collectFrames(opened.ws);
    const observer = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(observer);

    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'mine');
    opened.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    await whenDoc(observer.doc, (d) => d.getText('t').toString() === 'mine');
    // Ask for a sync answer: frames are ordered, so once it arrives any echo would have too.
    opened.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await whenFrame(opened.ws, frames, (f) => f[0] === 0 && f[1] === 1);
    const updatesReceived = frames.filter((f) => {
      const d = decoding.createDecoder(f);
      return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 2;
    });
    expect(updatesReceived).toHaveLength(0);
    opened.ws.close();
    destroyAll(observer);
  });
});

/** The real SQLite store, with a gate on loading and a count of loads. */
class GatedStore {
  loads = 0;
  #open!: () => void;
  readonly gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  readonly inner: DocStore;
  constructor(inner: DocStore) {
    this.inner = inner;
  }
  open(): void {
    this.#open();
  }
  wrap(): DocStore {
    const inner = this.inner;
    return {
      appendUpdate: (id, u) => inner.appendUpdate(id, u),
      loadUpdates: async (id) => {
        this.loads += 1;
        await this.gate;
        return inner.loadUpdates(id);
      },
      compact: (id) => inner.compact(id),
      shouldCompact: (id) => inner.shouldCompact(id),
      storedBytes: (id) => inner.storedBytes(id),
      listDocs: (prefix) => inner.listDocs(prefix),
    };
  }
}

describe('loading a document', () => {
  it('loads once for thirty clients joining at once, and syncs none of them before it is loaded', async () => {
    const sqlite = new SqliteStorage(path.join(tempDir(), 'entraide.sqlite'));
    const gated = new GatedStore(sqlite);
    const storage: Storage = { sessions: sqlite, access: sqlite.access, docs: gated.wrap(), clubs: sqlite.clubs, search: sqlite.search, ping: () => sqlite.ping(), close: () => sqlite.close() };
    const server = await startServer({}, { storage });
    const session = await createSession(server.http);
    // Something stored before anyone joins.
    const seed = new Y.Doc();
    seed.getText('pad').insert(0, 'déjà là');
    await sqlite.appendUpdate(session.id, Y.encodeStateAsUpdate(seed));

    const clients = Array.from({ length: 30 }, () => connectProvider(server.ws, session.id, session.tokens.member));
    // One more, raw: its sync step 1, then a ping. The server reads a socket's frames in
    // order, so the pong comes after the step 1 was handled: no answer may precede it.
    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const frames = collectFrames(raw.ws);
    raw.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await new Promise<void>((resolve) => {
      raw.ws.once('pong', () => resolve());
      raw.ws.ping();
    });
    await vi.waitFor(() => expect(gated.loads).toBe(1));
    expect(frames.filter((f) => f[0] === 0 && f[1] === 1)).toEqual([]);
    expect(clients.some((c) => c.synced)).toBe(false);

    gated.open();
    await Promise.all(clients.map(whenSynced));
    // Synced means sync step 2 arrived, and it carried the stored state.
    for (const c of clients) expect(c.doc.getText('pad').toString()).toBe('déjà là');
    expect(gated.loads).toBe(1);
    await whenFrame(raw.ws, frames, (f) => f[0] === 0 && f[1] === 1);
    raw.ws.close();
    destroyAll(...clients);
    await server.close();
  });
});
