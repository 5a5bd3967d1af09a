import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { DocStore, Storage } from '../../server/storage/types.ts';
import { syncStep1Frame, updateFrame } from '../../server/sync/messages.ts';
import { connectProvider, collectFrames, destroyAll, openRaw, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import path from 'node:path';
import * as S from '../../shared/session/index.ts';
import { getPresentationFragment } from '../../shared/session/index.ts';
import { fragmentPlainText } from '../../shared/session/presentation.ts';
import { joinAs } from '../helpers/access.ts';
import { addNote, enter, hostLine, hostLineText, noteCount, noteTexts } from '../helpers/session-text.ts';

describe('document sync through the server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('two devices of the host and a member converge on concurrent edits', async () => {
    const session = await createSession(server.http);
    const host = await enter(server, session.id, session.tokens.host, 'Claire Mugnier');
    const tablet = connectProvider(server.ws, session.id, host.credential);
    const member = await enter(server, session.id, session.tokens.member, 'Bob Perrin');
    await Promise.all([whenSynced(host.provider), whenSynced(tablet), whenSynced(member.provider)]);
    hostLine(host.doc);
    await whenDoc(tablet.doc, (d) => getPresentationFragment(d, 'problem').length === 1);

    // Both devices type into the same line at once; the member takes a note meanwhile.
    hostLine(host.doc).insert(0, 'Bonjour ');
    hostLine(tablet.doc).insert(0, 'le club');
    addNote(member.doc, member.me, 'Hydrogène');

    const all = [host.doc, tablet.doc, member.doc];
    const both = (d: Y.Doc) => hostLineText(d).length === 'Bonjour le club'.length && noteTexts(d).includes('Hydrogène');
    await Promise.all(all.map((d) => whenDoc(d, both)));
    for (const d of all) {
      expect(hostLineText(d)).toBe(hostLineText(host.doc));
      expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(host.doc));
    }
    destroyAll(host.provider, tablet, member.provider);
  });

  it('thirty y-websocket clients editing at once converge on one state', async () => {
    const session = await createSession(server.http);
    const room = await Promise.all(
      Array.from({ length: 30 }, (_, i) => enter(server, session.id, i === 0 ? session.tokens.host : session.tokens.member, `Membre ${i}`)),
    );
    await Promise.all(room.map((p) => whenSynced(p.provider)));
    // Everyone writes at the same moment: a note of his own, and the host his presentation.
    room.forEach((p, i) => addNote(p.doc, p.me, `idée ${i}`));
    S.setSectionParagraphs(room[0]!.doc, 'context', ['Quarante salariés, deux sites.']);
    const complete = (d: Y.Doc) => noteCount(d) === 30 && fragmentPlainText(getPresentationFragment(d, 'context')).includes('deux sites');
    await Promise.all(room.map((p) => whenDoc(p.doc, complete)));
    for (const p of room) {
      expect(noteTexts(p.doc)).toEqual(noteTexts(room[0]!.doc));
      expect(Y.encodeStateVector(p.doc)).toEqual(Y.encodeStateVector(room[0]!.doc));
    }
    destroyAll(...room.map((p) => p.provider));
  });

  it('a late joiner receives the whole document from the server', async () => {
    const session = await createSession(server.http);
    const a = await enter(server, session.id, session.tokens.member, 'Bob Perrin');
    await whenSynced(a.provider);
    for (let i = 0; i < 50; i++) addNote(a.doc, a.me, `note ${i}`);
    // The writer's last update is stored before the server relays it; a second writer sees it.
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(b.doc, (d) => noteCount(d) === 50);
    expect(noteTexts(b.doc)).toEqual(noteTexts(a.doc));
    destroyAll(a.provider, b);
  });

  it('does not echo an update back to its sender', async () => {
    const session = await createSession(server.http);
    const joined = await joinAs(server.http, session.id, session.tokens.member, 'Bob Perrin');
    const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${joined.credential}`);
    if (opened.kind !== 'open') throw new Error('refused');
    const frames = collectFrames(opened.ws);
    const observer = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(observer);

    const doc = new Y.Doc();
    addNote(doc, { participantId: joined.participantId, name: joined.name }, 'mine');
    opened.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    await whenDoc(observer.doc, (d) => noteTexts(d).includes('mine'));
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
