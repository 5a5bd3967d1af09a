// A room's compaction stores the room's document instead of merging the stored rows again
// (SqliteStorage and DocHolder), but only while every stored row went through that room
// and the snapshot is the one it knows. Each test here writes from elsewhere (another
// process's connection to the same file, an append without the room, another compaction)
// and checks that what was written there survives the room's next compaction: storing the
// room's document then would lose it, as Hocuspocus lost edits when one instance's
// in-memory state overwrote what another had stored.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { DocHolder } from '../../server/storage/types.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import { addNote, enter, noteTexts } from '../helpers/session-text.ts';

const DOC = 'session-1';
const open: SqliteStorage[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function storeAt(file: string): SqliteStorage {
  const store = new SqliteStorage(file);
  open.push(store);
  return store;
}

/** A room's document, as the server keeps one: loaded with its holder, every edit applied then appended with it. */
class RoomDoc {
  readonly doc = new Y.Doc();
  encodings = 0;
  readonly holder: DocHolder = {
    encode: () => {
      this.encodings++;
      return { update: Y.encodeStateAsUpdate(this.doc), stateVector: Y.encodeStateVector(this.doc) };
    },
  };

  readonly store: SqliteStorage;

  constructor(store: SqliteStorage) {
    this.store = store;
  }

  async load(): Promise<void> {
    const { updates } = await this.store.loadDocument(DOC, this.holder);
    for (const update of updates) Y.applyUpdate(this.doc, update);
  }

  /** An edit made here, stored as the room stores it. */
  async edit(key: string, value: string): Promise<void> {
    const appends: Array<Promise<void>> = [];
    const store = (update: Uint8Array) => void appends.push(this.store.appendUpdate(DOC, update, this.holder));
    this.doc.on('update', store);
    this.doc.getMap('m').set(key, value);
    this.doc.off('update', store);
    await Promise.all(appends);
  }
}

/** An edit made elsewhere (another device's, through another path), as one update. */
function foreignEdit(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The document as a fresh load from the file reads it. */
async function reread(file: string): Promise<Record<string, unknown>> {
  const store = storeAt(file);
  const doc = new Y.Doc();
  for (const update of await store.loadUpdates(DOC)) Y.applyUpdate(doc, update);
  return doc.getMap('m').toJSON();
}

async function seeded(): Promise<{ file: string; room: RoomDoc }> {
  const file = path.join(tempDir('entraide-holder-'), 'entraide.sqlite');
  const store = storeAt(file);
  // The session's first state, stored before any room (as a session's creation does).
  await store.appendUpdate(DOC, foreignEdit('created', 'yes'));
  const room = new RoomDoc(store);
  await room.load();
  return { file, room };
}

describe('a compaction from the room’s document', () => {
  it('stores the room’s document while every row went through the room, again after its own compactions', async () => {
    const { file, room } = await seeded();
    for (let i = 0; i < 20; i++) await room.edit(`k${i % 4}`, `v${i}`);
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(1);
    for (let i = 0; i < 20; i++) await room.edit(`k${i % 5}`, `w${i}`);
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(2);
    const stored = await room.store.loadDocument(DOC);
    expect(stored.updates).toHaveLength(1);
    expect(await reread(file)).toEqual(room.doc.getMap('m').toJSON());
    expect(await reread(file)).toMatchObject({ created: 'yes', k4: 'w19' });
  });

  it('merges instead once another process appended a row, and keeps that row', async () => {
    const { file, room } = await seeded();
    await room.edit('mine', '1');
    await storeAt(file).appendUpdate(DOC, foreignEdit('theirs', '2'));
    await room.edit('mine', '3');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ theirs: '2', mine: '3', created: 'yes' });
    // And for good: the room's document still lacks that row.
    await room.edit('mine', '4');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ theirs: '2', mine: '4' });
  });

  it('merges instead after an append of the same store without the room', async () => {
    const { file, room } = await seeded();
    await room.store.appendUpdate(DOC, foreignEdit('aside', 'kept'));
    await room.edit('mine', '1');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ aside: 'kept', mine: '1' });
  });

  it('merges instead once another process replaced the snapshot, though every row left is the room’s', async () => {
    const { file, room } = await seeded();
    const other = storeAt(file);
    await other.appendUpdate(DOC, foreignEdit('theirs', 'merged there'));
    await other.compact(DOC);
    // Only the room's rows are in the log now, and the snapshot holds what it never had.
    await room.edit('mine', '1');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ theirs: 'merged there', mine: '1', created: 'yes' });
  });

  it('does not take a row written elsewhere for its own when that row gets the seq of one it compacted', async () => {
    const { file, room } = await seeded();
    await room.edit('mine', '1');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(1);
    // The log is empty: SQLite gives the next row seq 1 again, the seq of the session's
    // first state that the room was loaded with and has compacted.
    await storeAt(file).appendUpdate(DOC, foreignEdit('theirs', 'after'));
    await room.edit('mine', '2');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(1);
    expect(await reread(file)).toMatchObject({ theirs: 'after', mine: '2' });
  });

  it('a room loaded later takes over: the first one, released or not, compacts by merging', async () => {
    const { file, room } = await seeded();
    await room.edit('first', '1');
    const second = new RoomDoc(room.store);
    await second.load();
    await second.edit('second', '2');
    await room.edit('first', '3');
    await room.store.compact(DOC, room.holder);
    expect(room.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ first: '3', second: '2' });
    room.store.release(DOC, room.holder); // not the holder any more: changes nothing
    await second.edit('second', '4');
    await second.store.compact(DOC, second.holder);
    // Its entry was marked by the first room's append: it merges too.
    expect(second.encodings).toBe(0);
    expect(await reread(file)).toMatchObject({ first: '3', second: '4' });
  });
});

describe('a room of thirty, through the server', () => {
  it('compacts from the room’s document while the room writes alone, and a restarted server has every note', async () => {
    const dataDir = tempDir('entraide-holder-room-');
    const server = await startServer({ dataDir });
    const session = await createSession(server.http);
    const lease = await server.app.registry.acquire(session.id);
    let encodings = 0;
    const encode = lease.room.holder.encode;
    lease.room.holder.encode = () => {
      encodings++;
      return encode();
    };
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => enter(server, session.id, session.tokens.member, `Membre ${i + 1}`)));
    await Promise.all(people.map((p) => whenSynced(p.provider)));
    // Each writes ten notes, all at once: the log outgrows the snapshot several times.
    for (let round = 0; round < 10; round++) {
      for (const [i, p] of people.entries()) addNote(p.doc, p.me, `note ${round} de ${i + 1}`);
    }
    await Promise.all(people.map((p) => whenDoc(p.doc, (d) => noteTexts(d).length === 300)));
    await lease.room.compactNow();
    expect(encodings).toBeGreaterThan(0);
    const all = noteTexts(lease.room.doc);
    expect(all).toEqual(noteTexts(people[0]!.doc));
    lease.release();
    destroyAll(...people.map((p) => p.provider));
    await server.close();

    const again = await startServer({ dataDir });
    const reader = connectProvider(again.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => noteTexts(d).join() === all.join());
    destroyAll(reader);
    await again.close();
  }, 60_000);
});
