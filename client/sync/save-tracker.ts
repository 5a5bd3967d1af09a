// Knows whether this device's changes are on the server. y-websocket has no acknowledgement,
// so after local changes we send a sync step 1 on the same socket: the server handles a
// connection's messages in order, so its step 2 answer proves every earlier update arrived.
// Arrived is not taken: a write the server refuses whole (the session at its size limit,
// storage down, a private idea after the reveal) is answered by a refusal, sent before the
// probe's answer. A probe whose answer comes after a refusal confirms nothing, and the device
// holds edits the server does not have until it sends them again: in its answer to the
// server's next sync step 1 (at a reconnection, or when storage takes writes again), which a
// probe sent after it, answered with no refusal in between, confirms.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { messageSync, type WebsocketProvider } from 'y-websocket';

/** `refused`: connected, but the server refused edits this device holds (they stay on it). */
export type SaveState = 'saved' | 'refused' | 'local' | 'offline' | 'syncing' | 'reconnecting';

/** One sync step 1 sent, waiting for its answer. */
interface Probe {
  /** The local edits it can confirm (-1: the provider's own step 1 on connect, none). */
  readonly seq: number;
  /** `#refusals` when it was sent: a refusal since then means an earlier write was not taken. */
  readonly refusals: number;
  /** Sent after this device answered the server's step 1 since the last refusal. */
  readonly afterResend: boolean;
  /**
   * The document's state vector when it was sent: all of it is on the server once
   * confirmed. Null when that would not follow: the provider's own step 1, or a probe sent
   * while a refused write was not sent again (a refusal heard before the probe left).
   */
  readonly stateVector: Uint8Array | null;
}

/** Where the device keeps what it knows the server holds (y-indexeddb's own key-value store). */
const ON_SERVER_KEY = 'entraide:onServer';

export class SaveTracker {
  readonly #provider: WebsocketProvider;
  readonly #doc: Y.Doc;
  readonly #persistence: IndexeddbPersistence | null;
  readonly #listeners = new Set<() => void>();
  #localSeq = 0;
  #confirmedSeq = 0;
  #probes: Probe[] = [];
  /** Write refusals heard so far (writeRefused). */
  #refusals = 0;
  /** The server refused a write of this device, and has not been sent it again since. */
  #unsaved = false;
  /** Since the last refusal, this device answered a step 1 of the server (sending what it lacks). */
  #resent = false;
  #probeTimer: ReturnType<typeof setTimeout> | null = null;
  #storeTimer: ReturnType<typeof setTimeout> | null = null;
  #everSynced = false;
  /** Local edits handed to IndexedDB, and how many of them it has committed. */
  #writtenSeq = 0;
  #storedSeq = 0;
  #state: SaveState = 'syncing';
  /** What the server is known to hold, per Yjs client: confirmed probes, the server's own step 1. */
  readonly #onServer = new Map<number, number>();
  /** Bumped whenever `#onServer` grows: what a list of this device's writes re-reads. */
  #known = 0;

