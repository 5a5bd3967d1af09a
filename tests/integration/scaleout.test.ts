import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { connectRedis } from '../../server/redis.ts';
import { PostgresStorage } from '../../server/storage/postgres.ts';
import { RedisBus } from '../../server/sync/RedisBus.ts';
import { connectProvider, destroyAll, watchRefusals, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createClub, createClubSession, joinClub } from '../helpers/clubs.ts';
import { startRedis } from '../helpers/presence.ts';
import { reservedPort } from '../helpers/ports.ts';
import { appendFortyMoves, expectStoredWhole } from '../helpers/appends.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';
import { joinAs } from '../helpers/access.ts';
import { joinPresence } from '../helpers/presence.ts';
import * as S from '../../shared/session/index.ts';
import { addNote, enter, hostLine, hostLineText, noteCount, noteTexts } from '../helpers/session-text.ts';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schemas: string[] = [];

afterAll(async () => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/** Two instances sharing one PostgreSQL schema and one Redis, as behind a load balancer. */
async function twoInstances(redisUrl = REDIS_URL, unloadDelayMs = 30_000): Promise<[TestServer, TestServer, string]> {
  const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl, unloadDelayMs };
  const a = await startServer({ ...cfg, dataDir: tempDir() });
  const b = await startServer({ ...cfg, dataDir: tempDir() });
  return [a, b, schema];
}

/** The host's first line, which the tests type into (on the host's link). */
const text = hostLineText;

