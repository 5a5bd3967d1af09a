import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Storage } from '../storage/types.ts';
import type { ClubSessionLink } from '../storage/club-types.ts';
import type { Room } from '../sync/Room.ts';
import { onDocumentChange } from '../../shared/session/observe.ts';
import { digestOf, searchEntriesOf } from './digest.ts';

const DEBOUNCE_MS = 200;

/**
 * Keeps the club search index and the session digests up to date as club sessions
 * change: a room of a club session, once loaded, is re-read a moment after each burst of
 * updates. Both are derived from the documents: `rebuildIfLost` (at start) and
 * `rebuildAll` re-read every club session from storage.
 */
export class ClubIndexer {
  readonly #storage: Storage;
  readonly #log: Logger;
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; run: () => Promise<void> }>();
  readonly #running = new Set<Promise<void>>();
  /** Each session's last refresh: the next one starts after it (they would race on the index). */
  readonly #last = new Map<string, Promise<void>>();

  constructor(storage: Storage, log: Logger) {
    this.#storage = storage;
    this.#log = log;
  }

  /** Follows a loaded room, if its session belongs to a club. */
  async watch(room: Room): Promise<void> {
    const link = await this.#storage.clubs.clubOfSession(room.id);
    if (!link) return;
    const doc = room.doc;
    const schedule = () => this.#schedule(link, () => (doc.isDestroyed ? this.refreshFromStore(link) : this.refresh(link, doc)));
    onDocumentChange(doc, schedule);
    schedule();
  }

  /** Re-derives one session's entries and digest from its document. */
  async refresh(link: ClubSessionLink, doc: Y.Doc): Promise<void> {
    const entries = searchEntriesOf(doc);
    const digest = JSON.stringify(digestOf(doc));
    await this.#storage.search.replaceSession(link.clubId, link.sessionId, entries);
    await this.#storage.clubs.saveDigest(link.sessionId, digest);
  }

  /** The same, from what storage holds (the document need not be in memory). */
  async refreshFromStore(link: ClubSessionLink): Promise<void> {
    const doc = new Y.Doc({ guid: link.sessionId });
    try {
      const updates = await this.#storage.docs.loadUpdates(link.sessionId);
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      await this.refresh(link, doc);
    } finally {
      doc.destroy();
    }
  }

  /** Rebuilds the whole index from the documents. */
  async rebuildAll(): Promise<number> {
    await this.#storage.search.clear();
    const links = await this.#storage.clubs.listAllClubSessions();
    for (const link of links) await this.refreshFromStore(link);
    return links.length;
  }

  /** At start: an index that was lost (deleted, or a database from before search) is rebuilt. */
  async rebuildIfLost(): Promise<void> {
    const links = await this.#storage.clubs.listAllClubSessions();
    if (links.length === 0 || (await this.#storage.search.indexedSessions()) > 0) return;
    const n = await this.rebuildAll();
    this.#log.info({ sessions: n }, 'search index rebuilt from the documents');
  }

  /** Runs what is scheduled now, and waits for it (shutdown, tests). */
  async flush(): Promise<void> {
    const pending = [...this.#timers];
    this.#timers.clear();
    for (const [sessionId, { timer, run }] of pending) {
      clearTimeout(timer);
      this.#track(sessionId, run);
    }
    await Promise.allSettled([...this.#running]);
  }

  #schedule(link: ClubSessionLink, run: () => Promise<void>): void {
    const previous = this.#timers.get(link.sessionId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.#timers.delete(link.sessionId);
      this.#track(link.sessionId, run);
    }, DEBOUNCE_MS);
    timer.unref();
    this.#timers.set(link.sessionId, { timer, run });
  }

  /** Runs a session's refresh once its previous one has ended. */
  #track(sessionId: string, run: () => Promise<void>): void {
    const tracked = (this.#last.get(sessionId) ?? Promise.resolve())
      .then(run)
      .catch((err: unknown) => this.#log.error({ err }, 'club index refresh failed'));
    this.#last.set(sessionId, tracked);
    this.#running.add(tracked);
    void tracked.finally(() => {
      this.#running.delete(tracked);
      if (this.#last.get(sessionId) === tracked) this.#last.delete(sessionId);
    });
  }
}
