import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLOutputValue, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { SqliteWorkerJob, SqliteWorkerReply, SqliteWorkerRequest } from './sqlite-worker.ts';
import type { Role } from '../../shared/protocol.ts';
import { logOutgrewSnapshot, mergeIntoSnapshot, type LogSize, type MergedSnapshot } from './compaction.ts';
import { hashPrefixRange, linkFromRow, sessionFromRow } from './rows.ts';
import { ACCESS_SCHEMA, SqliteAccessStore } from './sqlite-access.ts';
import type { ClubSessionLink } from './club-types.ts';
import type { AccessStore, ClubStore, DocHolder, DocStore, SearchIndex, SessionRecord, LinkRecord, SessionStore, Storage, StoredDocument } from './types.ts';
import { CLUB_SCHEMA, SqliteClubStore } from './sqlite-clubs.ts';
import { quickCheck } from './sqlite-safety.ts';
import { BusyTimeout, waitingConnection } from './sqlite-busy.ts';
import { migrateSnapshots, SnapshotTable, type StoredSnapshot } from './sqlite-snapshots.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  host_company TEXT NOT NULL,
  host_name TEXT NOT NULL,
  date TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS session_tokens (
  token_hash BLOB PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('host', 'member', 'screen'))
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc_id TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_updates (
  -- A plain rowid (AUTOINCREMENT costs a write per insert): a new row always gets a seq
  -- above every existing row, which is all the log's order needs.
  seq INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_id, seq);
