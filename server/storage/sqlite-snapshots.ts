import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MergedSnapshot } from './compaction.ts';

/**
 * A document's snapshot in SQLite: `doc_snapshots.data`, followed by the parts of
 * `doc_snapshot_parts` of the row's generation, in order.
 *
 * A small snapshot is the row's data alone (generation NULL), as every snapshot was before.
 * A large one is written by the SQLite worker a part at a time, each part in its own short
 * transaction, under a new generation that no reader sees; a last short transaction points
 * the row at it and drops the parts of any other generation. Written in one piece, a 16 MB
 * snapshot held SQLite's single write lock for 40-80 ms, and every session's writes waited
 * that long (issue 10).
 */
export const SNAPSHOT_PART_BYTES = 1024 * 1024;

const PARTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_snapshot_parts (
  doc_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  part INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (doc_id, generation, part)
);
`;

/**
 * Adds what large snapshots and stored state vectors need to a database of this or an
 * earlier version (idempotent).
 */
export function migrateSnapshots(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(doc_snapshots)').all() as Array<{ name: string }>;
  const has = (name: string) => columns.some((c) => c.name === name);
  if (!has('generation')) db.exec('ALTER TABLE doc_snapshots ADD COLUMN generation INTEGER');
  if (!has('state_vector')) db.exec('ALTER TABLE doc_snapshots ADD COLUMN state_vector BLOB');
  if (!has('state_vector_at')) db.exec('ALTER TABLE doc_snapshots ADD COLUMN state_vector_at INTEGER');
  db.exec(PARTS_SCHEMA);
}

export interface StoredSnapshot {
  /** The whole snapshot. */
  data: Uint8Array;
  /** The row as stored: another writer that replaced it changed one of these. */
  head: Uint8Array;
  generation: number | null;
  /**
   * The state vector written with this snapshot, or null: none was (a version before this
   * column), or the snapshot was since replaced by a version that does not write it. A
   * vector is only trusted when stamped with the row's own `updated_at`.
   */
  stateVector: Uint8Array | null;
}

/** The statements on snapshots of one connection (the main thread's, or the worker's). */
export class SnapshotTable {
  readonly #row: StatementSync;
  readonly #parts: StatementSync;
  readonly #bytes: StatementSync;
  readonly #put: StatementSync;
  readonly #putPart: StatementSync;
  readonly #dropOtherParts: StatementSync;
  readonly #dropGeneration: StatementSync;

  constructor(db: DatabaseSync) {
    this.#row = db.prepare(
      'SELECT data, generation, CASE WHEN state_vector_at = updated_at THEN state_vector END AS state_vector FROM doc_snapshots WHERE doc_id = ?',
    );
    this.#parts = db.prepare('SELECT data FROM doc_snapshot_parts WHERE doc_id = ? AND generation = ? ORDER BY part');
    this.#bytes = db.prepare(
      `SELECT LENGTH(s.data) + COALESCE((SELECT SUM(LENGTH(p.data)) FROM doc_snapshot_parts p WHERE p.doc_id = s.doc_id AND p.generation = s.generation), 0) AS bytes
       FROM doc_snapshots s WHERE s.doc_id = ?`,
    );
    this.#put = db.prepare(
      `INSERT INTO doc_snapshots (doc_id, data, generation, updated_at, state_vector, state_vector_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4)
       ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, generation = excluded.generation, updated_at = excluded.updated_at,
         state_vector = excluded.state_vector, state_vector_at = excluded.state_vector_at`,
    );
    this.#putPart = db.prepare('INSERT INTO doc_snapshot_parts (doc_id, generation, part, data) VALUES (?, ?, ?, ?)');
    this.#dropOtherParts = db.prepare('DELETE FROM doc_snapshot_parts WHERE doc_id = ? AND generation IS NOT ?');
    this.#dropGeneration = db.prepare('DELETE FROM doc_snapshot_parts WHERE doc_id = ? AND generation = ?');
  }

  /** The current snapshot. Call it inside a transaction: the worker may switch generations between two reads. */
  read(docId: string): StoredSnapshot | undefined {
    const row = this.#row.get(docId);
    if (!row) return undefined;
    const head = row.data as Uint8Array;
    const generation = row.generation === null ? null : Number(row.generation);
    const stateVector = (row.state_vector as Uint8Array | null) ?? null;
    if (generation === null) return { data: head, head, generation, stateVector };
    const parts = this.#parts.all(docId, generation).map((p) => p.data as Uint8Array);
    return { data: Buffer.concat([head, ...parts]), head, generation, stateVector };
  }

  bytes(docId: string): number {
    return Number(this.#bytes.get(docId)?.bytes ?? 0);
  }

  /** Stores a snapshot whole, in the row (inside the caller's write transaction). */
  putWhole(docId: string, { update, stateVector }: MergedSnapshot): void {
    this.#put.run(docId, update, null, Date.now(), stateVector);
    this.#dropOtherParts.run(docId, null);
  }

  /** One part of a generation not in use yet (a transaction of its own is enough). */
  putPart(docId: string, generation: number, part: number, data: Uint8Array): void {
    this.#putPart.run(docId, generation, part, data);
  }

  /** Makes a generation whose parts are all written the current snapshot (inside a write transaction). */
  switchTo(docId: string, generation: number, stateVector: Uint8Array): void {
    this.#put.run(docId, new Uint8Array(0), generation, Date.now(), stateVector);
    this.#dropOtherParts.run(docId, generation);
  }

  /** Drops the parts of a generation that will not be used. */
  dropGeneration(docId: string, generation: number): void {
    this.#dropGeneration.run(docId, generation);
  }
}
