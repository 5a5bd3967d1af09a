import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocStore } from '../storage/types.ts';
import { DEFAULT_ROOM_LIMITS, Room, type RoomLimits } from './Room.ts';
import type { GateRules } from './UpdateGate.ts';
import type { RoomAwarenessOptions } from './RoomAwareness.ts';
import type { RoomBus } from './RoomBus.ts';
import { syncStep1Frame, syncStep2Frame } from './messages.ts';

export interface RoomRegistryOptions {
  store: DocStore;
  bus: RoomBus;
  log: Logger;
  unloadDelayMs: number;
  /** Size cap and storage retries of every room. */
  limits?: RoomLimits;
  /** Awareness limits of every room. */
  awareness?: Partial<RoomAwarenessOptions>;
  /** Which rules check clients' changes to the document `id`, or null for none (default: a session's). */
  rules?: (id: string) => GateRules | null;
  /** Runs once a room's stored state is loaded, before any client is answered. */
  onLoad?: (room: Room) => Promise<void>;
}

export interface RoomLease {
  readonly room: Room;
  /** Idempotent. */
  release(): void;
}

interface Entry {
  room: Promise<Room>;
  /** The room once loaded. */
  ready: Room | null;
  holders: number;
  unloadTimer: NodeJS.Timeout | null;
  early: EarlyReaders;
}

/**
 * Someone waiting for a document that is being loaded, who can be served from its stored
 * snapshot before the document is built (SyncServer: a joiner gets its sync answer while the
 * server applies the snapshot).
 */
export interface EarlyReader {
  /** Sends the snapshot (a sync step 2 frame); resolves once it is on its way. */
  snapshot(frame: Uint8Array, sent: EarlySnapshot): Promise<void> | void;
  /**
   * Sends a sync step 1 frame; resolves once the client answered it (with a sync step 2),
   * or will not. A stock provider answers once it has applied what came before.
   */
  ask(frame: Uint8Array): Promise<void>;
}

/** A stored snapshot sent early, as its readers remember it (not its bytes). */
export interface EarlySnapshot {
  /**
   * What a client has once it applied it: set when the document is built from it alone,
   * before any frame of the client is handled; null if something else was in it too.
   */
  stateVector: ReadonlyMap<number, number> | null;
  /**
   * Its writers were sent a sync step 1 with the snapshot's state vector, which a provider
   * answers with what it holds beyond it (read-only readers get none, as at a join). When
   * the document is that snapshot alone (`stateVector` set), joining it needs no other.
   */
  asked: boolean;
}

interface EarlyReaders {
  readers: Set<EarlyReader>;
  /** False once the stored state was read: later joiners are answered from the document. */
  open: boolean;
  /** Someone else needs the document (a later joiner, a read): build it now. */
  needed: boolean;
  onNeeded: (() => void) | null;
}

/** How long a load waits for the early readers' sockets to take the snapshot, at most. */
const EARLY_SEND_WAIT_MS = 50;
/**
 * How long a load waits, at most, for the early readers to have applied the snapshot before
 * it builds the document. On two cores, the build (about 75 ms for a board of 5,000 stickies)
 * and a joiner's apply of the same 1.3 MB slowed each other: the join took 120-134 ms, and
 * 62 ms with the build held back (bench/RESULTS.md, 2026-11-29). A client that never answers
 * (not a stock provider) delays the build by this much, no more.
 */
const EARLY_APPLY_WAIT_MS = 500;

/**
 * The documents this instance holds in memory. A document is loaded once however many
 * clients join at once, and unloaded a while after its last client leaves. A client that
 * joins while the document is being unloaded waits for the unload to finish and then
 * loads it anew from storage, so an unload never races a reload (the Hocuspocus lesson:
 * edits were lost when a document was unloaded while being reloaded).
 */
