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
 * nothing else runs between two commits (bench/RESULTS.md, "The join from storage, and the
 * commit's busy timeout").
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

const same = (result: unknown): unknown => result;

/**
 * `target`, whose methods named in `waiting` first call `busy.wait()` and hand their result
 * through the function given for them; its other methods are its own, bound to it
 * (node:sqlite's objects check their receiver). Each method is wrapped once, not per call.
 */
function withWait<T extends object>(target: T, busy: BusyTimeout, waiting: ReadonlyMap<PropertyKey, (result: unknown) => unknown>): T {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      let method = methods.get(key);
      if (method === undefined) {
        const then = waiting.get(key);
        method = then
          ? (...args: unknown[]) => {
              busy.wait();
              return then(Reflect.apply(value, t, args));
            }
          : value.bind(t);
        methods.set(key, method);
      }
      return method;
    },
  });
}

/**
 * `db` for everything but the group commit: `exec`, `prepare` (preparing reads the schema)
 * and every run of a statement it prepared first switch the busy timeout back on. The group
 * commit uses `db` itself.
 */
export function waitingConnection(db: DatabaseSync, busy: BusyTimeout): DatabaseSync {
  const runs = new Map(['run', 'get', 'all', 'iterate'].map((key) => [key, same] as const));
  const waitingStatement = (statement: unknown): unknown => withWait(statement as StatementSync, busy, runs);
  return withWait(db, busy, new Map([['exec', same], ['prepare', waitingStatement]]));
}
