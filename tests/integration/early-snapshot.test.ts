// Joining a session that is not in memory (issue 14): its document is stored compacted, as
// one snapshot, and a joiner gets that snapshot as soon as it is read, while the server builds
// the document (about 75 ms for a board of 5,000 stickies), instead of after. What the load
// then changes (a migration) reaches the joiner in the answer to its sync step 1.
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MessageType, SyncType, syncStep1Frame, syncStep2Frame } from '../../server/sync/messages.ts';
import * as S from '../../shared/session/index.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { seedSession } from '../helpers/seed.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import { addNote, enter } from '../helpers/session-text.ts';
import { joinAs } from '../helpers/access.ts';

/** vi.waitFor's own 1 s was too short on a loaded CI host (an answer came later). */
const WAIT = { timeout: 15_000 };

const NOTES = 60;
const seeder: S.Person = { participantId: 'p-seed', name: 'Claire Duval' };

/** The update in a sync step 2 frame, or null for any other frame. */
function step2Update(frame: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== MessageType.Sync || decoding.readVarUint(d) !== SyncType.Step2) return null;
  return decoding.readVarUint8Array(d);
}

const isStep2 = (frame: Uint8Array): boolean => step2Update(frame) !== null;

/** The state vector in a sync step 1 frame, or null for any other frame. */
function step1StateVector(frame: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== MessageType.Sync || decoding.readVarUint(d) !== SyncType.Step1) return null;
  return decoding.readVarUint8Array(d);
}

const migrated = (doc: Y.Doc): boolean =>
  S.getSchemaVersion(doc) === S.CURRENT_SCHEMA_VERSION && doc.getMap(S.ROOT.board).has('votingOpen');

