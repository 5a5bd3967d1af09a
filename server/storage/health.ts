import type { AccessStore, DocStore, SessionStore, Storage } from './types.ts';

/**
 * What /healthz says about the store beyond "it answers": whether its last write failed
 * (a full disk answers reads and refuses writes), and what the integrity check found at
 * start. Every write of the server goes through `watchWrites`, so the state is the last
 * write's, whoever made it.
 */
export class StoreHealth {
  /** 'ok', 'checking' while a large database is checked beside the start, or what `PRAGMA quick_check` found. */
  integrity = 'ok';
  /** The start's integrity check, once it is done. */
  integrityChecked: Promise<string> = Promise.resolve('ok');

  /** Runs a check beside the start: `integrity` says 'checking' until it is done. */
  checkIntegrity(check: Promise<string>): void {
    this.integrity = INTEGRITY_CHECKING;
    this.integrityChecked = check.then((found) => (this.integrity = found));
  }
  #writeError: string | null = null;
  #failedSince = 0;

  /** 'ok', or why the last write failed and since when. */
  get writes(): string {
    if (this.#writeError === null) return 'ok';
    return `cannot write since ${new Date(this.#failedSince).toISOString()}: ${this.#writeError}`;
  }

  get canWrite(): boolean {
    return this.#writeError === null;
  }

  wrote(): void {
    this.#writeError = null;
  }

  failed(err: unknown): void {
    if (this.#writeError === null) this.#failedSince = Date.now();
    this.#writeError = err instanceof Error ? err.message : String(err);
  }
}

/** Said by /healthz while the check runs: not a fault (status stays "ok"). */
export const INTEGRITY_CHECKING = 'checking';

/** The same storage, with every write's outcome told to `health`. */
export function watchWrites(storage: Storage, health: StoreHealth): Storage {
  const track = <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      let result: R;
      try {
        result = await write(...args);
      } catch (err) {
        health.failed(err);
        throw err;
      }
      health.wrote();
      return result;
    };
  const docs = storage.docs;
  const sessions = storage.sessions;
  return {
    sessions: delegate<SessionStore>(sessions, { createSession: track(sessions.createSession.bind(sessions)) }),
    docs: delegate<DocStore>(docs, { appendUpdate: track(docs.appendUpdate.bind(docs)), compact: track(docs.compact.bind(docs)) }),
    access: delegate<AccessStore>(storage.access, {
      replaceLink: track(storage.access.replaceLink.bind(storage.access)),
      addParticipant: track(storage.access.addParticipant.bind(storage.access)),
      setParticipantRole: track(storage.access.setParticipantRole.bind(storage.access)),
    }),
    clubs: storage.clubs,
    search: storage.search,
    ping: () => storage.ping(),
    close: () => storage.close(),
  };
}

/** `target` with some methods replaced; the others called on `target` itself (private fields). */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