`;

const APPEND_SQL = 'INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)';
const COMPACT_IN_WORKER_ABOVE = 256 * 1024;
/** Bytes written to the WAL (appends, compactions here) after which the worker checkpoints it. */
const CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;
/**
 * The main connection's own checkpoints, a backstop for a worker that fell behind or died:
 * only once the WAL holds this many pages (64 MiB; SQLite's default is 1,000).
 */
const MAIN_AUTOCHECKPOINT_PAGES = 16_384;
/** How long a commit may wait for another connection's write lock before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * What a DocHolder (a room's document) is known to hold of one document's stored rows: a
 * compaction may store its encoding instead of merging them again while `valid`.
 */
interface Held {
  readonly holder: DocHolder;
  /** The seqs of the stored rows it holds: those it was loaded with, those appended with it. */
  readonly seqs: Set<number>;
  /** The snapshot it was loaded with, or last stored from it (its row's data and generation). */
  head: Uint8Array | null;
  generation: number | null;
  /** False once a row or a snapshot came from anywhere else: compactions merge again. */
  valid: boolean;
}

/**
 * SQLite storage on Node's built-in driver. WAL mode with synchronous=NORMAL: a committed
 * write is in the WAL before the call returns, so it survives a kill -9 of the process
 * (an OS crash may lose the last transactions, which then still live in the clients and
 * come back at their next sync).
 */
export class SqliteStorage implements Storage, SessionStore, DocStore {
  readonly sessions: SessionStore = this;
  readonly docs: DocStore = this;
  readonly access: AccessStore;
  readonly clubs: ClubStore;
  readonly search: SearchIndex;
  /** The connection, for everything but the group commit (its busy timeout switched on first). */
  readonly #db: DatabaseSync;
  /** The same connection, as the group commit uses it (sqlite-busy.ts). */
  readonly #raw: DatabaseSync;
  readonly #busy: BusyTimeout;
  /** The group commit's INSERT, prepared on `#raw`. */
  readonly #groupAppend: StatementSync;
  readonly #sizes = new Map<string, LogSize>();
  readonly #stmt: Record<string, StatementSync>;
  readonly #snapshots: SnapshotTable;
  readonly #file: string;
  #worker: SqliteWorker | null = null;
  /** Bytes this connection wrote to the WAL since it last asked the worker to checkpoint it. */
  #walBytes = 0;
  /** When the group commit first found the write lock taken, while it keeps trying (Date.now()). */
  #busySince: number | null = null;
  #busyRetry: NodeJS.Timeout | null = null;
  /** One connection, appends committed in the order asked for (DocStore.appendsInOrder). */
  readonly appendsInOrder = true;
  /** Appends waiting for this turn's commit (appendUpdate). */
  #appends: Array<{ docId: string; update: Uint8Array; holder: DocHolder | undefined; resolve: () => void; reject: (err: unknown) => void }> = [];
  /** Per document, what the room's document holds of its rows (DocHolder). */
  readonly #held = new Map<string, Held>();

  constructor(file: string) {
    this.#file = file;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.#raw = new DatabaseSync(file);
    this.#raw.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES};`,
    );
    this.#busy = new BusyTimeout(this.#raw, BUSY_TIMEOUT_MS);
    this.#db = waitingConnection(this.#raw, this.#busy);
    this.#db.exec(SCHEMA);
    migrateSnapshots(this.#db);
    this.#snapshots = new SnapshotTable(this.#db);
    this.#db.exec(CLUB_SCHEMA);
    this.#db.exec(ACCESS_SCHEMA);
    this.access = new SqliteAccessStore(this.#db);
    const clubs = new SqliteClubStore(this.#db);
    this.clubs = clubs;
    this.search = clubs;
    const prepare = (sql: string) => this.#db.prepare(sql);
    this.#stmt = {
      insertSession: prepare('INSERT INTO sessions (id, title, host_company, host_name, date, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertToken: prepare('INSERT INTO session_tokens (token_hash, session_id, role) VALUES (?, ?, ?)'),
      getSession: prepare('SELECT id, title, host_company, host_name, date, created_at FROM sessions WHERE id = ?'),
      findToken: prepare('SELECT session_id, role FROM session_tokens WHERE token_hash = ?'),
      // Blobs compare bytewise, a shorter one first: a range on the primary key.
      linksInRange: prepare('SELECT session_id, role FROM session_tokens WHERE token_hash >= ? AND token_hash < ? AND role = ? LIMIT 2'),
      linksFrom: prepare('SELECT session_id, role FROM session_tokens WHERE token_hash >= ? AND role = ? LIMIT 2'),
      append: prepare(APPEND_SQL),
      attachClub: prepare('INSERT INTO club_sessions (session_id, club_id, host_member_id) VALUES (?, ?, ?)'),
      updates: prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq'),
      seqs: prepare('SELECT seq FROM doc_updates WHERE doc_id = ? ORDER BY seq'),
      deleteUpTo: prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
      logSize: prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM doc_updates WHERE doc_id = ?'),
      // A range on the primary key and the log's index: doc ids are ASCII, compared bytewise.
      listDocs: prepare(
        'SELECT doc_id FROM doc_snapshots WHERE doc_id >= ?1 AND doc_id < ?2 UNION SELECT DISTINCT doc_id FROM doc_updates WHERE doc_id >= ?1 AND doc_id < ?2',
      ),
    };
    this.#groupAppend = this.#raw.prepare(APPEND_SQL);
  }

  async createSession(session: SessionRecord, tokenHashes: Array<{ hash: Buffer; role: Role }>, document: Uint8Array, club?: ClubSessionLink): Promise<void> {
    this.#transaction(() => {
      this.#stmt.insertSession!.run(session.id, session.title, session.hostCompany, session.hostName, session.date, session.createdAt);
      for (const { hash, role } of tokenHashes) this.#stmt.insertToken!.run(hash, session.id, role);
      if (club) this.#stmt.attachClub!.run(club.sessionId, club.clubId, club.hostMemberId);
      this.#stmt.append!.run(session.id, document);
    });
    this.#appendedElsewhere(session.id);
    const size = this.#size(session.id);
    size.logBytes += document.byteLength;
    size.logCount += 1;
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = this.#stmt.getSession!.get(id);
    return row ? sessionFromRow(row) : null;
  }

  async findToken(hash: Buffer): Promise<LinkRecord | null> {
    const row = this.#stmt.findToken!.get(hash);
    return row ? linkFromRow(row) : null;
  }

  async findLinksByHashPrefix(prefix: Buffer, role: Role): Promise<LinkRecord[]> {
    const { from, to } = hashPrefixRange(prefix);
    const rows = to ? this.#stmt.linksInRange!.all(from, to, role) : this.#stmt.linksFrom!.all(from, role);
    return rows.map(linkFromRow);
  }

  /**
   * Resolves once the update is committed. The appends of one event-loop turn (every room's)
   * are committed together, in one transaction, when the turn's I/O is done (group commit):
   * one WAL commit for a burst of updates instead of one each, about a quarter of the cost
   * per update once a few share a turn. Nobody is told of an update before its commit.
   */
  appendUpdate(docId: string, update: Uint8Array, holder?: DocHolder): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#appends.push({ docId, update, holder, resolve, reject });
      if (this.#appends.length === 1 && !this.#busyRetry) setImmediate(this.#commitTurn);
    });
  }

  /** The group commit at the end of a turn: it never sleeps on the event loop for a lock. */
  readonly #commitTurn = (): void => {
    this.#busyRetry = null;
    this.#commitAppends(false);
  };

  /**
   * Commits the pending appends. With `wait` (a read that must see them), SQLite's busy
   * handler waits for another connection's write lock, as every other write here does.
   * Without it (the group commit), a lock held by the worker's compaction is tried again a
   * millisecond later instead: the busy handler sleeps on the event loop with a growing
   * back-off, and commits of one small append took up to 179 ms behind a compaction
   * (issue 10's flood of 900 KB updates). The busy timeout is switched only when the work
   * before was of the other kind (sqlite-busy.ts): commits one after another switch nothing.
   */
  #commitAppends(wait = true): void {
    const appends = this.#appends;
    if (appends.length === 0) return;
    this.#appends = [];
    if (wait) this.#busy.wait();
    else this.#busy.failFast();
    // Each row's seq, noted only once committed: a seq that was never stored may be reused.
    const seqs: Array<number | bigint> = [];
    try {
      if (appends.length === 1) seqs.push(this.#groupAppend.run(appends[0]!.docId, appends[0]!.update).lastInsertRowid);
      else this.#transaction(() => {
        for (const { docId, update } of appends) seqs.push(this.#groupAppend.run(docId, update).lastInsertRowid);
      }, this.#raw);
    } catch (err) {
      if (!wait && isBusy(err) && Date.now() - (this.#busySince ??= Date.now()) < BUSY_TIMEOUT_MS) {
        this.#appends = appends.concat(this.#appends);
        this.#busyRetry ??= setTimeout(this.#commitTurn, 1);
        return;
      }
      this.#busySince = null;
      for (const append of appends) append.reject(err);
      return;
    }
    this.#busySince = null;
    let bytes = 0;
    for (const [i, { docId, update, holder, resolve }] of appends.entries()) {
      const held = this.#held.get(docId);
      if (held?.valid && holder === held.holder) held.seqs.add(Number(seqs[i]));
      else if (held) distrust(held);
      const size = this.#size(docId);
      size.logBytes += update.byteLength;
      size.logCount += 1;
      bytes += update.byteLength;
      resolve();
    }
    this.#wroteToWal(bytes);
  }

  /** Asks the worker for a checkpoint once this connection has written enough to the WAL. */
  #wroteToWal(bytes: number): void {
    if (this.#file === ':memory:') return;
    this.#walBytes += bytes;
    if (this.#walBytes < CHECKPOINT_AFTER_BYTES) return;
    this.#walBytes = 0;
    // A checkpoint that fails leaves the WAL to the main connection's backstop.
    this.#sqliteWorker().checkpoint().catch(() => {});
  }

  /**
   * The integrity check (`PRAGMA quick_check`) of the file, on the worker thread: a large
   * database's, while the main thread serves (sqlite-safety.ts). 'ok' or what it found.
   */
  async quickCheck(): Promise<string> {
    if (this.#file === ':memory:') return quickCheck(this.#db);
    try {
      return await this.#sqliteWorker().quickCheck();
    } catch (err) {
      return `quick_check failed: ${(err as Error).message}`;
    }
  }

  #sqliteWorker(): SqliteWorker {
    // A worker that died (it could not open the file, it ran out of memory) is replaced.
    if (!this.#worker || this.#worker.exited) this.#worker = new SqliteWorker(this.#file);
    return this.#worker;
  }

  async loadUpdates(docId: string): Promise<Uint8Array[]> {
    return (await this.loadDocument(docId)).updates;
  }

  async loadDocument(docId: string, holder?: DocHolder): Promise<StoredDocument> {
    this.#commitAppends(); // what was appended before is read too
    // One read transaction: the worker may replace the snapshot and delete the log rows it
    // merged between two reads, and the snapshot before with the log after lacks those rows.
    this.#db.exec('BEGIN');
    let snapshot: StoredSnapshot | undefined;
    let rows: Array<Record<string, SQLOutputValue>>;
    try {
      snapshot = this.#snapshots.read(docId);
      rows = this.#stmt.updates!.all(docId);
    } finally {
      this.#db.exec('COMMIT');
    }
    const updates: Uint8Array[] = [];
    let logBytes = 0;
    if (snapshot) updates.push(snapshot.data);
    for (const row of rows) {
      const data = row.data as Uint8Array;
      logBytes += data.byteLength;
      updates.push(data);
    }
    this.#sizes.set(docId, {
      logBytes,
      logCount: rows.length,
      snapshotBytes: snapshot ? snapshot.data.byteLength : 0,
    });
    if (holder) {
      const seqs = new Set(rows.map((row) => Number(row.seq)));
      this.#held.set(docId, { holder, seqs, head: snapshot?.head ?? null, generation: snapshot?.generation ?? null, valid: true });
    }
    return { updates, snapshotStateVector: snapshot?.stateVector ?? null };
  }

  shouldCompact(docId: string): boolean {
    const size = this.#size(docId);
    return logOutgrewSnapshot(size);
  }

  /**
   * A small document compacts in place (a merge of a board's 650 rows took 12-38 ms on cold
   * code; storing `holder`'s encoding instead, about 1 ms); a large one in a worker thread,
   * where merging it does not stall every room of the instance.
   */
  async compact(docId: string, holder?: DocHolder): Promise<void> {
    this.#commitAppends(); // what was appended before is read too
    const size = this.#size(docId);
    if (this.#file === ':memory:' || size.snapshotBytes + size.logBytes < COMPACT_IN_WORKER_ABOVE) {
      this.#compactHere(docId, holder);
      return;
    }
    this.#appendedElsewhere(docId); // the worker's snapshot is not one the holder is known to hold
    await this.#sqliteWorker().compact(docId);
    this.#sizes.delete(docId); // re-read from the table on next use
  }

  /**
   * Merges the stored snapshot and log; or, when `holder` holds every row stored and the
   * snapshot is the one it knows (nothing came from elsewhere), stores its encoding: the
   * same document without reading and merging every row again on cold code.
   */
  #compactHere(docId: string, holder: DocHolder | undefined): void {
    const done = this.#transaction((): { entry: Held; head: Uint8Array; seqs: number[] } | null => {
      const snapshot = this.#snapshots.read(docId);
      const held = holder ? this.#heldWhole(docId, holder, snapshot) : null;
      let merged: MergedSnapshot;
      let last: number;
      if (held) {
        const seqs = held.stored;
        if (seqs.length === 0) return null;
        last = seqs.at(-1)!;
        merged = held.entry.holder.encode();
      } else {
        const rows = this.#stmt.updates!.all(docId);
        const lastRow = rows.at(-1);
        if (!lastRow) return null;
        last = Number(lastRow.seq);
        const parts = rows.map((r) => r.data as Uint8Array);
        if (snapshot) parts.unshift(snapshot.data);
        merged = mergeIntoSnapshot(parts);
      }
      this.#snapshots.putWhole(docId, merged);
      // Safe as a range: BEGIN IMMEDIATE holds SQLite's single write lock, so no other
      // connection or process can commit a row between our read and this delete.
      this.#stmt.deleteUpTo!.run(docId, last);
      this.#sizes.set(docId, { logBytes: 0, logCount: 0, snapshotBytes: merged.update.byteLength });
      return held ? { entry: held.entry, head: merged.update, seqs: held.stored } : null;
    });
    // Committed: the holder's snapshot is the one stored now, and its rows are gone.
    if (done) {
      done.entry.head = done.head;
      done.entry.generation = null;
      for (const seq of done.seqs) done.entry.seqs.delete(seq);
    }
    this.#wroteToWal(this.#size(docId).snapshotBytes);
  }

  /**
   * `holder`'s entry and the seqs stored, when it holds all of them and the snapshot is the
   * one it knows (read inside the compaction's write transaction); else null, and the entry
   * is no longer trusted.
   */
  #heldWhole(docId: string, holder: DocHolder, snapshot: StoredSnapshot | undefined): { entry: Held; stored: number[] } | null {
    const entry = this.#held.get(docId);
    if (!entry || entry.holder !== holder || !entry.valid) return null;
    const head = snapshot?.head ?? null;
    const sameSnapshot =
      (snapshot?.generation ?? null) === entry.generation &&
      (head === null || entry.head === null ? head === entry.head : Buffer.from(head.buffer, head.byteOffset, head.byteLength).equals(entry.head));
    const stored = this.#stmt.seqs!.all(docId).map((row) => Number(row.seq));
    if (sameSnapshot && stored.every((seq) => entry.seqs.has(seq))) return { entry, stored };
    distrust(entry);
    return null;
  }

  /** A row or snapshot of `docId` written other than through its holder: it is no longer trusted. */
  #appendedElsewhere(docId: string): void {
    const held = this.#held.get(docId);
    if (held) distrust(held);
  }

  release(docId: string, holder: DocHolder): void {
    if (this.#held.get(docId)?.holder === holder) this.#held.delete(docId);
  }

  async listDocs(prefix: string): Promise<string[]> {
    this.#commitAppends(); // what was appended before is read too
    if (prefix === '') throw new RangeError('listDocs needs a prefix');
    const rows = this.#stmt.listDocs!.all(prefix, prefixEnd(prefix)) as Array<{ doc_id: string }>;
    return rows.map((r) => r.doc_id);
  }

  async storedBytes(docId: string): Promise<number> {
    this.#commitAppends(); // what was appended before is read too
    const log = this.#stmt.logSize!.get(docId);
    return Number(log?.bytes ?? 0) + this.#snapshots.bytes(docId);
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.#worker?.close();
    this.#worker = null;
    if (this.#busyRetry) clearTimeout(this.#busyRetry);
    this.#busyRetry = null;
    if (this.#db.isOpen) {
      if (this.#appends.length > 0) this.#commitAppends();
      this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      this.#db.close();
    }
  }

  #size(docId: string): LogSize {
    let size = this.#sizes.get(docId);
    if (!size) {
      const log = this.#stmt.logSize!.get(docId);
      size = { logBytes: Number(log?.bytes ?? 0), logCount: Number(log?.n ?? 0), snapshotBytes: this.#snapshots.bytes(docId) };
      this.#sizes.set(docId, size);
    }
    return size;
  }

  #transaction<T>(body: () => T, db = this.#db): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      // SQLite has already rolled back on some errors (SQLITE_FULL): a second ROLLBACK
      // would throw "cannot rollback - no transaction is active" over the real error.
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
}

/** Beside this module: the TypeScript source, or the built server's entry (scripts/build-server.ts). */
const SQLITE_WORKER = new URL(import.meta.url.endsWith('.ts') ? './sqlite-worker.ts' : './sqlite-worker.mjs', import.meta.url);

/** The worker thread of one database file (sqlite-worker.ts), started on first use. */
class SqliteWorker {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (result: string | undefined) => void; reject: (err: Error) => void }>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #nextId = 1;
  /** A checkpoint asked for and not done yet: no point asking for another. */
  #checkpoint: Promise<void> | null = null;
  /** Set once the thread is gone: nothing posted to it would ever be answered. */
  exited: Error | null = null;

  constructor(file: string) {
    this.#worker = new Worker(SQLITE_WORKER, { workerData: { file } });
    this.#worker.unref();
    this.#worker.on('message', (reply: SqliteWorkerReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(`SQLite worker: ${reply.error}`));
    });
    this.#worker.on('error', (err) => this.#fail(err));
    this.#worker.on('exit', (code) => this.#fail(new Error(`SQLite worker exited with ${code}`)));
  }

  async compact(docId: string): Promise<void> {
    await this.#ask({ kind: 'compact', docId });
  }

  /** `PRAGMA quick_check` on the thread's connection: 'ok' or what it found. */
  async quickCheck(): Promise<string> {
    return (await this.#ask({ kind: 'quick-check' })) ?? 'quick_check failed: no answer';
  }

  checkpoint(): Promise<void> {
    if (!this.#checkpoint) {
      const done = this.#ask({ kind: 'checkpoint' }).then(() => undefined);
      this.#checkpoint = done;
      const forget = () => (this.#checkpoint = null);
      done.then(forget, forget);
    }
    return this.#checkpoint;
  }

  /** Lets the work under way finish, then stops the thread. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    await this.#worker.terminate();
  }

  #ask(job: SqliteWorkerJob): Promise<string | undefined> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.#nextId++;
    const done = new Promise<string | undefined>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...job, id } satisfies SqliteWorkerRequest);
    });
    this.#inFlight.add(done);
    const forget = () => this.#inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  #fail(err: Error): void {
    this.exited ??= err;
    for (const { reject } of this.#waiting.values()) reject(err);
    this.#waiting.clear();
  }
}

/** Its compactions merge from now on, and its seqs (which would only grow) are dropped. */
function distrust(held: Held): void {
  held.valid = false;
  held.seqs.clear();
}

/** SQLITE_BUSY or one of its extended codes: another connection holds the lock. */
function isBusy(err: unknown): boolean {
  const code = (err as { errcode?: unknown }).errcode;
  return typeof code === 'number' && (code & 0xff) === 5;
}

/** The first string after every string that starts with `prefix`. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
