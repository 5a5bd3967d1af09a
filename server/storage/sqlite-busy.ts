import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * The busy timeout of the main SQLite connection, for the two ways it meets a write lock
 * that another connection holds (the worker writing a snapshot, another process on the file):
 * - the group commit runs without one: it tries again a millisecond later from the event
 *   loop, where SQLite's busy handler would sleep on it (sqlite.ts, `#commitAppends`);
 * - everything else waits, up to `ms`, as SQLite's busy handler does.
 *
 * The timeout is switched only when the kind of work changes, not around every commit:
 * `PRAGMA busy_timeout` takes effect when it is prepared, so each switch is parsed anew, and
 * the pair around every commit cost about 30 µs of its 130 in scenario 1 of the bench, where
 * nothing else runs between two commits (bench/RESULTS.md, 2026-11-29 16:xxZ).
 */
export class BusyTimeout {
  readonly #db: DatabaseSync;
  readonly #ms: number;
  /** Whether the connection's busy timeout is `ms` (else 0). */
  #waiting: boolean;

  /** `db`'s busy timeout must be `ms` when this is made. */
  constructor(db: DatabaseSync, ms: number) {
    this.#db = db;
    this.#ms = ms;
    this.#waiting = true;
  }

  /** Before anything but the group commit: a held lock is waited for. */
  wait(): void {
    if (this.#waiting) return;
    this.#db.exec(`PRAGMA busy_timeout = ${this.#ms}`);
    this.#waiting = true;
  }

  /** Before the group commit: a held lock fails at once, with SQLITE_BUSY. */
  failFast(): void {
    if (!this.#waiting) return;
    this.#db.exec('PRAGMA busy_timeout = 0');
    this.#waiting = false;
  }
}

const RUNS = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);

/**
 * `db` for everything but the group commit: each statement it prepares, and each `exec`,
 * first switches the busy timeout back on. The group commit uses `db` itself.
 */
export function waitingConnection(db: DatabaseSync, busy: BusyTimeout): DatabaseSync {
  const waitingStatement = (statement: StatementSync): StatementSync =>
    new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (!RUNS.has(key)) return value.bind(target);
        return (...args: unknown[]) => {
          busy.wait();
          return Reflect.apply(value, target, args);
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'prepare') {
        return (...args: unknown[]) => {
          busy.wait(); // preparing reads the schema
          return waitingStatement(Reflect.apply(value, target, args) as StatementSync);
        };
      }
      if (key === 'exec') {
        return (...args: unknown[]) => {
          busy.wait();
          return Reflect.apply(value, target, args);
        };
      }
      return value.bind(target);
    },
  });
}
