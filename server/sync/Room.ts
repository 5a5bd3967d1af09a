import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocHolder, DocStore } from '../storage/types.ts';
import { WriteRefusal } from '../../shared/protocol.ts';
import { Connection } from './Connection.ts';
import {
  awarenessFrame,
  isEmptyStateVector,
  mergeStateVectors,
  MalformedMessageError,
  permissionDeniedFrame,
  queryAwarenessFrame,
  readMessage,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from './messages.ts';
import { RoomAwareness, type AwarenessChange, type RoomAwarenessOptions } from './RoomAwareness.ts';
import type { BusMembership } from './RoomBus.ts';
import { DocumentCap } from './DocumentCap.ts';
import { StoreOutage } from './StoreOutage.ts';
import { deepestNesting, MAX_NESTING, type DecodedStruct } from './nesting.ts';
import { transactionHoldsExactly, type DecodedUpdate } from './exact-transaction.ts';
import { UpdateGate, type GateRules, type GateVerdict } from './UpdateGate.ts';
import { wireMessage, type WireMessage } from './wire.ts';
import { onDocumentChange } from '../../shared/session/observe.ts';
import { RULE_WORDS } from '../../shared/session/refusals.ts';
import type { DenyReason } from '../../shared/session/phases.ts';

/** What one document may hold, and how a store that refuses writes is tried again. */
export interface RoomLimits {
  /** Stored bytes (snapshot plus log) past which writes are refused. */
  documentMaxBytes: number;
  /** Longest wait between two tries to store what the store refused. */
  storageRetryMaxMs: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = { documentMaxBytes: 16 * 1024 * 1024, storageRetryMaxMs: 10_000 };

/** Origin of changes that came from another instance through the bus. */
const FROM_BUS = Symbol('bus');
/** How often a room may ask one connection again for what it holds beyond the room (askForMissing). */
const ASK_FOR_MISSING_MS = 2000;

/**
 * One session document in memory and the connections on it. Every update a client sends
 * is checked, applied, written to the store, and only then relayed to the other
 * connections (never echoed to its sender) and to other instances.
 */
export class Room {
  readonly id: string;
  readonly doc: Y.Doc;
  /**
   * This room's document as storage knows it (DocHolder): loaded with it, every append made
   * with it, each applied here first, so a compaction may store its encoding.
   */
  readonly holder: DocHolder = {
    encode: () => ({ update: Y.encodeStateAsUpdate(this.doc), stateVector: Y.encodeStateVector(this.doc) }),
  };
  /** Who is here: owned per connection, echoes absorbed (RoomAwareness). */
  readonly awareness: RoomAwareness;
  readonly connections = new Set<Connection>();
  readonly #store: DocStore;
  readonly #log: Logger;
  #bus: BusMembership | null = null;
  /** The whole document as one update when it is known without encoding it (a compacted document just loaded). */
  #fullState: Uint8Array | null = null;
  /** The sync step 2 frame for a client that has nothing yet, kept until the document changes. */
  #fullStateFrame: Uint8Array | null = null;
  readonly #stopWatchingChanges: () => void;
  #compactScheduled = false;
  #destroyed = false;
  /**
   * Appends in flight, in the order their updates were applied. Nothing that depends on
   * the stored state (a sync answer, a compaction, an unload) runs before they are done:
   * with an asynchronous store, a client must never be sent state that is not durable.
   */
  #writes: Promise<void> = Promise.resolve();
  /** Updates the store refused, written again with a growing delay; no writes meanwhile. */
  readonly #outage: StoreOutage;
  readonly #cap: DocumentCap;
  #capCompactedAt = 0;
  #lastResyncAt = 0;
  #resyncTimer: NodeJS.Timeout | null = null;
  readonly #awarenessSweep: NodeJS.Timeout;
  /** Awareness changes of the current event-loop turn, relayed together when it ends. */
  #awarenessBatch: AwarenessBatch | null = null;
  /** The rules checked on every client change (a session's, or a private document's; null: none). */
  readonly #gate: UpdateGate | null;
  /** Everyone who has connected to this room since it loaded. */
  readonly #seen = new Set<string>();
  #clubMembers: ReadonlySet<string> = new Set();
  /** Why every write is refused for good (a document of a newer schema), or null. */
  #writesRefused: DenyReason | null = null;

  constructor(
    id: string,
    store: DocStore,
    log: Logger,
    awareness: Partial<RoomAwarenessOptions> = {},
    limits: RoomLimits = DEFAULT_ROOM_LIMITS,
    opts: { rules: GateRules | null } = { rules: 'session' },
  ) {
    this.id = id;
    this.#cap = new DocumentCap(limits.documentMaxBytes);
    this.#outage = new StoreOutage({
      append: (update) => store.appendUpdate(id, update, this.holder),
      maxDelayMs: limits.storageRetryMaxMs,
      log,
      onStart: () => this.#tellWriters(`${WriteRefusal.StorageUnavailable}: storage refuses writes; your edits stay on your device`),
      onEnd: (stored) => this.#storageBack(stored),
    });
    this.doc = new Y.Doc({ guid: id, gc: true });
    this.awareness = new RoomAwareness({ mayTakeOver: sameParticipant, ...awareness });
    this.#store = store;
    this.#log = log;
    // Only a transaction that changed something: a joiner's empty sync step 2 changes
    // nothing, and must not throw away the cached encoding for the next one.
    this.#stopWatchingChanges = onDocumentChange(this.doc, this.#invalidateFullState);
    this.#gate = opts.rules ? new UpdateGate(this.doc, opts.rules) : null;
    // An action's owner: someone who has been in the session (a script may never write
    // himself into its participants), or a member of its club.
    this.#gate?.knowPeople((id) => this.knowsPerson(id));
    this.#awarenessSweep = setInterval(() => this.#relayAwareness(this.awareness.sweep(), null), 5000);
    this.#awarenessSweep.unref();
  }

  /**
   * Joins the room's channel, and asks the instances already in it for the awareness states
   * of their connections: without it, people standing still elsewhere stayed invisible here
   * until their providers renewed their states (up to 15 s).
   */
  attachBus(membership: BusMembership): void {
    this.#bus = membership;
    membership.publish(queryAwarenessFrame());
  }

  /** Storage refused a write and the room is read-only until it is stored. */
  get readOnly(): boolean {
    return this.#outage.active;
  }

  /** The session's club's members, who may carry its actions without coming into the room. */
  knowClubMembers(ids: ReadonlySet<string>): void {
    this.#clubMembers = ids;
  }

  /** Whether `participantId` may carry an action: he has been in the session, or is of its club. */
  knowsPerson(participantId: string): boolean {
    return this.#seen.has(participantId) || this.#clubMembers.has(participantId);
  }

  /** From now on every client write is refused, for `reason` (said to each writer once it writes). */
  refuseWrites(reason: DenyReason): void {
    this.#writesRefused = reason;
  }

  /** Greets a connection: our state vector (writers only) and who is here. */
  join(conn: Connection): void {
    this.connections.add(conn);
    this.#seen.add(conn.actor.participantId);
    // A client served the stored snapshot early was asked already, with that snapshot's
    // state vector; when the document is that snapshot alone, the question is the same.
    const asked = conn.earlySnapshot?.asked === true && conn.earlySnapshot.stateVector !== null;
    if (conn.canWrite && !asked) conn.send(syncStep1Frame(this.#storedStateVector()));
    const states = this.awareness.snapshot();
    if (states) conn.send(awarenessFrame(states));
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    // Tell everyone, here and on other instances, that this connection's users left.
    this.#relayAwareness(this.awareness.leave(conn), null);
  }

  /**
   * Handles one frame from a client. Throws MalformedMessageError for its sender alone.
   * Resolves with 'echo' for an awareness message that changed nothing.
   */
  async receive(conn: Connection, frame: Uint8Array): Promise<'echo' | void> {
    const message = readMessage(frame);
    switch (message.kind) {
      case 'sync-step1': {
        // After an early snapshot, the client has it too, whatever its step 1 said.
        const known = conn.earlySnapshot?.stateVector;
        const stateVector = known ? mergeStateVectors(message.stateVector, known) : message.stateVector;
        conn.send(await this.stored(() => this.#answerFor(stateVector)));
        return;
      }
      case 'sync-update':
      case 'sync-step2': {
        if (!this.#mayWrite(conn, message.update)) return;
        const decoded = this.#checkUpdate(message.update);
        if (this.#gateRefuses(conn, message.update)) return;
        if (this.#refusesWrite(conn, message.update, decoded.structs)) return;
        await this.#applyNew(message.update, decoded, conn, message.kind === 'sync-update' ? frame : null);
        return;
      }
      case 'awareness': {
        const change = this.awareness.receive(conn, message.update);
        // What changed nothing (echoes of states held here) goes no further.
        if (!change) return 'echo';
        this.#relayAwareness(change, conn, message.update === change.update ? frame : null);
        return;
      }
      case 'query-awareness':
        conn.send(awarenessFrame(this.awareness.snapshot() ?? EMPTY_AWARENESS_UPDATE));
        return;
      case 'auth':
        return;
      default: {
        const unreachable: never = message;
        throw new MalformedMessageError(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** A frame published by the same room on another instance (already stored there). */
  receiveFromBus(frame: Uint8Array): void {
    if (this.#destroyed) return;
    try {
      const message = readMessage(frame);
      if (message.kind === 'sync-update') {
        const pendingBefore = this.doc.store.pendingStructs;
        Y.applyUpdate(this.doc, message.update, FROM_BUS);
        // It depends on something we never received (a frame lost in transit): storage has it.
        if (this.doc.store.pendingStructs && this.doc.store.pendingStructs !== pendingBefore) this.#resyncSoon();
        this.#relay(frame, null);
      } else if (message.kind === 'awareness') {
        const change = this.awareness.receiveFromBus(FROM_BUS, message.update);
        if (change) this.#relay(change.update === message.update ? frame : awarenessFrame(change.update), null);
      } else if (message.kind === 'query-awareness') {
        // Only this instance's own connections' states: the asker gets the others' from them.
        const own = this.awareness.snapshotExcept(FROM_BUS);
        if (own) this.#bus?.publish(awarenessFrame(own));
      }
    } catch (err) {
      this.#log.error({ err, room: this.id }, 'dropped an invalid frame from the bus');
    }
  }

  /**
   * Applies the updates of a document loaded from storage. True when the document held
   * nothing before (no frame from another instance came first): it is then these updates alone.
   */
  loadFrom(updates: Uint8Array[]): boolean {
    let bytes = 0;
    const wasEmpty = this.doc.store.clients.size === 0;
    this.doc.transact(() => {
      for (const update of updates) {
        Y.applyUpdate(this.doc, update);
        bytes += update.byteLength;
      }
    }, FROM_BUS);
    this.#cap.storedBytes = bytes;
    // A compacted document is stored as one update, written by Y.encodeStateAsUpdate: it is
    // already what a joiner with nothing needs (the first sync answer costs no encoding).
    const [only] = updates;
    if (wasEmpty && updates.length === 1 && only) this.#fullState = only;
    return wasEmpty;
  }

  /**
   * Catches up with the shared store after frames from other instances may have been
   * missed, and sends what was new to this room's clients.
   */
  async resyncFromStore(): Promise<void> {
    const updates = await this.#store.loadUpdates(this.id);
    if (this.#destroyed) return;
    const before = Y.encodeStateVector(this.doc);
    this.loadFrom(updates);
    const diff = Y.encodeStateAsUpdate(this.doc, before);
    if (!isEmptyUpdate(diff)) this.#relay(updateFrame(diff), null);
  }

  /**
   * At most one catch-up per second, however many frames arrive with gaps; a gap seen
   * within that second is caught up when it ends, not dropped.
   */
  #resyncSoon(): void {
    if (this.#resyncTimer || this.#destroyed) return;
    const wait = this.#lastResyncAt + RESYNC_INTERVAL_MS - Date.now();
    const run = () => {
      this.#resyncTimer = null;
      this.#lastResyncAt = Date.now();
      this.resyncFromStore().catch((err: unknown) => this.#log.error({ err, room: this.id }, 'resync from storage failed'));
    };
    if (wait <= 0) run();
    else {
      this.#resyncTimer = setTimeout(run, wait);
      this.#resyncTimer.unref();
    }
  }

  /** Runs a change made by the server itself (a migration), stored like any client's. */
  async changeAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    let produced: Uint8Array | null = null;
    const capture = (update: Uint8Array) => {
      produced = produced ? Y.mergeUpdates([produced, update]) : update;
    };
    this.doc.on('update', capture);
    try {
      change(this.doc);
    } finally {
      this.doc.off('update', capture);
    }
    if (produced) await this.#persistAndRelay(produced, updateFrame(produced), null);
  }

  /**
   * Resolves when every update applied so far is stored. The document may hold updates
   * whose appends are still queued; whatever reads it for someone else waits for this.
   * It waits only for the writes queued before it was called: under steady writes (a busy
   * board, PostgreSQL) waiting for a moment with nothing queued could wait for ever.
   */
  async settled(): Promise<void> {
    await this.#writes;
  }

  /**
   * Reads the document now and hands the result over once everything it saw is stored:
   * a joiner's sync answer, a save probe's or a summary never waits for writes that came
   * after it asked, and never holds state that is not durable yet.
   */
  async stored<T>(read: (doc: Y.Doc) => T): Promise<T> {
    const result = read(this.doc);
    await this.#writes;
    return result;
  }

  async compactNow(): Promise<void> {
    await this.settled();
    if (this.#outage.active) return;
    await this.#store.compact(this.id, this.holder);
    this.#cap.storedBytes = await this.#store.storedBytes(this.id);
    // Deleted content gone, the cap may have room for writes it refused: ask their devices.
    for (const conn of this.connections) if (conn.refusedAtCapBytes > 0) this.#askForMissing(conn);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#store.release?.(this.id, this.holder);
    this.#outage.stop();
    this.#gate?.destroy();
    this.#bus?.leave();
    this.#bus = null;
    clearInterval(this.#awarenessSweep);
    if (this.#resyncTimer) clearTimeout(this.#resyncTimer);
    this.#stopWatchingChanges();
    this.doc.destroy();
    this.#invalidateFullState();
  }

  /** The sync step 2 frame for a client whose state vector is `stateVector`. */
  #answerFor(stateVector: Uint8Array): Uint8Array {
    // Join storms are mostly new clients with an empty state vector: encode once for all.
    if (isEmptyStateVector(stateVector)) {
      this.#fullStateFrame ??= syncStep2Frame(this.#fullState ?? Y.encodeStateAsUpdate(this.doc));
      return this.#fullStateFrame;
    }
    try {
      return syncStep2Frame(Y.encodeStateAsUpdate(this.doc, stateVector));
    } catch (err) {
      throw new MalformedMessageError(`invalid state vector: ${(err as Error).message}`);
    }
  }

  #mayWrite(conn: Connection, update: Uint8Array): boolean {
    if (conn.canWrite) return true;
    // A read-only client's provider answers our sync with an empty update; anything more
    // is a write we refuse, and say so to that client alone.
    if (!isEmptyUpdate(update)) {
      conn.send(permissionDeniedFrame(`${WriteRefusal.ReadOnly}: this link (shared screen) cannot change the session`));
      this.#log.debug({ room: this.id, conn: conn.id }, 'refused a write from a read-only connection');
    }
    return false;
  }

  /**
   * Parses the whole update before it touches the document, so a bad one changes nothing,
   * and hands it back decoded.
   */
  #checkUpdate(update: Uint8Array): DecodedUpdate {
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (err) {
      throw new MalformedMessageError(`invalid Yjs update: ${(err as Error).message}`);
    }
    // Refused whole and finally: undoing it, or deleting it later, would overflow the stack.
    const depth = deepestNesting(decoded.structs, this.doc);
    if (depth > MAX_NESTING) throw new MalformedMessageError(`content nested ${depth} levels deep (at most ${MAX_NESTING})`);
    return decoded;
  }

  /** The connection's own gate (a private document's) refuses the whole update. */
  #gateRefuses(conn: Connection, update: Uint8Array): boolean {
    const reason = conn.writeGate?.(this.doc, update) ?? null;
    if (reason === null) return false;
    conn.send(permissionDeniedFrame(reason));
    this.#log.debug({ room: this.id, conn: conn.id, reason }, 'refused a write by its connection\'s gate');
    return true;
  }

  /**
   * A write refused before it touches the document, said to its sender alone (who keeps
   * it): the store refuses writes, or the document is at its cap.
   */
  #refusesWrite(conn: Connection, update: Uint8Array, structs: readonly DecodedStruct[]): boolean {
    if (this.#writesRefused && !isEmptyUpdate(update)) {
      conn.send(permissionDeniedFrame(ruleRefusal(this.#writesRefused)));
      return true;
    }
    if (this.#outage.active) {
      conn.send(permissionDeniedFrame(`${WriteRefusal.StorageUnavailable}: storage refuses writes; your edits stay on your device`));
      return true;
    }
    if (!this.#cap.refuses(this.doc, update, structs)) return false;
    conn.refusedAtCapBytes = update.byteLength;
    conn.send(permissionDeniedFrame(`${WriteRefusal.DocumentFull}: the session is at its size limit (${this.#cap.maxBytes} bytes); your edits stay on your device`));
    this.#log.warn({ room: this.id, conn: conn.id, storedBytes: this.#cap.storedBytes }, 'refused a write past the document cap');
    // What is stored may shrink once compacted (deleted content is dropped): at most once a minute.
    if (Date.now() - this.#capCompactedAt > 60_000) {
      this.#capCompactedAt = Date.now();
      this.compactNow().catch((err: unknown) => this.#log.error({ err, room: this.id }, 'compaction failed'));
    }
    return true;
  }

  /**
   * Applies a client's update and stores and relays only what was new to us: a sync step 2
   * holds what a client made while away plus its whole delete set, which we mostly have,
   * and a replayed update holds nothing new (it costs no storage and no relay). `asReceived`
   * is the frame as it came, relayed as is when all of it was new.
   */
  async #applyNew(update: Uint8Array, decoded: DecodedUpdate, conn: Connection, asReceived: Uint8Array | null): Promise<void> {
    const store = this.doc.store;
    const pendingBefore = [store.pendingStructs, store.pendingDs];
    // What was new: the update itself when its transaction took all of it and nothing else
    // (a move, typed text: nearly every update), else the transaction as Yjs encodes it,
    // which it does only for an `update` listener, added here just before it looks for one.
    let fresh: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === conn) fresh = u;
    };
    const whatWasNew = (tr: Y.Transaction) => {
      if (tr.origin !== conn) return;
      if (pendingBefore[0] === null && pendingBefore[1] === null && transactionHoldsExactly(tr, decoded)) fresh = update;
      else this.doc.on('update', capture);
    };
    this.doc.on('afterTransactionCleanup', whatWasNew);
    let undo: Uint8Array | null = null;
    try {
      const apply = () => Y.applyUpdate(this.doc, update, conn);
      if (this.#gate) undo = this.#refuseBreaches(conn, this.#gate.apply(conn, conn.actor, apply));
      else apply();
    } finally {
      this.doc.off('afterTransactionCleanup', whatWasNew);
      this.doc.off('update', capture);
    }
    let waits = store.pendingStructs !== pendingBefore[0] || store.pendingDs !== pendingBefore[1];
    if (waits && this.#gate && (store.pendingStructs !== null || store.pendingDs !== null)) {
      // Parts of a client's update that wait for changes not seen yet would integrate later,
      // inside another sender's change, and be judged as his (a member's edit hung on the
      // host's next one would pass as the host's): they are not kept. A client's changes
      // depend only on what it got from here, so an honest one has none, except after a
      // write refused before it applied (size cap, storage down), which it sends again when
      // asked for its state: now (askForMissing), or when storage takes writes again.
      store.pendingStructs = pendingBefore[0] as typeof store.pendingStructs;
      store.pendingDs = pendingBefore[1] as typeof store.pendingDs;
      waits = false;
      this.#log.info({ room: this.id, conn: conn.id, participant: conn.actor.participantId }, 'dropped the parts of an update that depend on changes not seen yet');
      this.#askForMissing(conn);
    }
    // Parts that wait for updates we have not seen yet (from another instance): keep the
    // whole update so none is lost.
    const kept: Uint8Array | null = waits ? update : fresh;
    if (!kept) return;
    if (undo) {
      // The refused part never reaches anyone else: they get the update with its undo, as one.
      const both = Y.mergeUpdates([kept, undo]);
      await this.#persistAndRelay(both, updateFrame(both), conn, updateFrame(undo));
    } else {
      await this.#persistAndRelay(kept, !waits && asReceived && kept.byteLength === update.byteLength ? asReceived : updateFrame(kept), conn);
    }
  }

  /**
   * Asks a client whose update depended on changes the room never took (its own write
   * refused at the size cap, which it keeps) for everything it holds beyond the room: its
   * answer brings that write again with what followed, judged like any other write (taken
   * once the cap has room, after a compaction; refused again, and said so, if not). Before,
   * nothing asked it, and everything it wrote after the refusal was dropped until it
   * reconnected. Asked also after a compaction (compactNow), which may have made room. Not
   * while the cap has no room for the write it refused (the answer would be refused again),
   * and at most every ASK_FOR_MISSING_MS per connection: a need within that time asks at
   * its end (two ideas thrown away in a row, each a removal of what the room never took,
   * left the second waiting for a reconnection).
   */
  #askForMissing(conn: Connection): void {
    const now = Date.now();
    if (this.#cap.storedBytes + conn.refusedAtCapBytes > this.#cap.maxBytes) return;
    const wait = conn.askedForMissingAt + ASK_FOR_MISSING_MS - now;
    if (wait > 0) {
      conn.askForMissingLater ??= setTimeout(() => {
        conn.askForMissingLater = null;
        if (this.connections.has(conn)) this.#askForMissing(conn);
      }, wait).unref();
      return;
    }
    conn.askedForMissingAt = now;
    // Refused again, it is marked again (refusesWrite).
    conn.refusedAtCapBytes = 0;
    conn.send(syncStep1Frame(this.#storedStateVector()));
  }

  /**
   * What the room holds and has stored, as a state vector: the server's step 1 to a writer.
   * A device learns from it which of its edits are on the server ("Pas encore envoyée"
   * goes), so during a storage outage it stops before what is held in memory only: the
   * device then sends those edits again, and is told the store refuses them (it keeps them).
   */
  #storedStateVector(): Uint8Array {
    if (!this.#outage.active) return Y.encodeStateVector(this.doc);
    const vector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of this.#outage.heldFrom()) {
      if (clock < (vector.get(client) ?? 0)) vector.set(client, clock);
    }
    return Y.encodeStateVector(vector);
  }

  /** Tells the sender what the rules refused (once per reason) and hands back the undo. */
  #refuseBreaches(conn: Connection, verdict: GateVerdict): Uint8Array | null {
    if (verdict.refused.length === 0) return null;
    const reasons = new Set(verdict.refused.map((r) => r.reason));
    for (const reason of reasons) conn.send(permissionDeniedFrame(ruleRefusal(reason)));
    this.#log.info({ room: this.id, conn: conn.id, participant: conn.actor.participantId, refused: verdict.refused.map((r) => `${r.where}: ${r.reason}`).slice(0, 20) }, 'refused changes');
    return verdict.undo;
  }

  /** `frame` is the update message for `update`, as relayed. */
  #persistAndRelay(update: Uint8Array, frame: Uint8Array, from: Connection | null, back: Uint8Array | null = null): Promise<void> {
    from?.unstored(update.byteLength);
    // While the store refuses writes, what was applied meanwhile is held without a try.
    const append = (): Promise<boolean> | false => (this.#outage.active ? false : this.#store.appendUpdate(this.id, update, this.holder).then(() => true));
    // A store that keeps appends in the order they are asked for (SQLite, one connection,
    // one commit per event-loop turn; PostgreSQL, one statement in flight at a time) takes
    // this one now, in the same commit as the room's others of this turn; any other gets it
    // once the previous one is stored. Either way nothing is relayed before it is stored,
    // and in order.
    const issued = this.#store.appendsInOrder ? append() : null;
    if (issued) issued.catch(() => undefined); // handled below, in order; not an unhandled rejection meanwhile
    const written = this.#writes.then(() => issued ?? append());
    // Counted against the size cap from now on: the next frame, read before this one is
    // stored, is judged with it.
    this.#cap.stored(update.byteLength);
    this.#writes = written.then(
      (stored) => {
        from?.unstored(-update.byteLength);
        if (!stored) {
          this.#cap.stored(-update.byteLength); // counted again once the outage stores it
          return this.#outage.hold(update, null);
        }
        this.#relay(frame, from);
        if (back) from?.send(back);
        this.#bus?.publish(frame);
        this.#maybeCompact();
      },
      (err: unknown) => {
        from?.unstored(-update.byteLength);
        this.#cap.stored(-update.byteLength);
        this.#outage.hold(update, err);
      },
    );
    return this.#writes;
  }

  #maybeCompact(): void {
    if (this.#compactScheduled || !this.#store.shouldCompact(this.id)) return;
    this.#compactScheduled = true;
    // One compaction at a time per room, after the current burst of messages.
    setImmediate(() => {
      if (this.#destroyed) return;
      this.compactNow()
        .catch((err: unknown) => this.#log.error({ err, room: this.id }, 'compaction failed'))
        .finally(() => {
          this.#compactScheduled = false;
        });
    });
  }

  #tellWriters(reason: string): void {
    const frame = permissionDeniedFrame(reason);
    for (const conn of this.connections) if (conn.canWrite) conn.send(frame);
  }

  /**
   * The store took what it had refused: everyone gets it, and each writer is asked for its
   * state again (a sync step 1), so the edits refused meanwhile, still on its device, come in.
   */
  #storageBack(stored: Uint8Array): void {
    if (this.#destroyed) return;
    this.#cap.stored(stored.byteLength);
    const frame = updateFrame(stored);
    this.#relay(frame, null);
    this.#bus?.publish(frame);
    this.#tellWriters(`${WriteRefusal.StorageRestored}: storage takes writes again`);
    const ask = syncStep1Frame(Y.encodeStateVector(this.doc));
    for (const conn of this.connections) if (conn.canWrite) conn.send(ask);
  }

  #relay(frame: Uint8Array, except: Connection | null): void {
    let wire: WireMessage | null = null;
    for (const conn of this.connections) {
      if (conn === except) continue;
      wire ??= wireMessage(frame);
      conn.sendWire(wire);
    }
  }

  /**
   * Sends an awareness change to the room's other connections and to other instances, at
   * the end of this event-loop turn (setImmediate: no timer, no added wait), together with
   * the other changes of the same turn, each client's latest state once. Five cursors
   * moving in a room of thirty make many changes per turn once the server is busy: one
   * frame per connection for all of them, not one per change (Hocuspocus does the same
   * with its default flushDelay 0).
   */
  #relayAwareness(change: AwarenessChange | null, except: Connection | null, asReceived: Uint8Array | null = null): void {
    if (!change) return;
    const batch = this.#awarenessBatch;
    if (!batch) {
      this.#awarenessBatch = { ids: new Set(change.ids), except, single: asReceived ?? awarenessFrame(change.update), merged: false };
      setImmediate(this.#flushAwareness);
      return;
    }
    for (const id of change.ids) batch.ids.add(id);
    batch.merged = true;
    // Changes from several connections: everyone gets the batch (their own state back is a no-op).
    if (batch.except !== except) batch.except = null;
  }

  #flushAwareness = (): void => {
    const batch = this.#awarenessBatch;
    this.#awarenessBatch = null;
    if (!batch || this.#destroyed) return;
    const frame = batch.merged ? awarenessFrame(this.awareness.encode(batch.ids)) : batch.single;
    this.#relay(frame, batch.except);
    this.#bus?.publish(frame);
  };

  #invalidateFullState = (): void => {
    this.#fullState = null;
    this.#fullStateFrame = null;
  };
}

interface AwarenessBatch {
  ids: Set<number>;
  /** The connection all the changes came from, which needs none of them back. */
  except: Connection | null;
  /** The frame of the first change, sent as is when no other change joined it. */
  single: Uint8Array;
  merged: boolean;
}

const RESYNC_INTERVAL_MS = 1000;

/**
 * A tab that reconnected before the server noticed its old socket was gone announces its
 * own id again: the same trusted participant may take it over. Anybody else may not.
 */
function sameParticipant(claimant: unknown, owner: unknown): boolean {
  return claimant instanceof Connection && owner instanceof Connection && claimant.actor.participantId === owner.actor.participantId;
}
/** The reason of a permission-denied message for a rule refusal (shared/protocol.ts WriteRefusal.Rule). */
function ruleRefusal(reason: DenyReason): string {
  return `${WriteRefusal.Rule}: ${reason}: ${RULE_WORDS[reason]}`;
}

/** An awareness update about no client. */
const EMPTY_AWARENESS_UPDATE = Uint8Array.of(0);

/** An update with no structs and no deletions encodes as two zero varuints. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

