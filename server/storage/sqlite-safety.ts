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
 * Refuses a database that went missing or empty where one was before; otherwise runs
 * `PRAGMA quick_check` and returns 'ok' or what it found. Call it before opening the store.
 */
export function checkSqliteFile(file: string): string {
  const dir = path.dirname(file);
  const marker = path.join(dir, STORE_MARKER);
  const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
  if (fs.existsSync(marker) && size <= 0) {
    throw new StoreMissingError(
      `${file} is ${size < 0 ? 'missing' : 'empty (0 bytes)'}, but ${dir} held an Entraide database before (${STORE_MARKER}). ` +
        `Refusing to start on an empty database: restore the file from a backup, or delete ${marker} to start afresh on purpose.`,
    );
  }
  if (size <= 0) return 'ok';
  const db = new DatabaseSync(file);
  try {
    const rows = db.prepare('PRAGMA quick_check(20)').all() as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : `quick_check found: ${problems.join('; ')}`;
  } catch (err) {
    return `quick_check failed: ${(err as Error).message}`;
  } finally {
    db.close();
  }
}

/** Marks the data folder as holding a database, once the store has opened it. */
export function markStore(file: string): void {
  const marker = path.join(path.dirname(file), STORE_MARKER);
  if (fs.existsSync(marker)) return;
  fs.writeFileSync(marker, `${JSON.stringify({ database: path.basename(file), since: new Date().toISOString() })}\n`);
}