export class RoomRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #unloading = new Map<string, Promise<void>>();
  readonly #opts: RoomRegistryOptions;

  constructor(opts: RoomRegistryOptions) {
    this.#opts = opts;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The room of `id` if it is loaded here, without loading it or holding it. */
  loaded(id: string): Room | null {
    return this.#entries.get(id)?.ready ?? null;
  }

  /** Ids of the documents in memory here (loading or loaded). */
  loadedIds(): string[] {
    return [...this.#entries.keys()];
  }

  /**
   * A hold on the room of `id`, loading it if needed. The room stays in memory until every
   * lease is released; a lease releases only the copy it was taken on, even if that copy
   * was since replaced.
   */
  async acquire(id: string, early?: EarlyReader): Promise<RoomLease> {
    const unloading = this.#unloading.get(id);
    if (unloading) await unloading;
    let entry = this.#entries.get(id);
    if (!entry) {
      const readers: EarlyReaders = { readers: new Set(), open: true, needed: false, onNeeded: null };
      entry = { room: this.#load(id, readers), ready: null, holders: 0, unloadTimer: null, early: readers };
      this.#entries.set(id, entry);
    }
    if (early && entry.early.open) entry.early.readers.add(early);
    else {
      entry.early.needed = true;
      entry.early.onNeeded?.();
    }
    entry.holders += 1;
    if (entry.unloadTimer) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    let room: Room;
    try {
      room = await entry.room;
    } catch (err) {
      // The load failed: forget this copy now, so that the next connection loads again
      // rather than being handed the same failure until an unload timer fires.
      entry.holders -= 1;
      if (this.#entries.get(id) === entry) this.#entries.delete(id);
      throw err;
    }
    entry.ready = room;
    const held = entry;
    let released = false;
    return {
      room,
      release: () => {
        if (released) return;
        released = true;
        this.#release(id, held);
      },
    };
  }

  #release(id: string, entry: Entry): void {
    if (entry.holders === 0) return;
    entry.holders -= 1;
    if (entry.holders > 0 || this.#entries.get(id) !== entry) return;
    entry.unloadTimer = setTimeout(() => this.#unload(id, entry), this.#opts.unloadDelayMs);
    entry.unloadTimer.unref();
  }

  /** Compacts and drops every room (shutdown). */
  async closeAll(): Promise<void> {
    const ids = [...this.#entries.keys()];
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry) this.#unload(id, entry, true);
    }
    await Promise.allSettled([...this.#unloading.values()]);
  }

  #unload(id: string, entry: Entry, force = false): void {
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
    if ((entry.holders > 0 && !force) || this.#entries.get(id) !== entry) return;
    this.#entries.delete(id);
    const done = (async () => {
      const room = await entry.room;
      try {
        await room.compactNow();
      } finally {
        room.destroy();
      }
    })()
      .catch((err: unknown) => this.#opts.log.error({ err, room: id }, 'unloading a document failed'))
      .finally(() => {
        if (this.#unloading.get(id) === done) this.#unloading.delete(id);
      });
    this.#unloading.set(id, done);
  }

  async #load(id: string, early: EarlyReaders): Promise<Room> {
    const { store, bus, log, onLoad } = this.#opts;
    const rules = this.#opts.rules ? this.#opts.rules(id) : 'session';
    const room = new Room(id, store, log.child({ room: id }), this.#opts.awareness, this.#opts.limits ?? DEFAULT_ROOM_LIMITS, { rules });
    try {
      // Join the bus before reading storage: what another instance stores meanwhile
      // reaches us one way or the other (Yjs merges duplicates).
      room.attachBus(
        await bus.join(id, {
          frame: (frame) => room.receiveFromBus(frame),
          resync: () => void room.resyncFromStore().catch((err: unknown) => log.error({ err, room: id }, 'resync from storage failed')),
        }),
      );
      const { updates: stored, snapshotStateVector } = await readable(id, () =>
        store.loadDocument ? store.loadDocument(id, room.holder) : store.loadUpdates(id).then((updates) => ({ updates, snapshotStateVector: null })),
      );
      early.open = false;
      const [only] = stored;
      const served = stored.length === 1 && only && early.readers.size > 0 ? await serveEarly(early, only, snapshotStateVector, log) : null;
      early.readers.clear();
      try {
        const alone = room.loadFrom(stored);
        if (served && alone) served.stateVector = Y.decodeStateVector(Y.encodeStateVector(room.doc));
      } catch (err) {
        throw new DocumentUnreadableError(id, err);
      }
      if (onLoad) await onLoad(room);
      return room;
    } catch (err) {
      room.destroy();
      throw err;
    }
  }
}

/**
 * Hands a compacted document (one stored update, as Y.encodeStateAsUpdate wrote it) to those
 * waiting for it, then waits until their sockets took it, for EARLY_SEND_WAIT_MS at most:
 * building the document holds the event loop (about 75 ms for a board of 5,000 stickies),
 * and what is still unsent would wait behind it. Then it asks each of them for what it holds
 * beyond the snapshot (a sync step 1 with the snapshot's state vector), and waits for their
 * answers, for EARLY_APPLY_WAIT_MS at most, and only while nobody else needs the document:
 * a provider answers once it has applied the snapshot, and the build then no longer
 * competes with it for the CPU. The state vector is the one stored with the snapshot when
 * there is one: read from the update, it took about 50 ms of a freshly started server for
 * a board of 5,000 stickies, while the joiner applied the snapshot on the same two cores.
 */
async function serveEarly(early: EarlyReaders, update: Uint8Array, storedStateVector: Uint8Array | null, log: Logger): Promise<EarlySnapshot> {
  const readers = early.readers;
  const frame = syncStep2Frame(update);
  const snapshot: EarlySnapshot = { stateVector: null, asked: false };
  const sent = [...readers].map(async (reader) => {
    try {
      await reader.snapshot(frame, snapshot);
    } catch (err) {
      log.warn({ err }, 'could not send a stored document early');
    }
  });
  await within(EARLY_SEND_WAIT_MS, Promise.all(sent));
  let ask: Uint8Array;
  try {
    ask = syncStep1Frame(storedStateVector ?? Y.encodeStateVectorFromUpdate(update));
  } catch {
    return snapshot; // unreadable: building it says so
  }
  snapshot.asked = true;
  const answered = [...readers].map((reader) => reader.ask(ask).catch((err: unknown) => log.warn({ err }, 'could not ask an early reader')));
  // Nobody else waits meanwhile: a later joiner, or a read of the document, has it built now.
  if (!early.needed) {
    const needed = new Promise<void>((resolve) => (early.onNeeded = resolve));
    await within(EARLY_APPLY_WAIT_MS, Promise.race([Promise.all(answered), needed]));
    early.onNeeded = null;
  }
  return snapshot;
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function within(ms: number, promise: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * A document that storage holds but cannot give back whole: a damaged page, a stored
 * update Yjs cannot read. Its session alone gets a clear, final error, instead of a 1011
 * and a reconnect loop (issue 10); other sessions go on.
 */
export class DocumentUnreadableError extends Error {
  override name = 'DocumentUnreadableError';
  constructor(sessionId: string, cause: unknown) {
    super(`the document of session ${sessionId} cannot be read from storage: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** SQLite result codes of a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB. */
const DAMAGED = new Set([11, 26]);

async function readable<T>(id: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const code = (err as { errcode?: unknown }).errcode;
    if (typeof code === 'number' && DAMAGED.has(code & 0xff)) throw new DocumentUnreadableError(id, err);
    throw err;
  }
}
