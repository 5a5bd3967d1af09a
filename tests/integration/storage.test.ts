import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { appendFortyMoves, expectStoredWhole } from '../helpers/appends.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { reservedPort } from '../helpers/ports.ts';
import { spawnServer } from '../helpers/process.ts';
import { defaultConfig } from '../../server/config.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import { joinAs } from '../helpers/access.ts';
import { addNote, enter, hostLine, hostLineText, noteCount, noteTexts } from '../helpers/session-text.ts';


describe('durable storage', () => {
  it('keeps the stored bytes within twice the document size over 10,000 small edits', async () => {
    // One typist far faster than a person: lift the per-connection message budget.
    const server = await startServer({ syncBudget: { ...defaultConfig().syncBudget, messagesPerSecond: 100_000, messageBurst: 100_000 } });
    const session = await createSession(server.http);
    // The host types his presentation: one line, typing and deleting.
    const writer = connectProvider(server.ws, session.id, session.tokens.host);
    await whenSynced(writer);
    const text = hostLine(writer.doc);
    const docs = server.app.storage.docs;
    let worst = 0;
    for (let i = 0; i < 10_000; i++) {
      // Typing and deleting, as people do.
      if (i % 7 === 6 && text.length > 0) text.delete(text.length - 1, 1);
      else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      if (i % 500 === 499) {
        const reader = connectProvider(server.ws, session.id, session.tokens.member);
        await whenDoc(reader.doc, (d) => hostLineText(d) === text.toString());
        destroyAll(reader);
        const ratio = (await docs.storedBytes(session.id)) / Y.encodeStateAsUpdate(writer.doc).byteLength;
        worst = Math.max(worst, ratio);
      }
    }
    expect(text.length).toBe(7144);
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(2);
    destroyAll(writer);
    await server.close();
  }, 60_000);

  it('unloads an idle document after its last client leaves and reloads it intact', async () => {
    const server = await startServer({ unloadDelayMs: 50 });
    const session = await createSession(server.http);
    const a = await enter(server, session.id, session.tokens.member, 'Bob Perrin');
    await whenSynced(a.provider);
    addNote(a.doc, a.me, 'atelier');
    addNote(a.doc, a.me, 'bureau d’études');
    const b = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(b.doc, (d) => noteCount(d) === 2);
    expect(server.app.registry.has(session.id)).toBe(true);
    destroyAll(a.provider, b);
    await vi.waitFor(() => expect(server.app.registry.has(session.id)).toBe(false), { timeout: 5000 });

    // On unload the log was compacted into one snapshot.
    expect(await server.app.storage.docs.loadUpdates(session.id)).toHaveLength(1);
    const c = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(c);
    expect(noteTexts(c.doc)).toEqual(['atelier', 'bureau d’études']);
    destroyAll(c);
    await server.close();
  });

  it('a client joining while its document unloads gets everything', async () => {
    const server = await startServer({ unloadDelayMs: 0 });
    const session = await createSession(server.http);
    const bob = await joinAs(server.http, session.id, session.tokens.member, 'Bob Perrin');
    for (let round = 0; round < 20; round++) {
      const writer = connectProvider(server.ws, session.id, bob.credential);
      await whenSynced(writer);
      addNote(writer.doc, { participantId: bob.participantId, name: bob.name }, `tour ${String(round).padStart(2, '0')}`);
      const reader = connectProvider(server.ws, session.id, session.tokens.member);
      await whenDoc(reader.doc, (d) => noteCount(d) === round + 1);
      destroyAll(writer, reader);
    }
    const last = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(last);
    expect(noteTexts(last.doc)).toEqual(Array.from({ length: 20 }, (_, i) => `tour ${String(i).padStart(2, '0')}`));
    destroyAll(last);
    await server.close();
  });

  it('after kill -9 mid-editing and a restart, a new client sees every edit any client had seen', async () => {
    const dataDir = tempDir();
    // The restart takes the same port, where the writers reconnect.
    let proc = await spawnServer({ DATA_DIR: dataDir, PORT: String(await reservedPort()) });
    const session = await createSession(proc.http);
    const people = await Promise.all([0, 1, 2].map((k) => enter(proc, session.id, session.tokens.member, `Membre ${k}`)));
    const writers = people.map((p) => p.provider);
    await Promise.all(writers.map(whenSynced));
    const edits = (d: Y.Doc) => noteTexts(d);

    // Each writer appends numbered edits as fast as the event loop lets it.
    let running = true;
    const loops = writers.map((w, k) =>
      (async () => {
        for (let n = 0; running; n++) {
          addNote(w.doc, people[k]!.me, `${k}-${n}`);
          await new Promise((r) => setImmediate(r));
        }
      })(),
    );
    // Let edits flow until every writer has received a good number from the others.
    const fromOthers = (d: Y.Doc, k: number) => edits(d).filter((key) => !key.startsWith(`${k}-`)).length;
    await Promise.all(writers.map((w, k) => whenDoc(w.doc, (d) => fromOthers(d, k) > 200)));
    await proc.kill();
    running = false;
    await Promise.all(loops);
    for (const w of writers) w.disconnect();

    // What each writer had received from the others had been stored before it was relayed.
    const seenFromOthers = new Set<string>();
    writers.forEach((w, k) => {
      for (const key of edits(w.doc)) if (!key.startsWith(`${k}-`)) seenFromOthers.add(key);
    });
    expect(seenFromOthers.size).toBeGreaterThan(200);

    proc = await spawnServer({ DATA_DIR: dataDir, PORT: String(proc.port) });
    const fresh = connectProvider(proc.ws, session.id, session.tokens.member);
    await whenSynced(fresh);
    const restored = new Set(edits(fresh.doc));
    const missing = [...seenFromOthers].filter((k) => !restored.has(k));
    expect(missing).toEqual([]);

    // The writers reconnect and send what never reached the server: then nothing is lost at all.
    const everything = new Set(writers.flatMap((w) => edits(w.doc)));
    for (const w of writers) w.connect();
    await whenDoc(fresh.doc, (d) => noteCount(d) === everything.size);
    expect(new Set(edits(fresh.doc))).toEqual(everything);
    destroyAll(fresh, ...writers);
    await proc.stop();
  }, 60_000);

  it('on SIGTERM closes every socket with 1001, compacts, and exits 0', async () => {
    const dataDir = tempDir();
    const proc = await spawnServer({ DATA_DIR: dataDir });
    const session = await createSession(proc.http);
    const bob = await enter(proc, session.id, session.tokens.member, 'Bob Perrin');
    const client = bob.provider;
    await whenSynced(client);
    for (let i = 0; i < 20; i++) addNote(bob.doc, bob.me, `étape ${i}`);
    const reader = connectProvider(proc.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => noteCount(d) === 20);
    const closed = new Promise<number>((resolve) => client.once('connection-close', (event) => resolve(event?.code ?? 0)));
    const exit = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
    proc.child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await exit).toBe(0);
    destroyAll(client, reader);
    // Flushed and compacted: one snapshot holding all twenty steps.
    const store = new SqliteStorage(path.join(dataDir, 'entraide.sqlite'));
    const stored = await store.loadUpdates(session.id);
    expect(stored).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored[0]!);
    expect(noteCount(doc)).toBe(20);
    await store.close();
  });

  it('compacts a large document in a worker thread, keeping what is appended meanwhile', async () => {
    const file = path.join(tempDir(), 'big.sqlite');
    const store = new SqliteStorage(file);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('board').insert(0, 'x'.repeat(400_000));
    for (let i = 0; i < 200; i++) doc.getArray('moves').push([i]);
    for (const u of updates.splice(0)) await store.appendUpdate('big', u);
    const compacting = store.compact('big');
    doc.getArray('moves').push(['pendant']);
    for (const u of updates.splice(0)) await store.appendUpdate('big', u);
    await compacting;
    await store.close();

    const reopened = new SqliteStorage(file);
    const loaded = new Y.Doc();
    const stored = await reopened.loadUpdates('big');
    for (const u of stored) Y.applyUpdate(loaded, u);
    expect(loaded.getText('board').length).toBe(400_000);
    expect(loaded.getArray('moves').toArray().at(-1)).toBe('pendant');
    expect(loaded.getArray('moves').length).toBe(201);
    // The 201 updates merged into a snapshot; at most the late one is still a log row.
    expect(stored.length).toBeLessThanOrEqual(2);
    await reopened.close();
  });

  it('commits the appends of one event-loop turn together, in order, and resolves each only once committed', async () => {
    const file = path.join(tempDir(), 'group.sqlite');
    const store = new SqliteStorage(file);
    const other = new DatabaseSync(file, { readOnly: true });
    const rows = () => Number((other.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n);
    const { docs, appends, resolved } = appendFortyMoves(store);
    // Nothing is committed while the turn goes on: another connection sees no row, and no
    // append has resolved (a room relays an update only once its append resolves).
    expect(rows()).toBe(0);
    await Promise.resolve();
    expect(resolved).toEqual([]);
    await Promise.all(appends);
    expect(rows()).toBe(40);
    expect(resolved).toEqual([...Array(40).keys()]);
    // Read back in the order appended: each document whole.
    await expectStoredWhole(store, docs);
    // What is read or compacted in the same turn as an append includes it.
    docs[0]!.getArray('moves').push(['late']);
    expect((await store.loadUpdates('doc-0')).length).toBe(15);
    other.close();
    await store.close();
  });

  it('replaces a SQLite worker that died, instead of waiting on it forever', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.sqlite');
    const store = new SqliteStorage(file);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.appendUpdate('big', u));
    doc.getText('board').insert(0, 'x'.repeat(400_000));
    for (let i = 0; i < 50; i++) doc.getArray('moves').push([i]);

    // The worker opens the file by its path: moved away, the worker dies as it starts.
    fs.renameSync(dir, `${dir}-away`);
    await expect(store.compact('big')).rejects.toThrow();
    fs.renameSync(`${dir}-away`, dir);
    // The next compaction gets a new worker (before the fix, it waited on the dead one).
    await store.compact('big');
    expect((await store.loadUpdates('big')).length).toBe(1);
    await store.close();
  });

  it('keeps each snapshot’s state vector with it, compacted here or in the worker, and not one a snapshot written by an earlier version left behind', async () => {
    const file = path.join(tempDir(), 'sv.sqlite');
    const store = new SqliteStorage(file);
    const small = new Y.Doc();
    small.on('update', (u: Uint8Array) => void store.appendUpdate('small', u));
    for (let i = 0; i < 50; i++) small.getArray('a').push([i]);
    const large = new Y.Doc();
    large.on('update', (u: Uint8Array) => void store.appendUpdate('large', u));
    // Past the size compacted in the worker, and past one part of a snapshot.
    for (let i = 0; i < 3; i++) large.getText('t').insert(0, 'z'.repeat(600_000));
    expect((await store.loadDocument('small')).snapshotStateVector, 'nothing compacted yet').toBeNull();
    await store.compact('small');
    await store.compact('large');
    for (const [id, doc] of [['small', small], ['large', large]] as const) {
      const stored = await store.loadDocument(id);
      expect(stored.updates).toHaveLength(1);
      expect(stored.snapshotStateVector, id).toEqual(Y.encodeStateVector(doc));
      expect(Y.encodeStateVectorFromUpdate(stored.updates[0]!)).toEqual(stored.snapshotStateVector);
    }

    // An earlier version compacts the small one: it writes the snapshot and its time only.
    small.getArray('a').push(['plus tard']);
    const writer = new DatabaseSync(file);
    writer.prepare('UPDATE doc_snapshots SET data = ?, updated_at = updated_at + 1 WHERE doc_id = ?').run(Y.encodeStateAsUpdate(small), 'small');
    writer.close();
    const replaced = await store.loadDocument('small');
    expect(replaced.snapshotStateVector, 'a vector not written with this snapshot').toBeNull();
    const back = new Y.Doc();
    Y.applyUpdate(back, replaced.updates[0]!);
    expect(back.getArray('a').length).toBe(51);
    await store.appendUpdate('small', Y.encodeStateAsUpdate(small));
    await store.compact('small');
    expect((await store.loadDocument('small')).snapshotStateVector, 'written again with the next compaction').toEqual(Y.encodeStateVector(small));
    await store.close();
  });

  it('reopens a compacted snapshot plus the log appended after it', async () => {
    const file = path.join(tempDir(), 'x.sqlite');
    const store = new SqliteStorage(file);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 100; i++) doc.getArray('a').push([i]);
    for (const u of updates) await store.appendUpdate('d', u);
    await store.compact('d');
    doc.getArray('a').delete(0, 50);
    await store.appendUpdate('d', updates.at(-1)!); // the deletion
    await store.close();
    const reopened = new SqliteStorage(file);
    const loaded = new Y.Doc();
    for (const u of await reopened.loadUpdates('d')) Y.applyUpdate(loaded, u);
    expect(loaded.getArray('a').toArray()).toEqual(Array.from({ length: 50 }, (_, i) => i + 50));
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
    await reopened.close();
  });
});

