// A joiner, a save probe and a summary wait only for the writes queued before they asked,
// never for a quiet moment: on a busy board such a moment may not come.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import { updateFrame } from '../../server/sync/messages.ts';
import { Room } from '../../server/sync/Room.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import * as S from '../../shared/session/index.ts';
import { addNote, enter, hostLine, hostLineText, type Entered } from '../helpers/session-text.ts';
import { DATABASE_URL, usePostgresSchemas } from '../helpers/postgres.ts';

const newSchema = usePostgresSchemas();

describe('under steady writes', () => {
  it('with PostgreSQL and 10 members writing 10 edits a second each, a joiner syncs and the summary answers while the writes go on', async () => {
    const schema = newSchema();
    const server = await startServer({ databaseUrl: DATABASE_URL, databaseSchema: schema, dataDir: tempDir() });
    const session = await createSession(server.http);
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => enter(server, session.id, session.tokens.member, `Membre ${i}`)));
    const writers = people.map((p) => p.provider);
    await Promise.all(writers.map(whenSynced));
    // The load: each writer takes a note of his own ten times a second.
    let n = 0;
    const timers = people.map((p) => setInterval(() => addNote(p.doc, p.me, `note ${n++}`), 100));
    const notesBy = (d: Y.Doc, p: Entered) => S.getVisitNotes(d).filter((note) => note.authorId === p.me.participantId).length;
    try {
      // Let the writes get going: every writer's first notes stored and seen by another.
      await whenDoc(writers[0]!.doc, (d) => people.every((p) => notesBy(d, p) >= 3));
      const before = people.map((p) => notesBy(writers[0]!.doc, p));

      // Each join and each summary completes while the notes keep coming (a quiet moment
      // never comes: the writers never stop); no timing is asserted, the test would hang.
      const written = () => S.getVisitNotes(writers[0]!.doc).length;
      for (let round = 0; round < 3; round++) {
        const atStart = written();
        const joiner = connectProvider(server.ws, session.id, session.tokens.member);
        await whenSynced(joiner);
        expect(S.getVisitNotes(joiner.doc).length).toBeGreaterThanOrEqual(atStart);
        destroyAll(joiner);

        const res = await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.member}`);
        expect(res.status).toBe(200);
        // The load was running all along: more notes arrived meanwhile.
        await whenDoc(writers[0]!.doc, () => written() > atStart);
      }
      // The load went on all along: every writer's later notes were taken too.
      await whenDoc(writers[0]!.doc, (d) => people.every((p, i) => notesBy(d, p) >= before[i]! + 3));
    } finally {
      timers.forEach(clearInterval);
      destroyAll(...writers);
      await server.close();
    }
  });
});

describe('catching up from storage', () => {
  it('a gap seen within a second of the last catch-up is caught up when that second ends, not dropped', async () => {
    const dir = tempDir();
    const store = new SqliteStorage(path.join(dir, 'entraide.sqlite'));
    const room = new Room('gaps', store, createLogger('silent'));
    // Another instance's edits (the host typing his presentation's first line): stored, but
    // the first of each pair never reached us.
    const other = new Y.Doc();
    const produced: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => produced.push(u));
    const write = async (word: string) => {
      const from = produced.length;
      const line = hostLine(other);
      line.insert(line.length, word);
      // One stored row per word (the first one also makes the line).
      const update = Y.mergeUpdates(produced.slice(from));
      await store.appendUpdate('gaps', update);
      return update;
    };
    try {
      await write('un');
      // The second depends on the first, which was lost on its way: catch up from storage.
      room.receiveFromBus(updateFrame(await write('deux')));
      await whenDoc(room.doc, (d) => hostLineText(d) === 'undeux');
      // Right after, the fourth arrives without the third: within the second of the last
      // catch-up.
      await write('trois');
      room.receiveFromBus(updateFrame(await write('quatre')));
      await whenDoc(room.doc, (d) => hostLineText(d) === 'undeuxtroisquatre');
    } finally {
      room.destroy();
      await store.close();
    }
  });
});
