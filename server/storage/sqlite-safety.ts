import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * Written next to the database once it holds Entraide's tables. A data folder with this
 * marker and no database (deleted, or truncated to 0 bytes) is a lost database, not a
 * fresh start: before, the server started on an empty one, answered 404 for every session
 * and said nothing (issue 10).
 */
export const STORE_MARKER = '.entraide-store';

export class StoreMissingError extends Error {
  override name = 'StoreMissingError';
}

/**
 * A database larger than this is checked by the SQLite file's worker thread, beside the
 * start; a smaller one on the main thread, before the store opens. `PRAGMA quick_check`
 * reads every page: 243 MB took 230-720 ms here (so 16 MiB about 15-50 ms), all of it
 * added to the start, while a restarted server's room waited to resync.
 */
export const CHECK_IN_WORKER_ABOVE_BYTES = 16 * 1024 * 1024;

/**
 * Refuses a database that went missing or empty where one was before. Returns its size in
 * bytes (0 for a new one). Call it before opening the store.
 */
export function refuseLostStore(file: string): number {
  const dir = path.dirname(file);
  const marker = path.join(dir, STORE_MARKER);
  const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
  if (fs.existsSync(marker) && size <= 0) {
    throw new StoreMissingError(
      `${file} is ${size < 0 ? 'missing' : 'empty (0 bytes)'}, but ${dir} held an Entraide database before (${STORE_MARKER}). ` +
        `Refusing to start on an empty database: restore the file from a backup, or delete ${marker} to start afresh on purpose.`,
    );
  }
  return Math.max(size, 0);
}

/** `PRAGMA quick_check` of the file, on a connection of its own: 'ok' or what it found. */
export function quickCheckFile(file: string): string {
  const db = new DatabaseSync(file);
  try {
    return quickCheck(db);
  } finally {
    db.close();
  }
}

/** `PRAGMA quick_check` on `db` (the worker's connection, or one of its own): 'ok' or what it found. */
export function quickCheck(db: DatabaseSync): string {
  try {
    const rows = db.prepare('PRAGMA quick_check(20)').all() as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : `quick_check found: ${problems.join('; ')}`;
  } catch (err) {
    return `quick_check failed: ${(err as Error).message}`;
  }
}

/** Marks the data folder as holding a database, once the store has opened it. */
export function markStore(file: string): void {
  const marker = path.join(path.dirname(file), STORE_MARKER);
  if (fs.existsSync(marker)) return;
  fs.writeFileSync(marker, `${JSON.stringify({ database: path.basename(file), since: new Date().toISOString() })}\n`);
}
