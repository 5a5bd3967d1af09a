import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import type { PresenceEntry } from '../../shared/schemas.ts';
import type { PresenceStore } from './types.ts';

/** Between instances, through the adapter: a presence list went to a session's sockets. */
export interface PresenceInterServerEvents {
  /** `digest`: of the list sent (absent from an instance of before it: forget what was sent). */
  'presence:sent': (sessionId: string, digest?: string) => void;
}

/** How long after sending a list of its own an instance trusts no other's word of what its sockets hold. */
const UNSURE_AFTER_EMIT_MS = 1000;

/** What a list's JSON is remembered and told to the other instances as: 20 bytes, not the list. */
function digestOf(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}

export interface PresenceServiceOptions {
  store: PresenceStore;
  io: Server<ClientToServerEvents, ServerToClientEvents, PresenceInterServerEvents>;
  /** Other instances share the session's sockets (the Redis adapter): tell them what we send. */
  shared: boolean;
  log: Logger;
  ttlMs: number;
  heartbeatMs: number;
  /** Lists sent to one session per second at most, however many changes arrive. */
  broadcastsPerSecond: number;
}

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/**
 * Keeps this instance's connections in the presence store and everyone's lists current.
 * Each change is written, then the session's full list goes to the whole room (across
 * instances through the Socket.IO adapter). A heartbeat rewrites this instance's entries
 * (so they come back by themselves after Redis restarts empty) and re-reads the lists of
 * its sessions, so entries that expired with a dead instance disappear from screens.
 */
export class PresenceService {
  readonly #opts: PresenceServiceOptions;
  readonly #local = new Map<string, PresenceEntry>();
  /**
   * What each session's local sockets were last sent (the digest of its JSON), to send only
   * changes. A list that another instance broadcast reached our sockets too: that instance
   * tells us its digest (`presence:sent`), so the next heartbeat sends only what differs
   * from it. Without that, a member who joined on an instance killed before our heartbeat
   * read him stayed on our screens for good; and, with only "forget what you sent", every
   * instance sent the room the same list again at its next heartbeat.
   */
  readonly #lastSent = new Map<string, string>();
  /** When this instance last sent each session's sockets a list (see `presence:sent`). */
  readonly #lastEmitAt = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  /**
   * Broadcasts are coalesced per session: a change schedules one, and every change until
   * it goes shares it (issue 10: 6,000 hand raises made 594 broadcasts of a 301-entry list).
   */
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #lastBroadcastAt = new Map<string, number>();
  #closed = false;

