/**
 * The SQLite file's own thread: it does the two jobs that would otherwise stall every room
 * of the instance on the main thread.
 *
 * - **Compactions of large documents.** Merging one through a Y.Doc takes tens of
 *   milliseconds. The log is read in a read transaction (WAL gives it a consistent view
 *   without blocking writers) and merged here at leisure. A snapshot over a part's size is
 *   written a part at a time, each in a short transaction of its own, under a generation no
 *   reader sees yet (sqlite-snapshots.ts), with a pause between parts for the main thread's
 *   commits. A last short transaction checks nobody replaced the snapshot meanwhile, points
 *   it at the new generation and deletes the rows merged: rows appended in between have
 *   higher seqs and stay.
 * - **WAL checkpoints.** SQLite copies the WAL back into the database file when a commit
 *   finds it over 1,000 pages, on the connection that commits: the main thread's, after a
 *   member's large updates or a compaction had filled it (copying 16 MB took about 40 ms
 *   here, measured alone). The main connection leaves that to this thread,
 *   whose PASSIVE checkpoints never take the write lock and never wait for the main thread.
 * - **The integrity check of a large database at start** (`PRAGMA quick_check` reads every
 *   page), in a read transaction of its own, while the main thread serves.
 */
import { randomInt } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { mergeIntoSnapshot } from './compaction.ts';
import { quickCheck } from './sqlite-safety.ts';
import { SNAPSHOT_PART_BYTES, SnapshotTable, type StoredSnapshot } from './sqlite-snapshots.ts';

export type SqliteWorkerJob = { kind: 'compact'; docId: string } | { kind: 'checkpoint' } | { kind: 'quick-check' };
export type SqliteWorkerRequest = SqliteWorkerJob & { id: number };
/** `result`: what a quick check found ('ok' or the problems). */
export type SqliteWorkerReply = { id: number; ok: true; result?: string } | { id: number; ok: false; error: string };

const { file } = workerData as { file: string };
const db = new DatabaseSync(file);
// Checkpoints are this thread's, asked for explicitly (checkpoint below).
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 0;');
const snapshots = new SnapshotTable(db);
const readLog = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq');
const deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?');
const passiveCheckpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function compact(docId: string): void {
  db.exec('BEGIN');
  let snapshot: StoredSnapshot | undefined;
  let rows: Array<{ seq: number; data: Uint8Array }>;
  try {
    snapshot = snapshots.read(docId);
    rows = readLog.all(docId).map((r) => ({ seq: Number(r.seq), data: r.data as Uint8Array }));
  } finally {
    db.exec('COMMIT');
  }
  const last = rows.at(-1);
  if (!last) return;
  const merged = mergeIntoSnapshot(snapshot ? [snapshot.data, ...rows.map((r) => r.data)] : rows.map((r) => r.data));
  const { update } = merged;
  // A large snapshot: its parts first, each in a transaction of its own.
  const generation = update.byteLength > SNAPSHOT_PART_BYTES ? randomInt(1, 2 ** 47) : null;
  if (generation !== null) {
    for (let part = 0, at = 0; at < update.byteLength; part++, at += SNAPSHOT_PART_BYTES) {
      if (part > 0) pause(PAUSE_BETWEEN_PARTS_MS);
      snapshots.putPart(docId, generation, part, update.subarray(at, at + SNAPSHOT_PART_BYTES));
    }
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const now = snapshots.read(docId);
    // Another compaction (another process on this file) got there first: leave it be.
    if (now?.generation !== snapshot?.generation || !sameBytes(now?.head, snapshot?.head)) {
      if (generation !== null) snapshots.dropGeneration(docId, generation);
    } else {
      if (generation === null) snapshots.putWhole(docId, merged);
      else snapshots.switchTo(docId, generation, merged.stateVector);
      deleteUpTo.run(docId, last.seq);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  // The new snapshot is in the WAL: copy it into the file now, here.
  checkpoint();
}

/** Between two parts, long enough for the main thread's group commit (it tries every millisecond) to take the lock. */
const PAUSE_BETWEEN_PARTS_MS = 2;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Copies what it can of the WAL into the database file, without waiting for anyone. */
function checkpoint(): void {
  passiveCheckpoint.get();
}

parentPort?.on('message', (request: SqliteWorkerRequest) => {
  let reply: SqliteWorkerReply;
  try {
    if (request.kind === 'quick-check') reply = { id: request.id, ok: true, result: quickCheck(db) };
    else {
      if (request.kind === 'compact') compact(request.docId);
      else checkpoint();
      reply = { id: request.id, ok: true };
    }
  } catch (err) {
    reply = { id: request.id, ok: false, error: (err as Error).message };
  }
  parentPort?.postMessage(reply);
});