describe('joining a session stored as one snapshot', () => {
  it('sends the stored state before the server built the document, then what the load changed; thirty providers joining at once all end with the server’s document', async () => {
    const server = await startServer({ unloadDelayMs: 20 });
    try {
      const session = await createSession(server.http);
      // A document written before voting rounds (schema 1): the load migrates it, after the
      // joiner got the stored snapshot.
      await seedSession(server.app, session.id, (doc) => {
        for (let i = 0; i < NOTES; i++) S.addVisitNote(doc, seeder, { stationId: null, kind: 'idea', text: `note ${i} sur l’atelier de découpe` });
        doc.getMap(S.ROOT.board).delete('votingOpen');
        doc.getMap(S.ROOT.board).delete('hideCounts');
        doc.getMap(S.ROOT.meta).set('schemaVersion', 1);
      });
      await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded').toBe(false), WAIT);
      expect(await server.app.storage.docs.loadUpdates(session.id)).toHaveLength(1);

      // A raw client: the first thing it receives is the stored snapshot, before the
      // server's own sync step 1 (sent once the document is built) and before it asked.
      const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
      if (opened.kind !== 'open') throw new Error(`refused: ${opened.status}`);
      const frames = collectFrames(opened.ws);
      const first = await whenFrame(opened.ws, frames, () => true);
      const snapshot = step2Update(first);
      expect(snapshot, 'the first frame is a sync step 2').not.toBeNull();
      const raw = new Y.Doc();
      Y.applyUpdate(raw, snapshot!);
      expect(S.getVisitNotes(raw)).toHaveLength(NOTES);
      expect(S.getSchemaVersion(raw), 'the stored state, as it was before the load migrated it').toBe(1);
      // Its sync step 1, sent as a provider sends it on open (it had nothing then): the
      // answer holds what the load changed, not the whole document again.
      const answered = frames.filter(isStep2).length;
      opened.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      await vi.waitFor(() => expect(frames.filter(isStep2).length, 'the answer to the sync step 1').toBeGreaterThan(answered), WAIT);
      const answer = step2Update(frames.filter(isStep2)[answered]!)!;
      Y.applyUpdate(raw, answer);
      expect(migrated(raw), 'the migration reached the raw client').toBe(true);
      expect(answer.byteLength).toBeLessThan(snapshot!.byteLength / 4);
      opened.ws.close();
      await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded again').toBe(false), WAIT);

      // Thirty stock providers at once on the cold session (one of them a person who then
      // writes): each is served early or from the built document, all end with the
      // server's, and the connections go on as usual.
      const marc = await enter(server, session.id, session.tokens.member, 'Marc Giraud');
      const providers = [marc.provider, ...Array.from({ length: 29 }, () => connectProvider(server.ws, session.id, session.tokens.member))];
      await Promise.all(providers.map((p) => whenSynced(p)));
      await Promise.all(providers.map((p) => whenDoc(p.doc, migrated)));
      const lease = await server.app.registry.acquire(session.id);
      try {
        const held = Y.decodeStateVector(Y.encodeStateVector(lease.room.doc));
        for (const p of providers) {
          expect(S.getVisitNotes(p.doc)).toHaveLength(NOTES);
          expect(Y.decodeStateVector(Y.encodeStateVector(p.doc))).toEqual(held);
        }
      } finally {
        lease.release();
      }
      addNote(marc.doc, marc.me, 'une note écrite après le chargement');
      await Promise.all(providers.map((p) => whenDoc(p.doc, (d) => S.getVisitNotes(d).length === NOTES + 1)));
      destroyAll(...providers);
    } finally {
      await server.close();
    }
  });

  it('asks an early writer what it holds beyond the snapshot before building, takes its answer, and asks nothing more', async () => {
    const server = await startServer({ unloadDelayMs: 20 });
    try {
      const session = await createSession(server.http);
      // Written before voting rounds (schema 1): the build migrates it, so the document built
      // has a state vector of its own, unlike the snapshot.
      await seedSession(server.app, session.id, (doc) => {
        for (let i = 0; i < NOTES; i++) S.addVisitNote(doc, seeder, { stationId: null, kind: 'idea', text: `note ${i} sur la ligne d’emballage` });
        doc.getMap(S.ROOT.board).delete('votingOpen');
        doc.getMap(S.ROOT.board).delete('hideCounts');
        doc.getMap(S.ROOT.meta).set('schemaVersion', 1);
      });
      await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded').toBe(false), WAIT);
      const joined = await joinAs(server.http, session.id, session.tokens.member, 'Inès Morel');
      const ines: S.Person = { participantId: joined.participantId, name: joined.name };

      // A writer whose device holds the stored state plus a note written offline.
      const device = new Y.Doc();
      Y.applyUpdate(device, (await server.app.storage.docs.loadUpdates(session.id))[0]!);
      addNote(device, ines, 'écrite hors ligne pendant la visite');
      const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${joined.credential}`);
      if (opened.kind !== 'open') throw new Error(`refused: ${opened.status}`);
      const frames = collectFrames(opened.ws);
      // First the snapshot, then at once a sync step 1 with the snapshot's own state vector,
      // before the server builds the document (it waits for the answer).
      await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(2), WAIT);
      const snapshot = step2Update(frames[0]!);
      expect(snapshot, 'the first frame is the snapshot').not.toBeNull();
      const asked = step1StateVector(frames[1]!);
      expect(asked, 'the second frame is a sync step 1').not.toBeNull();
      expect(Y.decodeStateVector(asked!)).toEqual(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(snapshot!)));

      // Its answer, as a provider gives it: what it holds beyond that state vector.
      opened.ws.send(syncStep2Frame(Y.encodeStateAsUpdate(device, asked!)));
      const reader = connectProvider(server.ws, session.id, session.tokens.member);
      await whenDoc(reader.doc, (d) => S.getVisitNotes(d).length === NOTES + 1 && migrated(d));
      expect(S.getVisitNotes(reader.doc).filter((n) => n.text === 'écrite hors ligne pendant la visite')).toHaveLength(1);
      // The join asked nothing more of it: one sync step 1 in all.
      expect(frames.filter((f) => step1StateVector(f) !== null)).toHaveLength(1);
      opened.ws.close();
      destroyAll(reader);
    } finally {
      await server.close();
    }
  });

  it('asks with the state vector stored with the snapshot, and reads it from the snapshot when the stored one is not its own', async () => {
    const dataDir = tempDir();
    const server = await startServer({ unloadDelayMs: 20, dataDir });
    const file = path.join(dataDir, 'entraide.sqlite');
    try {
      const session = await createSession(server.http);
      await seedSession(server.app, session.id, (doc) => {
        for (let i = 0; i < NOTES; i++) S.addVisitNote(doc, seeder, { stationId: null, kind: 'idea', text: `note ${i} sur la presse` });
      });
      await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded').toBe(false), WAIT);
      const stored = await server.app.storage.docs.loadDocument!(session.id);
      const snapshotVector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored.updates[0]!));
      expect(Y.decodeStateVector(stored.snapshotStateVector!), 'stored with the snapshot').toEqual(snapshotVector);
      const joined = await joinAs(server.http, session.id, session.tokens.member, 'Inès Morel');

      /** The sync step 1 a writer is sent right after the early snapshot, answered as a provider does; then it leaves. */
      const askedOnJoin = async (): Promise<Map<number, number>> => {
        const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${joined.credential}`);
        if (opened.kind !== 'open') throw new Error(`refused: ${opened.status}`);
        const frames = collectFrames(opened.ws);
        await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(2), WAIT);
        const device = new Y.Doc();
        Y.applyUpdate(device, step2Update(frames[0]!)!);
        const asked = step1StateVector(frames[1]!);
        expect(asked, 'a sync step 1 right after the snapshot').not.toBeNull();
        opened.ws.send(syncStep2Frame(Y.encodeStateAsUpdate(device, asked!)));
        const reader = connectProvider(server.ws, session.id, session.tokens.member);
        await whenDoc(reader.doc, (d) => S.getVisitNotes(d).length === NOTES);
        destroyAll(reader);
        opened.ws.close();
        await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded').toBe(false), WAIT);
        return Y.decodeStateVector(asked!);
      };

      // The stored vector is what the question carries: one that says a clock less than the
      // snapshot's (a question for a little more than needed) comes back as stored.
      const [client, clock] = [...snapshotVector][0]!;
      const lower = new Map(snapshotVector).set(client, clock - 1);
      const db = new DatabaseSync(file);
      try {
        db.prepare('UPDATE doc_snapshots SET state_vector = ? WHERE doc_id = ?').run(Y.encodeStateVector(lower), session.id);
        expect(await askedOnJoin()).toEqual(lower);
        // An earlier version replaced the snapshot (a newer time, the vector left as it was):
        // the vector is the snapshot's own again, read from it.
        db.prepare('UPDATE doc_snapshots SET updated_at = updated_at + 1 WHERE doc_id = ?').run(session.id);
        expect(await askedOnJoin()).toEqual(snapshotVector);
      } finally {
        db.close();
      }
    } finally {
      await server.close();
    }
  });

  it('takes a large answer to that question while the document loads: 4.5 MB written offline on a device', async () => {
    const server = await startServer({ unloadDelayMs: 20 });
    try {
      const session = await createSession(server.http);
      await seedSession(server.app, session.id, (doc) => {
        for (let i = 0; i < NOTES; i++) S.addVisitNote(doc, seeder, { stationId: null, kind: 'idea', text: `note ${i} sur le quai de chargement` });
      });
      await vi.waitFor(() => expect(server.app.registry.has(session.id), 'the document unloaded').toBe(false), WAIT);
      const joined = await joinAs(server.http, session.id, session.tokens.member, 'Paul Girard');
      const paul: S.Person = { participantId: joined.participantId, name: joined.name };
      // More than a loading document may queue (4 MiB): the answer does not count.
      const device = new Y.Doc();
      Y.applyUpdate(device, (await server.app.storage.docs.loadUpdates(session.id))[0]!);
      const before = Y.encodeStateVector(device);
      for (let i = 0; i < 2300; i++) addNote(device, paul, `Note ${i} : ${'atelier '.repeat(245)}`);
      expect(Y.encodeStateAsUpdate(device, before).byteLength).toBeGreaterThan(4.5e6);
      const provider = connectProvider(server.ws, session.id, joined.credential, device);
      const closes: number[] = [];
      provider.on('connection-close', (e) => closes.push(e?.code ?? 0));
      await whenSynced(provider);
      const reader = connectProvider(server.ws, session.id, session.tokens.member);
      await whenDoc(reader.doc, (d) => S.getVisitNotes(d).length === NOTES + 2300);
      expect(closes).toEqual([]);
      destroyAll(provider, reader);
    } finally {
      await server.close();
    }
  });
});
