import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { canWriteDocument, CloseCode } from '../../shared/protocol.ts';
import type { Actor } from '../access/types.ts';
import type { EarlySnapshot } from './RoomRegistry.ts';
import { MessageType, SyncType } from './messages.ts';
import type { WireMessage } from './wire.ts';

/** Frames a client may send before its document is loaded, and their total size. */
const MAX_PENDING_FRAMES = 256;
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/**
 * Frames a client queues while the load waits for it to apply an early snapshot (a stock
 * provider sends two or three on opening), past which the load waits for it no longer.
 */
const EARLY_PATIENCE_FRAMES = 16;
/** A client whose send buffer holds more than this is not reading: drop it. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Bytes of a client's updates waiting for storage before we stop reading from it. */
const PAUSE_ABOVE_BYTES = 4 * 1024 * 1024;
const RESUME_BELOW_BYTES = 1024 * 1024;

let nextId = 1;

/**
 * Whether a connection may send `update` to `doc`, decided before it touches the document:
 * null to go on, else the reason said back to it alone (a permission-denied message).
 */
export type WriteGate = (doc: Y.Doc, update: Uint8Array) => string | null;

/**
 * Connections whose socket was written to during this event-loop turn, corked, in the first
 * `corkedCount` places: what one turn sends to one client (several relayed updates, an
 * awareness batch) leaves in one writev when the turn ends, instead of one system call per
 * frame. Sending is most of the server's CPU (writev was 29-35 % of it in the profiles of
 * scenarios 1 and 6, bench/RESULTS.md). An array kept from turn to turn: a set emptied every
 * turn grew its table again every turn, and with 2,000 sockets that was a sixth of all the
 * server kept past a young-generation collection (scenario 2).
 */
const corkedConnections: Array<Connection | null> = [];
let corkedCount = 0;

/**
 * Sends what this turn corked, now. Called at the end of the turn, and before a backlog's
 * frame holds the event loop (Inbox): a relay corked in this turn's check phase would
 * otherwise wait behind it.
 */
export function uncorkAll(): void {
  // A connection corked while this runs is sent too (the count is read at each step).
  for (let i = 0; i < corkedCount; i++) {
    const connection = corkedConnections[i];
    corkedConnections[i] = null;
    connection?.sendCorked();
  }
  corkedCount = 0;
}

/**
 * Why a connection is not read: its updates wait for a slow store, it pays a budget debt
 * (ConnectionBudget), or what it sent waits to be handled (Inbox).
 */
export type PauseReason = 'storage' | 'budget' | 'backlog';

/** One authorized websocket on one session document. */
export class Connection {
  readonly id = nextId++;
  readonly ws: WebSocket;
  /** Who is on the other end, as the server established it from the token (never from the client's say-so). */
  readonly actor: Actor;
  readonly canWrite: boolean;
  /** Set for a private document's connection (server/private/PrivateDocs.ts). */
  writeGate: WriteGate | null = null;
  /** Answered the last ping. */
  alive = true;
  /** When we last sent it anything (keep-alive). */
  lastSentAt = Date.now();
  /** When the room last asked it for what it holds beyond the room (Room's askForMissing), or 0. */
  askedForMissingAt = 0;
  /** A question for what the client holds, due once ASK_FOR_MISSING_MS since the last has passed (Room). */
  askForMissingLater: NodeJS.Timeout | null = null;
  /** The size of its last write refused at the document's size cap (it keeps it), or 0. */
  refusedAtCapBytes = 0;
  /**
   * A stored snapshot sent to it before the document was loaded (RoomRegistry's early
   * readers): its sync step 1, sent before that snapshot reached it, is answered with what
   * the snapshot lacks.
   */
  earlySnapshot: EarlySnapshot | null = null;
  #earlyAnswered: (() => void) | null = null;
  /** It wrote, or kept sending, while its document loaded (see askEarly). */
  #writing = false;
  #unstoredBytes = 0;
  #pending: Uint8Array[] | null = [];
  #pendingBytes = 0;
  readonly #pausedFor = new Set<PauseReason>();
  /** Its socket, while this turn has it corked (uncorkAll sends it). */
  #corked: Socket | null = null;

