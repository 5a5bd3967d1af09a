import { MessageType, SyncType } from './messages.ts';

/** What one sync connection may send (issue 10: one member could starve everyone). */
export interface ConnectionBudgetLimits {
  /** Update bytes a second, after a burst of `updateBurstBytes`. */
  updateBytesPerSecond: number;
  updateBurstBytes: number;
  /** Messages of any kind a second, after a burst of `messageBurst`. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Awareness messages a second, after a burst of `awarenessBurst`. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** A client kept over its budget (read in pauses) for this long is refused. */
  refuseAfterMs: number;
}

/** What to do with a connection after a frame: go on, stop reading for a while, or refuse it. */
export type BudgetVerdict = { kind: 'ok' } | { kind: 'pause'; ms: number } | { kind: 'refuse'; reason: string };

const OK: BudgetVerdict = { kind: 'ok' };

/** How many times the awareness budget a connection may echo (see ConnectionBudget.#echoes). */
const ECHO_FACTOR = 25;

/** A bucket that may go into debt: what a frame costs is known only once it is read. */
class Bucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(rate: number, burst: number, now: number) {
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = now;
  }

  spend(cost: number, now: number): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate) - cost;
    this.#at = now;
  }

  /** Ms until the debt is paid (0 when there is none). */
  msToRepay(): number {
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.#rate) * 1000);
  }

  /** Whether at least half the burst is there: the client has slowed down by itself. */
  rested(now: number): boolean {
    return Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate) >= this.#burst / 2;
  }
}

/**
 * Token buckets of one sync connection: update bytes, messages, awareness messages. A
 * client over budget is first slowed (the caller stops reading its socket until the debt is
 * paid, so TCP pushes back on it); one that stays over budget for `refuseAfterMs` in a row,
 * or sends more than that long's worth at once, is refused. The first sync step 2 of a connection (what a device made while away, which
 * may be large) costs no update bytes: its size is bounded by the document cap.
 */
export class ConnectionBudget {
  readonly #limits: ConnectionBudgetLimits;
  readonly #bytes: Bucket;
  readonly #messages: Bucket;
  readonly #awareness: Bucket;
  /**
   * Awareness messages that changed nothing. y-websocket's provider re-sends every change
   * it receives, so in a room of thirty each member echoes the others' cursors: that is not
   * the member's own awareness, and costs this budget instead, ECHO_FACTOR times larger.
   */
  readonly #echoes: Bucket;
  #firstStep2Seen = false;
  /** Since when the client has been over budget without resting, or 0. */
  #overSince = 0;

  constructor(limits: ConnectionBudgetLimits, now = Date.now()) {
    this.#limits = limits;
    this.#bytes = new Bucket(limits.updateBytesPerSecond, limits.updateBurstBytes, now);
    this.#messages = new Bucket(limits.messagesPerSecond, limits.messageBurst, now);
    this.#awareness = new Bucket(limits.awarenessPerSecond, limits.awarenessBurst, now);
    this.#echoes = new Bucket(limits.awarenessPerSecond * ECHO_FACTOR, limits.awarenessBurst * ECHO_FACTOR, now);
  }

  /** The last awareness frame charged changed nothing: it costs the echo budget instead. */
  refundEcho(now = Date.now()): void {
    this.#messages.spend(-1, now);
    this.#awareness.spend(-1, now);
    this.#echoes.spend(1, now);
  }

  /** Charges one frame (read off the wire, not yet handled) and says what to do next. */
  spend(frame: Uint8Array, now = Date.now()): BudgetVerdict {
    if (this.#overSince && this.#rested(now)) this.#overSince = 0;
    this.#messages.spend(1, now);
    const type = frame[0];
    if (type === MessageType.Awareness) this.#awareness.spend(1, now);
    else if (type === MessageType.Sync) {
      const isStep2 = frame[1] === SyncType.Step2;
      if (isStep2 && !this.#firstStep2Seen) this.#firstStep2Seen = true;
      else if (frame[1] !== SyncType.Step1) this.#bytes.spend(frame.byteLength, now);
    }
    const ms = Math.max(this.#messages.msToRepay(), this.#awareness.msToRepay(), this.#bytes.msToRepay(), this.#echoes.msToRepay());
    if (ms === 0) return OK;
    // More than the grace period's worth sent in one go (one read chunk of thousands of
    // tiny frames): waiting that long would be the refusal anyway, said late.
    if (ms > this.#limits.refuseAfterMs) return { kind: 'refuse', reason: `sent ${Math.round(ms / 1000)} s worth of its budget at once: slow down` };
    if (!this.#overSince) this.#overSince = now;
    else if (now - this.#overSince >= this.#limits.refuseAfterMs) {
      return { kind: 'refuse', reason: `too much sent for ${Math.round((now - this.#overSince) / 1000)} s: slow down` };
    }
    return { kind: 'pause', ms };
  }

  #rested(now: number): boolean {
    return this.#messages.rested(now) && this.#awareness.rested(now) && this.#bytes.rested(now) && this.#echoes.rested(now);
  }
}