  constructor(opts: PresenceServiceOptions) {
    this.#opts = opts;
    this.#timer = setInterval(() => void this.#heartbeat(), opts.heartbeatMs);
    this.#timer.unref();
    if (opts.shared) {
      opts.io.on('presence:sent', (sessionId, digest) => {
        if (typeof sessionId !== 'string') return;
        // A list of ours that went out meanwhile may have reached our sockets between theirs
        // and this word of it: then what they hold is unsure, and the heartbeat sends again.
        const oursJustWent = Date.now() - (this.#lastEmitAt.get(sessionId) ?? 0) < UNSURE_AFTER_EMIT_MS;
        if (typeof digest === 'string' && !oursJustWent) this.#lastSent.set(sessionId, digest);
        else this.#lastSent.delete(sessionId);
      });
    }
  }

  async join(entry: PresenceEntry): Promise<void> {
    if (this.#closed) return;
    this.#local.set(entry.connectionId, entry);
    await this.#write(entry);
    this.#broadcastSoon(entry.sessionId);
  }

  async update(connectionId: string, patch: Partial<Pick<PresenceEntry, 'view' | 'idle' | 'name'>>): Promise<void> {
    const current = this.#local.get(connectionId);
    if (!current || this.#closed) return;
    const next = { ...current, ...patch, lastSeen: Date.now() };
    this.#local.set(connectionId, next);
    await this.#write(next);
    this.#broadcastSoon(next.sessionId);
  }

  async leave(connectionId: string): Promise<void> {
    const entry = this.#local.get(connectionId);
    if (!entry || this.#closed) return;
    this.#local.delete(connectionId);
    try {
      await this.#opts.store.remove(entry.sessionId, connectionId);
    } catch (err) {
      this.#opts.log.warn({ err }, 'presence store unavailable; the entry will expire by itself');
    }
    this.#broadcastSoon(entry.sessionId);
  }

  /** On shutdown: our people leave now, rather than when their entries expire. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    // First: a join arriving while we say goodbye must not add an entry nobody removes.
    this.#closed = true;
    const sessions = new Set<string>();
    await Promise.allSettled(
      [...this.#local.values()].map((entry) => {
        sessions.add(entry.sessionId);
        return this.#opts.store.remove(entry.sessionId, entry.connectionId);
      }),
    );
    this.#local.clear();
    await Promise.allSettled([...sessions].map((id) => this.#broadcast(id)));
  }

  async #write(entry: PresenceEntry): Promise<void> {
    try {
      await this.#opts.store.put(entry, Date.now() + this.#opts.ttlMs);
    } catch (err) {
      // Redis is away: the next heartbeat writes the entry again.
      this.#opts.log.warn({ err }, 'presence store unavailable; will retry at the next heartbeat');
    }
  }

  /** At most one list per session per interval; the first change after a quiet spell goes at once. */
  #broadcastSoon(sessionId: string): void {
    if (this.#pending.has(sessionId) || this.#closed) return;
    const interval = 1000 / this.#opts.broadcastsPerSecond;
    const wait = Math.max(0, (this.#lastBroadcastAt.get(sessionId) ?? 0) + interval - Date.now());
    const timer = setTimeout(() => {
      this.#pending.delete(sessionId);
      this.#lastBroadcastAt.set(sessionId, Date.now());
      void this.#broadcast(sessionId);
    }, wait);
    timer.unref();
    this.#pending.set(sessionId, timer);
  }

  async #broadcast(sessionId: string): Promise<void> {
    try {
      const entries = await this.#opts.store.list(sessionId);
      const digest = digestOf(JSON.stringify(entries));
      this.#lastSent.set(sessionId, digest);
      this.#opts.io.to(sessionRoom(sessionId)).emit('presence:list', entries);
      this.#lastEmitAt.set(sessionId, Date.now());
      if (this.#opts.shared) this.#opts.io.serverSideEmit('presence:sent', sessionId, digest);
    } catch (err) {
      this.#opts.log.warn({ err }, 'could not read presence; will retry at the next heartbeat');
    }
  }

  async #heartbeat(): Promise<void> {
    if (this.#closed) return;
    const expiresAt = Date.now() + this.#opts.ttlMs;
    const sessions = new Set<string>();
    try {
      await Promise.all([...this.#local.values()].map((entry) => {
        sessions.add(entry.sessionId);
        return this.#opts.store.put(entry, expiresAt);
      }));
    } catch (err) {
      this.#opts.log.debug({ err }, 'presence heartbeat failed');
    }
    for (const id of this.#lastSent.keys()) if (!sessions.has(id)) this.#lastSent.delete(id);
    for (const id of this.#lastEmitAt.keys()) if (!sessions.has(id)) this.#lastEmitAt.delete(id);
    for (const id of this.#lastBroadcastAt.keys()) if (!sessions.has(id) && !this.#pending.has(id)) this.#lastBroadcastAt.delete(id);
    for (const sessionId of sessions) {
      try {
        const entries = await this.#opts.store.list(sessionId);
        const digest = digestOf(JSON.stringify(entries));
        if (this.#lastSent.get(sessionId) === digest) continue;
        this.#lastSent.set(sessionId, digest);
        // Only our own sockets: every instance sweeps the sessions it serves.
        this.#opts.io.local.to(sessionRoom(sessionId)).emit('presence:list', entries);
        this.#lastEmitAt.set(sessionId, Date.now());
      } catch (err) {
        this.#opts.log.debug({ err }, 'presence sweep failed');
      }
    }
  }
}