  constructor(ws: WebSocket, actor: Actor) {
    this.ws = ws;
    this.actor = actor;
    this.canWrite = canWriteDocument(actor.role);
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(frame: Uint8Array): void {
    const socket = this.#corkForSend();
    if (socket === false) return;
    this.ws.send(frame, { binary: true });
  }

  /**
   * Sends a message framed once for all its receivers (a relay): its bytes are written to
   * the socket as they are, where `send` would frame the message again. ws writes its own
   * frames (pings, the close) to the same socket whole and in order, and the server never
   * negotiates compression (SyncServer), so a frame written here is never reordered with
   * one queued by ws; without the socket, ws sends it.
   */
  sendWire(wire: WireMessage): void {
    const socket = this.#corkForSend();
    if (socket === false) return;
    if (socket) socket.write(wire.frame);
    else this.ws.send(wire.message, { binary: true });
  }

  /**
   * Before a send: false when nothing is to be sent (closed, or dropped for being too far
   * behind); else the socket, corked until the end of this turn, or null when ws holds none.
   */
  #corkForSend(): Socket | null | false {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.SlowConsumer, 'too far behind: reconnect to resync');
      return false;
    }
    this.lastSentAt = Date.now();
    // ws keeps its net.Socket private; it is there while the socket is open.
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    if (!socket) return null;
    if (this.#corked === null) {
      if (corkedCount === 0) setImmediate(uncorkAll);
      socket.cork();
      this.#corked = socket;
      corkedConnections[corkedCount++] = this;
    }
    return socket;
  }

  /** Sends what this turn corked for this client (uncorkAll), if anything. */
  sendCorked(): void {
    const socket = this.#corked;
    if (socket === null) return;
    this.#corked = null;
    socket.uncork();
  }

  /**
   * Sends at once, uncorked, and resolves once the socket took the frame: before a long
   * synchronous task (building a loaded document) holds the event loop.
   */
  sendNow(frame: Uint8Array): Promise<void> {
    if (this.ws.readyState !== this.ws.OPEN) return Promise.resolve();
    this.sendCorked();
    this.lastSentAt = Date.now();
    return new Promise((resolve) => this.ws.send(frame, { binary: true }, () => resolve()));
  }

  /**
   * Sends the sync step 1 that follows an early snapshot; resolves once the client answered
   * it (answeredEarly), which a stock provider does after applying the snapshot. A client
   * that writes while the document loads, or queues more than EARLY_PATIENCE_FRAMES, is not
   * busy applying it (a script): the load does not wait for it.
   */
  askEarly(frame: Uint8Array): Promise<void> {
    void this.sendNow(frame);
    if (this.#writing) return Promise.resolve();
    return new Promise<void>((resolve) => (this.#earlyAnswered = resolve));
  }

  /**
   * The client answered askEarly (a sync step 2), or will not (it closed, or keeps sending
   * while the document loads). True when askEarly was waiting.
   */
  answeredEarly(): boolean {
    const waited = this.#earlyAnswered;
    this.#earlyAnswered = null;
    waited?.();
    return waited !== null;
  }

  /**
   * Counts the bytes of this client's updates that storage has not taken yet, and stops
   * reading from the client while they pile up (a slow store must not buffer without end).
   */
  unstored(bytes: number): void {
    const before = this.#unstoredBytes;
    this.#unstoredBytes += bytes;
    if (before <= PAUSE_ABOVE_BYTES && this.#unstoredBytes > PAUSE_ABOVE_BYTES) this.pauseReading('storage');
    else if (before >= RESUME_BELOW_BYTES && this.#unstoredBytes < RESUME_BELOW_BYTES) this.resumeReading('storage');
  }

  /**
   * Stops reading from the client until every reason to pause is lifted: a slow store, a
   * client over its budget (ConnectionBudget), a backlog of frames not handled yet (Inbox).
   * TCP then pushes back on the sender.
   */
  pauseReading(reason: PauseReason): void {
    this.#pausedFor.add(reason);
    if (!this.ws.isPaused) this.ws.pause();
  }

  isPausedFor(reason: PauseReason): boolean {
    return this.#pausedFor.has(reason);
  }

  resumeReading(reason: PauseReason): void {
    if (!this.#pausedFor.delete(reason) || this.#pausedFor.size > 0) return;
    if (this.ws.isPaused) this.ws.resume();
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
    // Read again, whatever paused it: the client's closing frame must be read for the
    // close to complete (what else it sent is dropped).
    this.#pausedFor.clear();
    if (this.ws.isPaused) this.ws.resume();
  }

  /**
   * Holds frames that arrive while the document loads. Returns false when the client
   * sent more than a loading document may queue (the caller closes it). The answer to
   * askEarly is not counted (`uncounted`): it is what the join would have asked for, a sync
   * step 2 bounded by the document cap, and a device with a day of offline notes sends it.
   */
  queue(frame: Uint8Array, uncounted = false): boolean {
    if (!this.#pending) return true;
    if (!uncounted) this.#pendingBytes += frame.byteLength;
    this.#pending.push(frame);
    if (!uncounted && ((frame[0] === MessageType.Sync && frame[1] !== SyncType.Step1) || this.#pending.length > EARLY_PATIENCE_FRAMES)) {
      this.#writing = true;
      this.answeredEarly();
    }
    return this.#pending.length <= MAX_PENDING_FRAMES && this.#pendingBytes <= MAX_PENDING_BYTES;
  }

  /** Stops queuing and hands back what was queued. */
  drain(): Uint8Array[] {
    const frames = this.#pending ?? [];
    this.#pending = null;
    this.#pendingBytes = 0;
    return frames;
  }
}