describe('scale-out: PostgreSQL store and Redis fan-out', () => {
  it('clients on two instances edit one session live', async () => {
    const [a, b] = await twoInstances();
    const session = await createSession(a.http);
    // The host on his laptop through one instance and on his phone through the other.
    const onA = connectProvider(a.ws, session.id, session.tokens.host);
    const onB = connectProvider(b.ws, session.id, session.tokens.host);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    hostLine(onA.doc).insert(0, 'Atelier ');
    await whenDoc(onB.doc, (d) => text(d) === 'Atelier ');
    hostLine(onB.doc).insert(8, 'de décolletage');
    await whenDoc(onA.doc, (d) => text(d) === 'Atelier de décolletage');

    // Awareness crosses instances too.
    onB.awareness.setLocalStateField('user', { name: 'Bob' });
    await new Promise<void>((resolve) => {
      const check = () => {
        if ([...onA.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Bob')) resolve();
      };
      onA.awareness.on('change', check);
      check();
    });
    destroyAll(onA, onB);
    await Promise.all([a.close(), b.close()]);
  });

  it('an instance that loads the document later gets what another stored', async () => {
    const [a, b] = await twoInstances(REDIS_URL, 0);
    const session = await createSession(a.http);
    const marc = await enter(a, session.id, session.tokens.member, 'Marc');
    await whenSynced(marc.provider);
    for (let i = 0; i < 300; i++) addNote(marc.doc, marc.me, `note ${i}`);
    const probe = connectProvider(a.ws, session.id, session.tokens.member);
    await whenDoc(probe.doc, (d) => noteCount(d) === 300);
    const onB = connectProvider(b.ws, session.id, session.tokens.member);
    await whenSynced(onB);
    expect(noteCount(onB.doc)).toBe(300);
    destroyAll(marc.provider, probe, onB);
    await Promise.all([a.close(), b.close()]);
  });

  it('compactions on both instances lose nothing', async () => {
    const [a, b, schema] = await twoInstances();
    const session = await createSession(a.http);
    const [marc, nadia] = await Promise.all([enter(a, session.id, session.tokens.member, 'Marc'), enter(b, session.id, session.tokens.member, 'Nadia')]);
    const onA = marc.provider;
    const onB = nadia.provider;
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    for (let i = 0; i < 1000; i++) {
      addNote(marc.doc, marc.me, `a${i}`);
      addNote(nadia.doc, nadia.me, `b${i}`);
    }
    await Promise.all([whenDoc(onA.doc, (d) => noteCount(d) === 2000), whenDoc(onB.doc, (d) => noteCount(d) === 2000)]);
    await Promise.all([a.app.storage.docs.compact(session.id), b.app.storage.docs.compact(session.id)]);
    destroyAll(onA, onB);
    await Promise.all([a.close(), b.close()]);
    const store = await PostgresStorage.connect(DATABASE_URL, schema);
    const doc = new Y.Doc();
    for (const u of await store.loadUpdates(session.id)) Y.applyUpdate(doc, u);
    expect(noteCount(doc)).toBe(2000);
    await store.close();
  });

  it('keeps the state vector written with a snapshot, and not one a snapshot written by an earlier version left behind', async () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    // A schema of the version before these columns, with a snapshot in it.
    const doc = new Y.Doc();
    doc.getArray('a').push(['ancien']);
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.doc_snapshots (doc_id TEXT PRIMARY KEY, data BYTEA NOT NULL, updated_at BIGINT NOT NULL)`);
    await admin.query(`INSERT INTO ${schema}.doc_snapshots VALUES ('d', $1, 1)`, [Buffer.from(Y.encodeStateAsUpdate(doc))]);
    const store = await PostgresStorage.connect(DATABASE_URL, schema);
    expect((await store.loadDocument('d')).snapshotStateVector, 'none stored with the old snapshot').toBeNull();
    // Once the columns are there, another instance starts while a transaction reads the
    // table: adding them again would lock it, and wait for that reader.
    await admin.query('BEGIN');
    await admin.query(`SELECT count(*) FROM ${schema}.doc_snapshots`);
    const second = PostgresStorage.connect(DATABASE_URL, schema);
    const waited = await Promise.race([second.then(() => 'started'), new Promise((resolve) => setTimeout(() => resolve('waited for the reader'), 10_000))]);
    await admin.query('COMMIT');
    expect(waited).toBe('started');
    await (await second).close();

    doc.on('update', (u: Uint8Array) => void store.appendUpdate('d', u));
    for (let i = 0; i < 20; i++) doc.getArray('a').push([i]);
    await vi.waitFor(async () => expect(await store.loadUpdates('d')).toHaveLength(21));
    await store.compact('d');
    const stored = await store.loadDocument('d');
    expect(stored.updates).toHaveLength(1);
    expect(Y.decodeStateVector(stored.snapshotStateVector!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));

    // An earlier version, on another instance, compacts it again: snapshot and time only.
    doc.getArray('a').push(['plus tard']);
    await admin.query(
      `INSERT INTO ${schema}.doc_snapshots (doc_id, data, updated_at) VALUES ('d', $1, $2)
       ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      [Buffer.from(Y.encodeStateAsUpdate(doc)), Date.now() + 1],
    );
    const replaced = await store.loadDocument('d');
    expect(replaced.snapshotStateVector, 'a vector not written with this snapshot').toBeNull();
    const back = new Y.Doc();
    Y.applyUpdate(back, replaced.updates[0]!);
    expect(back.getArray('a').length).toBe(22);
    await Promise.all([admin.end(), store.close()]);
  });

  it('compaction keeps a row that committed after it read the log', async () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const store = await PostgresStorage.connect(DATABASE_URL, schema);
    // Each row: a note of someone's, on a replica of its own (so no row depends on another).
    const update = (name: string) => {
      const d = new Y.Doc();
      addNote(d, { participantId: `p-${name}`, name }, name);
      return Buffer.from(Y.encodeStateAsUpdate(d));
    };
    await store.appendUpdate('d', update('base'));
    await store.compact('d');

    // Another instance's append takes its seq now and commits later.
    const late = new pg.Client({ connectionString: DATABASE_URL });
    const blocker = new pg.Client({ connectionString: DATABASE_URL });
    // Outside any transaction: pg_stat_activity is read once per transaction.
    const watcher = new pg.Client({ connectionString: DATABASE_URL });
    await Promise.all([late.connect(), blocker.connect(), watcher.connect()]);
    await late.query('BEGIN');
    await late.query(`INSERT INTO ${schema}.doc_updates (doc_id, data) VALUES ('d', $1)`, [update('late')]);
    await store.appendUpdate('d', update('other'));
    // Hold the snapshot row so the compaction stops after reading and merging the log.
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM ${schema}.doc_snapshots WHERE doc_id = 'd' FOR UPDATE`);
    const compacting = store.compact('d');
    await vi.waitFor(async () => {
      const { rows } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ${schema}.doc_snapshots%'`,
      );
      expect((rows[0] as { n: number }).n).toBe(1);
    });
    await late.query('COMMIT');
    await blocker.query('COMMIT');
    await compacting;

    const doc = new Y.Doc();
    for (const u of await store.loadUpdates('d')) Y.applyUpdate(doc, u);
    expect(noteTexts(doc)).toEqual(['base', 'late', 'other']);
    await Promise.all([late.end(), blocker.end(), watcher.end(), store.close()]);
  });

  it('when one instance could not publish, the others catch up once it can', async () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const log = createLogger('silent');
    const [pub, sub] = await Promise.all([connectRedis(REDIS_URL, log, 'test-pub'), connectRedis(REDIS_URL, log, 'test-sub')]);
    const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL, dataDir: tempDir() };
    const a = await startServer(cfg, { bus: new RedisBus(pub, sub, log) });
    const b = await startServer(cfg);
    const session = await createSession(a.http);
    const onA = connectProvider(a.ws, session.id, session.tokens.host);
    const onB = connectProvider(b.ws, session.id, session.tokens.member);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    hostLine(onA.doc).insert(0, 'avant');
    await whenDoc(onB.doc, (d) => text(d) === 'avant');

    // Only a's publisher is cut: b sees no outage at all.
    await pub.close();
    hostLine(onA.doc).insert(5, ', pendant');
    const probe = connectProvider(a.ws, session.id, session.tokens.member);
    await whenDoc(probe.doc, (d) => text(d) === 'avant, pendant');
    expect(text(onB.doc)).toBe('avant');
    await pub.connect();
    await whenDoc(onB.doc, (d) => text(d) === 'avant, pendant');
    destroyAll(onA, onB, probe);
    await Promise.all([a.close(), b.close()]);
    await Promise.all([pub.close(), sub.close()]);
  });

  it('after Redis restarts, instances catch up on what they missed', async () => {
    const port = await reservedPort();
    let redis = await startRedis(port);
    const [a, b] = await twoInstances(redis.url);
    const session = await createSession(a.http);
    const onA = connectProvider(a.ws, session.id, session.tokens.host);
    const onB = connectProvider(b.ws, session.id, session.tokens.member);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    // The host's line is there for everyone before the cut.
    const line = hostLine(onA.doc);
    await whenDoc(onB.doc, (d) => S.getPresentationFragment(d, 'problem').length === 1);

    await redis.stop();
    // Written while the instances cannot tell each other: stored, but not fanned out.
    line.insert(0, 'pendant la coupure');
    const stillOnA = connectProvider(a.ws, session.id, session.tokens.member);
    await whenDoc(stillOnA.doc, (d) => text(d) === 'pendant la coupure');
    redis = await startRedis(port);
    await whenDoc(onB.doc, (d) => text(d) === 'pendant la coupure');
    destroyAll(onA, onB, stillOnA);
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
  });

  it('commits the appends of one event-loop turn in one statement, in order, resolves each only once committed, and a read sees them', async () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const store = await PostgresStorage.connect(DATABASE_URL, schema);
    const other = new pg.Client({ connectionString: DATABASE_URL });
    await other.connect();
    const { docs, appends, resolved } = appendFortyMoves(store);
    // When the first append resolves, all forty are committed: they went together.
    const seenAtFirst = appends[0]!.then(() => other.query(`SELECT COUNT(*)::int AS n FROM ${schema}.doc_updates`));
    await Promise.all(appends);
    expect((await seenAtFirst).rows[0]).toEqual({ n: 40 });
    expect(resolved).toEqual([...Array(40).keys()]);
    // One statement, so one transaction: every row carries the same xmin.
    const { rows } = await other.query(`SELECT COUNT(*)::int AS n, COUNT(DISTINCT xmin::text)::int AS commits FROM ${schema}.doc_updates`);
    expect(rows[0]).toEqual({ n: 40, commits: 1 });
    await expectStoredWhole(store, docs);
    // What is read in the same turn as an append includes it.
    docs[0]!.getArray('moves').push(['late']);
    expect((await store.loadUpdates('doc-0')).length).toBe(15);
    // A row that cannot be stored fails alone: the statement is tried again row by row.
    const failed = await Promise.allSettled([store.appendUpdate('doc-1', Y.encodeStateAsUpdate(docs[1]!)), store.appendUpdate('doc-\u0000', new Uint8Array([0])), store.appendUpdate('doc-2', Y.encodeStateAsUpdate(docs[2]!))]);
    expect(failed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.loadUpdates('doc-1')).length).toBe(14);
    expect((await store.loadUpdates('doc-2')).length).toBe(14);

    // One statement in flight at a time: while one waits (here on a lock another connection
    // holds), the appends asked for meanwhile, over several turns, wait too and then go
    // together in the next, in the order asked for.
    await other.query('BEGIN');
    await other.query(`LOCK TABLE ${schema}.doc_updates IN EXCLUSIVE MODE`);
    const inOrder = [store.appendUpdate('queue', new Uint8Array([1]))];
    const waitingInserts = async () => {
      // Inside a transaction the statistics views keep their first reading: read them afresh.
      await other.query('SELECT pg_stat_clear_snapshot()');
      return (await other.query(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ${schema}.doc_updates%'`)).rows[0].n as number;
    };
    await vi.waitFor(async () => expect(await waitingInserts()).toBe(1), { timeout: 10_000, interval: 20 });
    inOrder.push(store.appendUpdate('queue', new Uint8Array([2])));
    await new Promise((resolve) => setImmediate(resolve));
    inOrder.push(store.appendUpdate('queue', new Uint8Array([3])));
    await new Promise((resolve) => setImmediate(resolve));
    await other.query('COMMIT');
    await Promise.all(inOrder);
    const queued = await other.query(`SELECT data, xmin::text AS commit FROM ${schema}.doc_updates WHERE doc_id = 'queue' ORDER BY seq`);
    expect(queued.rows.map((r: { data: Buffer }) => r.data[0])).toEqual([1, 2, 3]);
    expect(new Set(queued.rows.map((r: { commit: string }) => r.commit)).size).toBe(2);
    await other.end();
    await store.close();
  });

  it('a member who joins the club on one instance may carry an action of its session held by another, at once', async () => {
    // He was refused as given to nobody known, on the instance holding the room, until the
    // room loaded again: only the instance where he joined learned of him.
    const [a, b] = await twoInstances();
    const bourse = await createClub(a.http, 'Club Bourse');
    const marc = await joinClub(a.http, bourse.id, bourse.adminToken, 'Marc Duret');
    const running = await createClubSession(a.http, marc, { title: 'Les porteurs', hostCompany: 'Duret', date: '2026-12-12' });
    const p = connectProvider(b.ws, running.id, marc.credential);
    const refusals = watchRefusals(p);
    await whenSynced(p);
    S.setPhase(p.doc, { participantId: marc.memberId, name: 'Marc Duret', role: 'host' }, 'synthesis');
    // The room is B's alone (a hold on it here, not a load: it is in memory for Marc's client).
    expect(b.app.registry.has(running.id)).toBe(true);
    expect(a.app.registry.has(running.id)).toBe(false);
    const lease = await b.app.registry.acquire(running.id);
    const room = lease.room;
    const luc = await joinClub(a.http, bourse.id, bourse.inviteToken, 'Luc Bozon');
    await expect.poll(() => room.knowsPerson(luc.memberId), { timeout: 10_000 }).toBe(true);
    S.addActionItem(p.doc, { text: 'Présenter son banquier', owner: { participantId: luc.memberId, name: 'Luc Bozon' } }, { id: 'new-member' });
    const check = connectProvider(a.ws, running.id, marc.credential);
    await whenSynced(check);
    await whenDoc(check.doc, (d) => S.getActionItems(d).some((x) => x.id === 'new-member' && x.ownerId === luc.memberId));
    expect(refusals.reasons).toEqual([]);
    lease.release();
    destroyAll(p, check);
    await Promise.all([a.close(), b.close()]);
  });

  it('private writing across instances: the reveal on one finds a private document stored by the other', async () => {
    const [a, b] = await twoInstances();
    const session = await createSession(a.http);
    const host = await joinAs(a.http, session.id, session.tokens.host, 'Claire');
    const marc = await joinAs(a.http, session.id, session.tokens.member, 'Marc');
    const hostDoc = connectProvider(a.ws, session.id, host.credential);
    const marcDoc = connectProvider(b.ws, session.id, marc.credential);
    await Promise.all([whenSynced(hostDoc), whenSynced(marcDoc)]);
    S.setPhase(hostDoc.doc, { participantId: host.participantId, name: 'Claire', role: 'host' }, 'brainstorm');
    const hostSocket = joinPresence(a.http, session.id, host.credential, 'Claire');
    hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'start' });
    await whenDoc(marcDoc.doc, (d) => S.getBoardSettings(d).privateWriting);

    // Marc's private document lives on instance B only; its count reaches A's clients.
    const marcPrivate = connectProvider(b.ws, S.privateRoomName(session.id), marc.credential);
    await whenSynced(marcPrivate);
    S.addSticky(marcPrivate.doc, { participantId: marc.participantId, name: 'Marc' }, { text: 'Idée de Marc', x: 0, y: 0 }, { id: 'marc-1' });
    await whenDoc(hostDoc.doc, (d) => S.getPrivateProgress(d).ideas === 1);
    expect(a.app.registry.has(`${session.id}/private/${marc.participantId}`)).toBe(false);
    expect(await a.app.storage.docs.listDocs(`${session.id}/private/`)).toEqual([`${session.id}/private/${marc.participantId}`]);

    hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'reveal' });
    await whenDoc(marcDoc.doc, (d) => S.getStickies(d).some((s) => s.id === 'marc-1' && s.authorId === marc.participantId));
    // Emptied by A, relayed to B, and so to Marc's device.
    await whenDoc(marcPrivate.doc, (d) => S.countPrivateStickies(d) === 0);
    hostSocket.disconnect();
    destroyAll(hostDoc, marcDoc, marcPrivate);
    await Promise.all([a.close(), b.close()]);
  });

  it('a round that hid its counts, closed on one instance, counts the points another took as it closed', async () => {
    const [a, b] = await twoInstances();
    const session = await createSession(a.http);
    const host = await joinAs(a.http, session.id, session.tokens.host, 'Claire');
    const hostActor = { participantId: host.participantId, name: 'Claire', role: 'host' as const };
    const hostDoc = connectProvider(a.ws, session.id, host.credential);
    await whenSynced(hostDoc);
    S.setPhase(hostDoc.doc, hostActor, 'brainstorm');
    const ideas = [0, 1, 2].map((i) => S.addSticky(hostDoc.doc, hostActor, { text: `Idée ${i + 1}`, x: 240 * i, y: 0 }));
    const hostSocket = joinPresence(a.http, session.id, host.credential, 'Claire');
    hostSocket.emit('facilitate', { kind: 'voting', open: true, budget: 2 });
    await whenDoc(hostDoc.doc, (d) => S.ruleStateOf(d).countsHidden);

    // Ten members on instance B each give one point there, in their private documents.
    const voters = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const cred = await joinAs(b.http, session.id, session.tokens.member, `Membre ${i + 1}`);
      const board = connectProvider(b.ws, session.id, cred.credential);
      const own = connectProvider(b.ws, S.privateRoomName(session.id), cred.credential);
      await Promise.all([whenSynced(board), whenSynced(own)]);
      await whenDoc(board.doc, (d) => S.ruleStateOf(d).countsHidden);
      return { cred, me: { participantId: cred.participantId, name: cred.name }, board, own };
    }));
    for (const v of voters) S.castVote(v.own.doc, v.me, ideas[0]!, undefined, v.board.doc);
    await whenDoc(hostDoc.doc, (d) => S.getHiddenVoteProgress(d).points === voters.length);

    // The close on A reads the private documents and moves their points. Just then, before
    // the close reaches B, B takes a second point from three of them: A will not see those.
    const late = voters.slice(0, 3);
    const sessionOnA = a.app.registry.loaded(session.id)!;
    const takeLatePoints = () => {
      if (S.ruleStateOf(sessionOnA.doc).countsHidden) return;
      sessionOnA.doc.off('afterTransaction', takeLatePoints);
      // As the phone gives it: its round read from the session's document beside (B's copy).
      const sessionOnB = b.app.registry.loaded(session.id)!;
      for (const v of late) {
        const onB = b.app.registry.loaded(`${session.id}/private/${v.cred.participantId}`)!;
        void onB.changeAsServer((d) => void S.castVote(d, v.me, ideas[1]!, { id: `late-${v.me.name}` }, sessionOnB.doc));
      }
    };
    sessionOnA.doc.on('afterTransaction', takeLatePoints);
    hostSocket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(hostDoc.doc, (d) => !S.getVotingSettings(d).open);

    // They were given while the round was open: they count in it, in their voters' names.
    await whenDoc(hostDoc.doc, (d) => S.tally(d).countedVoteIds.length === voters.length + late.length);
    const tally = S.tally(hostDoc.doc);
    expect(tally.bySticky[ideas[0]!]).toBe(voters.length);
    expect(tally.bySticky[ideas[1]!]).toBe(late.length);
    expect(S.getVotes(hostDoc.doc).filter((v) => v.id.startsWith('late-')).map((v) => v.voterId).sort()).toEqual(late.map((v) => v.cred.participantId).sort());
    // And every private document is emptied, on the voters' devices too.
    await Promise.all(voters.map((v) => whenDoc(v.own.doc, (d) => S.getVotes(d).length === 0)));
    hostSocket.disconnect();
    destroyAll(hostDoc, ...voters.flatMap((v) => [v.board, v.own]));
    await Promise.all([a.close(), b.close()]);
  });
});
