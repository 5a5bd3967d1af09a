import type { Logger } from 'pino';
import * as Y from 'yjs';

export interface StoreOutageOptions {
  /** Writes one update to the store. */
  append(update: Uint8Array): Promise<void>;
  /** Longest wait between two tries. */
  maxDelayMs: number;
  log: Logger;
  /** The store refused a write: the room turns read-only and tells its clients. */
  onStart(err: unknown): void;
  /** Everything held is stored: `stored` (all of it, merged) may now be relayed. */
  onEnd(stored: Uint8Array): void;
}

/**
 * A room whose store refused a write (disk full, database away). Before, the room dropped
 * every client, which reconnected at once and failed again, about four times a second,
 * in every session at once (issue 10). Now the updates it applied but could not store are
 * held here and written again with a growing delay; meanwhile the room takes no new
 * writes (its clients are told, and keep their edits), and reads go on.
 */
export class StoreOutage {
  readonly #opts: StoreOutageOptions;
  #held: Uint8Array[] = [];
  /** Held updates stored during this outage, relayed when it ends. */
  #stored: Uint8Array[] = [];
  #active = false;
  #delayMs = 0;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(opts: StoreOutageOptions) {
    this.#opts = opts;
  }

  /** Whether the store refused a write that is not stored yet. */
  get active(): boolean {
    return this.#active;
  }

  /**
   * Per Yjs client, the first clock of what is held (applied in memory, not stored): a state
   * vector the room hands out as what it holds must stop there (Room.#heldStateVector).
   */
  heldFrom(): Map<number, number> {
    const from = new Map<number, number>();
    for (const update of this.#held) {
      for (const [client, clock] of Y.parseUpdateMeta(update).from) from.set(client, Math.min(clock, from.get(client) ?? Infinity));
    }
    return from;
  }

  /** Bytes applied in memory and not stored. */
  get heldBytes(): number {
    return this.#held.reduce((n, u) => n + u.byteLength, 0);
  }

  /** Holds an update that is applied in memory and was not stored (or not tried). */
  hold(update: Uint8Array, err: unknown): void {
    this.#held.push(update);
    if (this.#active) return;
    this.#active = true;
    this.#delayMs = Math.min(100, this.#opts.maxDelayMs);
    this.#opts.log.error({ err }, 'storage refused an update; the session is read-only until it is stored');
    this.#opts.onStart(err);
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#held.length > 0) {
      // Its clients still hold these edits and send them again at their next sync.
      this.#opts.log.warn({ bytes: this.heldBytes }, 'unloading a document with updates storage never took');
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#retry(), this.#delayMs);
    this.#timer.unref();
  }

  async #retry(): Promise<void> {
    this.#timer = null;
    const count = this.#held.length;
    const merged = count === 1 ? this.#held[0]! : Y.mergeUpdates(this.#held.slice(0, count));
    try {
      await this.#opts.append(merged);
    } catch (err) {
      this.#opts.log.debug({ err, retryInMs: this.#delayMs }, 'storage still refuses writes');
      this.#delayMs = Math.min(this.#delayMs * 2, this.#opts.maxDelayMs);
      this.#schedule();
      return;
    }
    if (this.#stopped) return;
    this.#held.splice(0, count);
    this.#stored.push(merged);
    if (this.#held.length > 0) {
      this.#schedule();
      return;
    }
    const stored = this.#stored.length === 1 ? this.#stored[0]! : Y.mergeUpdates(this.#stored);
    this.#stored = [];
    this.#active = false;
    this.#opts.log.info('storage takes writes again; the session is writable');
    this.#opts.onEnd(stored);
  }
}