describe('SQLite under large writes (issue 10)', () => {
  const parts = (db: DatabaseSync, docId: string) =>
    db.prepare('SELECT generation, COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM doc_snapshot_parts WHERE doc_id = ? GROUP BY generation').all(docId) as Array<{ generation: number; n: number; bytes: number }>;

  it('a group commit that finds the write lock taken waits for it without holding the event loop', async () => {
    const file = path.join(tempDir(), 'locked.sqlite');
    const store = new SqliteStorage(file);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getArray('a').push(['avant']);
    await store.appendUpdate('d', updates[0]!);
    // Another connection (the worker writing a snapshot part) holds SQLite's write lock.
    const other = new DatabaseSync(file);
    other.exec('BEGIN IMMEDIATE');
    doc.getArray('a').push(['pendant']);
    let stored = false;
    const append = store.appendUpdate('d', updates[1]!).then(() => void (stored = true));
    // Timers keep firing: the loop is free (SQLite's busy handler slept on it, up to 5 s,
    // and then failed: the lock holder could not let go meanwhile).
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(stored).toBe(false);
    other.exec('COMMIT');
    await append;
    other.close();
    const back = new Y.Doc();
    for (const u of await store.loadUpdates('d')) Y.applyUpdate(back, u);
    expect(back.getArray('a').toArray()).toEqual(['avant', 'pendant']);
    await store.close();
  });

  it('the first group commit after the start leaves the event loop free while another thread holds the lock', async () => {
    const file = path.join(tempDir(), 'first-commit.sqlite');
    const store = new SqliteStorage(file);
    // Set by this thread when its timer fires: the holder waits for it, 3 s at most.
    const timerFired = new Int32Array(new SharedArrayBuffer(4));
    const holder = new Worker(
      `const { DatabaseSync } = require('node:sqlite');
       const { workerData, parentPort } = require('node:worker_threads');
       const db = new DatabaseSync(workerData.file);
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       const waited = Atomics.wait(workerData.timerFired, 0, 0, 3000);
       db.exec('COMMIT');
       db.close();
       parentPort.postMessage(waited === 'timed-out' ? 'the main thread was held' : 'the main thread was free');`,
      { eval: true, workerData: { file, timerFired } },
    );
    const messages: string[] = [];
    const verdict = new Promise<string>((resolve) => holder.on('message', (m: string) => (messages.push(m), m !== 'locked' && resolve(m))));
    await vi.waitFor(() => expect(messages).toContain('locked'));
    const append = store.appendUpdate('d', Y.encodeStateAsUpdate(new Y.Doc()));
    // A timer after the commit's turn: it fires only if the commit did not sleep in
    // SQLite's busy handler, waiting for the lock this thread cannot make the holder drop.
    await new Promise((resolve) => setTimeout(resolve, 5));
    Atomics.store(timerFired, 0, 1);
    Atomics.notify(timerFired, 0);
    expect(await verdict).toBe('the main thread was free');
    await append;
    expect((await store.loadUpdates('d')).length).toBe(1);
    await store.close();
  });

  it('after a group commit, any other write still waits for a lock held elsewhere instead of failing: the documents’, the participants’, the clubs’', async () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const store = new SqliteStorage(file);
    /** Another thread holds the write lock for 300 ms, then lets go; resolves once it holds it. */
    const holdLock = async (): Promise<{ exited: Promise<unknown> }> => {
      const holder = new Worker(
        `const { DatabaseSync } = require('node:sqlite');
         const { workerData, parentPort } = require('node:worker_threads');
         const db = new DatabaseSync(workerData.file);
         db.exec('BEGIN IMMEDIATE');
         parentPort.postMessage('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
         db.exec('COMMIT');
         db.close();`,
        { eval: true, workerData: { file } },
      );
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      await new Promise((resolve) => holder.once('message', resolve));
      return { exited };
    };
    const doc = new Y.Doc();
    const groupCommit = () => store.appendUpdate('d', Y.encodeStateAsUpdate(doc));
    // A group commit turns SQLite's busy timeout off for itself; with the timeout left off,
    // each write below failed at once with "database is locked".
    await groupCommit();
    let released = await holdLock();
    await store.createSession({ id: 'waited', title: 'T', hostCompany: 'C', hostName: 'H', date: '2026-12-01', createdAt: Date.now() }, [], Y.encodeStateAsUpdate(new Y.Doc()));
    expect(await store.getSession('waited')).toMatchObject({ id: 'waited' });
    await released.exited;

    await groupCommit();
    released = await holdLock();
    await store.access.addParticipant({ id: 'p1', sessionId: 'waited', name: 'Inès', role: 'member', joinedAt: Date.now(), removedAt: null }, Buffer.alloc(32, 1));
    expect(await store.access.listParticipants('waited')).toHaveLength(1);
    await released.exited;

    await groupCommit();
    released = await holdLock();
    await store.clubs.createClub({ id: 'c1', name: 'Club Ouest', network: 'APM', createdAt: Date.now() }, []);
    expect(await store.clubs.getClub('c1')).toMatchObject({ id: 'c1' });
    await released.exited;

    // And the documents: a compaction after a group commit.
    doc.getArray('a').push(['encore']);
    await groupCommit();
    released = await holdLock();
    await store.compact('d');
    expect(await store.loadUpdates('d')).toHaveLength(1);
    await released.exited;
    await store.close();
  });

  it('writes a large snapshot in parts under a new generation, drops the old one and stray parts, and reads it back whole', async () => {
    const file = path.join(tempDir(), 'parts.sqlite');
    const store = new SqliteStorage(file);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.appendUpdate('big', u));
    doc.getText('board').insert(0, 'x'.repeat(2_500_000));
    doc.getArray('moves').push([1]);
    await store.compact('big');
    const reader = new DatabaseSync(file, { readOnly: true });
    const first = parts(reader, 'big');
    // 2.5 MB in parts of at most 1 MiB, the row itself empty and pointing at them.
    expect(first).toHaveLength(1);
    expect(first[0]!.n).toBe(3);
    expect(reader.prepare('SELECT LENGTH(data) AS n, generation FROM doc_snapshots WHERE doc_id = ?').get('big')).toEqual({ n: 0, generation: first[0]!.generation });

    // Parts a compaction left behind when its process died, of a generation never used.
    const writer = new DatabaseSync(file);
    writer.prepare('INSERT INTO doc_snapshot_parts (doc_id, generation, part, data) VALUES (?, ?, ?, ?)').run('big', 42, 0, new Uint8Array(10));
    writer.close();
    doc.getArray('moves').push([2]);
    await store.compact('big');
    const second = parts(reader, 'big');
    expect(second).toHaveLength(1);
    expect(second[0]!.generation).not.toBe(first[0]!.generation);
    expect(second[0]!.generation).not.toBe(42);
    reader.close();
    await store.close();

    const reopened = new SqliteStorage(file);
    const stored = await reopened.loadUpdates('big');
    expect(stored).toHaveLength(1);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, stored[0]!);
    expect(loaded.getText('board').length).toBe(2_500_000);
    expect(loaded.getArray('moves').toArray()).toEqual([1, 2]);
    expect(await reopened.storedBytes('big')).toBe(stored[0]!.byteLength);
    await reopened.close();
  });

  it('reads a snapshot stored whole by an earlier version, and copies the WAL into the file as the log grows', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    // A database of the version before snapshot parts: no generation column, no parts table.
    const old = new DatabaseSync(file);
    old.exec('PRAGMA journal_mode = WAL');
    old.exec('CREATE TABLE doc_snapshots (doc_id TEXT PRIMARY KEY, data BLOB NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID');
    const doc = new Y.Doc();
    doc.getArray('a').push(['ancien']);
    old.prepare('INSERT INTO doc_snapshots VALUES (?, ?, ?)').run('d', Y.encodeStateAsUpdate(doc), 1);
    old.close();

    const store = new SqliteStorage(file);
    const back = new Y.Doc();
    const stored = await store.loadDocument('d');
    for (const u of stored.updates) Y.applyUpdate(back, u);
    expect(back.getArray('a').toArray()).toEqual(['ancien']);
    expect(stored.snapshotStateVector, 'no state vector was stored with it').toBeNull();
    // 6 MB of updates: the worker checkpoints the WAL into the database file as it goes
    // (the main connection's own checkpoints start only past 64 MiB).
    const before = fs.statSync(file).size;
    doc.on('update', (u: Uint8Array) => void store.appendUpdate('d', u));
    for (let i = 0; i < 6; i++) doc.getArray('a').push(['y'.repeat(1_000_000)]);
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 4_000_000), { timeout: 10_000, interval: 20 });
    await store.close();
  });
});
