import { uncorkAll } from './Connection.ts';

/** Frames of one connection handled in one event-loop turn, at most (at least one frame). */
export const SLICE_FRAMES = 32;
/** Bytes of one connection handled in one event-loop turn, at most (at least one frame). */
export const SLICE_BYTES = 256 * 1024;
/** Past this many frames or bytes waiting, the connection is no longer read. */
export const HIGH_WATER_FRAMES = 2048;
export const HIGH_WATER_BYTES = 8 * 1024 * 1024;

export interface InboxHandlers {
  /** Whether a frame may be handled now (false while the connection pays a budget debt). */
  ready(): boolean;
  handle(frame: Uint8Array): void;
  /** Called with true when the backlog passes the high water mark, false when it is down to half. */
  backlog(full: boolean): void;
}

/**
 * Frames read from one connection and not handled yet. Handling a frame (reading, checking,
 * applying, storing it) runs on the one event loop that every session shares, and one read
 * of a socket can hold a thousand small frames: handled in a row, they held the loop for
 * 100 ms and more while a member flooded (issue 10). So each turn of the loop handles at
 * most a slice of a connection's frames (SLICE_FRAMES or SLICE_BYTES, at least one frame);
 * the rest wait for the next turn, after the loop has read every other socket. Frames are
 * handled in the order they came. A connection whose backlog passes the high water mark is
 * no longer read (TCP pushes back on the sender) until it is down to half.
 *
 * The rest waits for the next turn's timers phase, not for its check phase (setImmediate):
 * what the other connections' frames queued in this turn's poll phase (the group commit,
 * the relays it lets go, the corked sends) runs in the check phase, before the backlog
 * goes on. A backlog continued with setImmediate ran before them, and a note of another
 * session waited behind two 900 KB frames instead of at most one (issue 10's flood of
 * large updates); before each slice, what is corked is sent.
 */
export class Inbox {
  readonly #on: InboxHandlers;
  #frames: Uint8Array[] = [];
  #head = 0;
  #bytes = 0;
  #full = false;
  /** The turn #turnFrames and #turnBytes count, and what this connection used of it. */
  #turn = -1;
  #turnFrames = 0;
  #turnBytes = 0;
  #nextTurn = false;
  #closed = false;

  constructor(handlers: InboxHandlers) {
    this.#on = handlers;
  }

  get size(): number {
    return this.#frames.length - this.#head;
  }

  push(frame: Uint8Array): void {
    if (this.#closed) return;
    this.#frames.push(frame);
    this.#bytes += frame.byteLength;
    if (!this.#full && (this.size > HIGH_WATER_FRAMES || this.#bytes > HIGH_WATER_BYTES)) {
      this.#full = true;
      this.#on.backlog(true);
    }
    this.drain();
  }

  /** Handles what this turn's slice allows; call again when `ready()` turns true. */
  drain(): void {
    while (!this.#closed && this.#head < this.#frames.length) {
      if (this.#turn === currentTurn() && (this.#turnFrames >= SLICE_FRAMES || this.#turnBytes >= SLICE_BYTES)) {
        this.#continueNextTurn();
        return;
      }
      if (!this.#on.ready()) return;
      const frame = this.#frames[this.#head]!;
      this.#frames[this.#head] = EMPTY;
      this.#head += 1;
      this.#bytes -= frame.byteLength;
      this.#count(frame.byteLength);
      this.#on.handle(frame);
    }
    if (this.#head > 0 && this.#head === this.#frames.length) {
      this.#frames = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#frames.length) {
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
    if (this.#full && this.size <= HIGH_WATER_FRAMES / 2 && this.#bytes <= HIGH_WATER_BYTES / 2) {
      this.#full = false;
      this.#on.backlog(false);
    }
  }

  /** Drops what waits (the connection is closed). */
  close(): void {
    this.#closed = true;
    this.#frames = [];
    this.#head = 0;
    this.#bytes = 0;
  }

  #count(bytes: number): void {
    const turn = currentTurn();
    if (turn !== this.#turn) {
      this.#turn = turn;
      this.#turnFrames = 0;
      this.#turnBytes = 0;
    }
    this.#turnFrames += 1;
    this.#turnBytes += bytes;
  }

  #continueNextTurn(): void {
    if (this.#nextTurn) return;
    this.#nextTurn = true;
    setTimeout(() => {
      this.#nextTurn = false;
      uncorkAll();
      this.drain();
    }, 0);
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The event-loop turn we are in: a number that one shared setImmediate moves on when the turn
 * ends, instead of one timer for every connection that handled a frame in it.
 */
let turn = 0;
let turnEnds = false;
function currentTurn(): number {
  if (!turnEnds) {
    turnEnds = true;
    setImmediate(() => {
      turn += 1;
      turnEnds = false;
    });
  }
  return turn;
}