  constructor(provider: WebsocketProvider, doc: Y.Doc, persistence: IndexeddbPersistence | null) {
    this.#provider = provider;
    this.#doc = doc;
    this.#persistence = persistence;
    const original = provider.messageHandlers[messageSync];
    if (original) {
      provider.messageHandlers[messageSync] = (encoder, decoder, prov, emitSynced, type) => {
        const kind = decoding.peekVarUint(decoder);
        // The server's step 1 is its state vector: all of that it holds.
        if (kind === syncProtocol.messageYjsSyncStep1) this.#learn(readStepOneVector(decoder), true);
        // An update relayed by the server is on it: another member's note received live
        // did not read "not sent yet" on this phone once it went offline.
        if (kind === syncProtocol.messageYjsUpdate) this.#learn(readUpdateEnds(decoder), true);
        original(encoder, decoder, prov, emitSynced, type);
        if (emitSynced && kind === syncProtocol.messageYjsSyncStep2) this.#onStep2();
        // The answer (what the server lacks) is sent once this returns: a probe comes after it.
        if (emitSynced && kind === syncProtocol.messageYjsSyncStep1) this.#onServerAsked();
      };
    }
    provider.on('status', this.#onStatus);
    provider.on('sync', this.#onSync);
    doc.on('update', this.#onUpdate);
    window.addEventListener('online', this.#refresh);
    window.addEventListener('offline', this.#refresh);
    window.addEventListener('offline', this.#store);
    window.addEventListener('pagehide', this.#store);
    this.#refresh();
    // Kept across reloads: an offline reload knows which notes were on the server before.
    void persistence?.get(ON_SERVER_KEY).then(
      (kept: unknown) => {
        if (kept instanceof ArrayBuffer) this.#learn(Y.decodeStateVector(new Uint8Array(kept)), false);
      },
      () => undefined,
    );
  }

  /**
   * Whether the item `id` (made by whichever device) is on the server, as far as this
   * device knows: everything is, once the badge says saved.
   */
  isOnServer(id: Y.ID): boolean {
    return this.#state === 'saved' || id.clock < (this.#onServer.get(id.client) ?? 0);
  }

  /** Changes when more is known to be on the server (for `isOnServer` readers). */
  get known(): number {
    return this.#known;
  }

  get state(): SaveState {
    return this.#state;
  }

  /** Local changes not yet confirmed by the server. */
  get pending(): boolean {
    return this.#localSeq > this.#confirmedSeq;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The server refused a write of this device whole (it said so: sync-refusals.ts). Nothing
   * sent before is confirmed by the probes in flight, and the badge says so until the device
   * has sent its edits again and they were taken. A device with nothing unconfirmed has no
   * write to be refused: storage going down is said to every writer of the session.
   */
  writeRefused(): void {
    if (!this.pending) return;
    this.#refusals++;
    this.#unsaved = true;
    this.#resent = false;
    this.#refresh();
  }

  destroy(): void {
    this.#provider.off('status', this.#onStatus);
    this.#provider.off('sync', this.#onSync);
    this.#doc.off('update', this.#onUpdate);
    window.removeEventListener('online', this.#refresh);
    window.removeEventListener('offline', this.#refresh);
    window.removeEventListener('offline', this.#store);
    window.removeEventListener('pagehide', this.#store);
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    // What was learnt in the last second is kept too.
    this.#store();
    this.#listeners.clear();
  }

  readonly #onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.#probes = [{ seq: -1, refusals: this.#refusals, afterResend: false, stateVector: null }];
    else this.#probes = [];
    this.#refresh();
  };

  readonly #onSync = (synced: boolean): void => {
    if (synced) {
      this.#everSynced = true;
      if (this.pending) this.#scheduleProbe();
    }
    this.#refresh();
  };

  readonly #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.#provider) return;
    this.#localSeq++;
    if (this.#persistence && origin !== this.#persistence) this.#checkStored(++this.#writtenSeq);
    if (this.#provider.synced) this.#scheduleProbe();
    this.#refresh();
  };

  #scheduleProbe(): void {
    // One probe per burst of edits (typing sends an update per key).
    this.#probeTimer ??= setTimeout(() => {
      this.#probeTimer = null;
      const ws = this.#provider.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN || !this.#provider.wsconnected) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, this.#doc);
      const holdsRefused = this.#unsaved && !this.#resent;
      this.#probes.push({ seq: this.#localSeq, refusals: this.#refusals, afterResend: this.#resent, stateVector: holdsRefused ? null : Y.encodeStateVector(this.#doc) });
      ws.send(encoding.toUint8Array(encoder));
    }, 120);
  }

  /**
   * y-indexeddb writes each update in its own readwrite transaction, registered before us;
   * a readonly transaction on the same store opened now completes only after it.
   */
  #checkStored(seq: number): void {
    const persistence = this.#persistence;
    if (!persistence) return;
    const db = persistence.db;
    const done = () => {
      if (seq <= this.#storedSeq) return;
      this.#storedSeq = seq;
      this.#refresh();
    };
    // Not open yet: on opening it stores the whole document, this edit included.
    if (!db) {
      void persistence.whenSynced.then(done);
      return;
    }
    try {
      const tx = db.transaction(['updates'], 'readonly');
      tx.oncomplete = done;
    } catch {
      // The database is closing (page leaving): nothing more to report.
    }
  }

  #onStep2(): void {
    const probe = this.#probes.shift();
    if (probe && probe.refusals === this.#refusals) {
      if (probe.seq > this.#confirmedSeq) this.#confirmedSeq = probe.seq;
      if (probe.afterResend) this.#unsaved = false;
      if (probe.stateVector) this.#learn(Y.decodeStateVector(probe.stateVector), true);
    }
    // Until a probe confirms; a refused write waits for the server's next step 1 instead.
    if ((this.pending || (this.#unsaved && this.#resent)) && this.#probes.length === 0) this.#scheduleProbe();
    this.#refresh();
  }

  #onServerAsked(): void {
    if (!this.#unsaved) return;
    this.#resent = true;
    this.#scheduleProbe();
  }

  /** The server holds at least `vector`: kept (and stored on the device when `store`). */
  #learn(vector: Map<number, number>, store: boolean): void {
    let grew = false;
    for (const [client, clock] of vector) {
      if (clock <= (this.#onServer.get(client) ?? 0)) continue;
      this.#onServer.set(client, clock);
      grew = true;
    }
    if (!grew) return;
    this.#known++;
    if (store) this.#storeSoon();
    for (const listener of this.#listeners) listener();
  }

  /**
   * What the server holds, kept on the device at most once a second (a busy board relays
   * many updates a second), and at once when the network goes: an offline reload reads it.
   */
  #storeSoon(): void {
    this.#storeTimer ??= setTimeout(this.#store, 1000);
  }

  readonly #store = (): void => {
    if (this.#storeTimer === null) return;
    clearTimeout(this.#storeTimer);
    this.#storeTimer = null;
    const bytes = Y.encodeStateVector(this.#onServer);
    this.#persistence?.set(ON_SERVER_KEY, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).catch(() => undefined);
  };

  readonly #refresh = (): void => {
    const next = this.#compute();
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  };

  #compute(): SaveState {
    const p = this.#provider;
    if (p.wsconnected) return this.#unsaved ? 'refused' : p.synced && !this.pending ? 'saved' : 'syncing';
    // Without local storage (the shared screen) nothing is kept here: just say offline.
    if (!navigator.onLine) return !this.#persistence ? 'offline' : this.#storedSeq < this.#writtenSeq ? 'syncing' : 'local';
    return this.#everSynced ? 'reconnecting' : 'syncing';
  }
}

/** What a badge reads: a SaveTracker, or several shown as one. */
export interface SaveStatus {
  readonly state: SaveState;
  subscribe(listener: () => void): () => void;
}

/** Worst first: the badge says what is least done of all. */
const SEVERITY: readonly SaveState[] = ['reconnecting', 'offline', 'refused', 'syncing', 'local', 'saved'];

/** The save states of this person's documents (session, private, notebook) and of his refused texts kept here, as one badge says them. */
export class CombinedSave implements SaveStatus {
  readonly #parts: readonly SaveStatus[];

  constructor(parts: readonly SaveStatus[]) {
    this.#parts = parts;
  }

  get state(): SaveState {
    return SEVERITY[Math.min(...this.#parts.map((p) => SEVERITY.indexOf(p.state)))] ?? 'saved';
  }

  subscribe(listener: () => void): () => void {
    const stops = this.#parts.map((p) => p.subscribe(listener));
    return () => stops.forEach((stop) => stop());
  }
}

/** The state vector of a sync step 1 message, read without moving `decoder`. */
function readStepOneVector(decoder: decoding.Decoder): Map<number, number> {
  const copy = decoding.clone(decoder);
  decoding.readVarUint(copy);
  return Y.decodeStateVector(decoding.readVarUint8Array(copy));
}

/** Where an update message's parts end, per Yjs client: the server holds each up to there. Read without moving `decoder`. */
function readUpdateEnds(decoder: decoding.Decoder): Map<number, number> {
  const copy = decoding.clone(decoder);
  decoding.readVarUint(copy);
  return Y.parseUpdateMeta(decoding.readVarUint8Array(copy)).to;
}

/** The id of the item that holds `key` of `map` now (its last write), or null. */
export function entryItemId(map: Y.Map<unknown>, key: string): Y.ID | null {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  return item && !item.deleted ? item.id : null;
}
