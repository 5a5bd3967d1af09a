/**
 * Compacts SQLite documents off the main thread: merging a large document through a
 * Y.Doc takes tens of milliseconds, which would stall every room of the instance.
 *
 * The log is read in a read transaction (WAL gives it a consistent view without
 * blocking writers), merged here at leisure, and written back in a short write
 * transaction that first checks nobody replaced the snapshot meanwhile. It then deletes
 * the rows it merged: rows appended in between have higher seqs and stay.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { mergeIntoSnapshot } from './compaction.ts';

export interface CompactionRequest {
  id: number;
  docId: string;
}
export type CompactionReply = { id: number; ok: true; merged: boolean } | { id: number; ok: false; error: string };

const { file } = workerData as { file: string };
const db = new DatabaseSync(file);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
const readSnapshot = db.prepare('SELECT data FROM doc_snapshots WHERE doc_id = ?');
const readLog = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq');
const writeSnapshot = db.prepare(
  'INSERT INTO doc_snapshots (doc_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
);
const deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?');

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function compact(docId: string): boolean {
  db.exec('BEGIN');
  let snapshot: Uint8Array | undefined;
  let rows: Array<{ seq: number; data: Uint8Array }>;
  try {
    snapshot = readSnapshot.get(docId)?.data as Uint8Array | undefined;
    rows = readLog.all(docId).map((r) => ({ seq: Number(r.seq), data: r.data as Uint8Array }));
  } finally {
    db.exec('COMMIT');
  }
  const last = rows.at(-1);
  if (!last) return false;
  const merged = mergeIntoSnapshot(snapshot ? [snapshot, ...rows.map((r) => r.data)] : rows.map((r) => r.data));
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another compaction (another process on this file) got there first: leave it be.
    if (!sameBytes(readSnapshot.get(docId)?.data as Uint8Array | undefined, snapshot)) {
      db.exec('ROLLBACK');
      return false;
    }
    writeSnapshot.run(docId, merged, Date.now());
    deleteUpTo.run(docId, last.seq);
    db.exec('COMMIT');
    return true;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

parentPort?.on('message', ({ id, docId }: CompactionRequest) => {
  let reply: CompactionReply;
  try {
    reply = { id, ok: true, merged: compact(docId) };
  } catch (err) {
    reply = { id, ok: false, error: (err as Error).message };
  }
  parentPort?.postMessage(reply);
});
