// Knows whether this device's changes are on the server. y-websocket has no acknowledgement,
// so after local changes we send a sync step 1 on the same socket: the server handles a
// connection's messages in order, so its step 2 answer proves every earlier update arrived.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { messageSync, type WebsocketProvider } from 'y-websocket';

export type SaveState = 'saved' | 'local' | 'offline' | 'syncing' | 'reconnecting';

/** Answers to the step 1 the provider itself sends on connect confirm nothing of ours. */
const PROVIDER_PROBE = -1;

export class SaveTracker {
  readonly #provider: WebsocketProvider;
  readonly #doc: Y.Doc;
  readonly #persistence: IndexeddbPersistence | null;
  readonly #listeners = new Set<() => void>();
  #localSeq = 0;
  #confirmedSeq = 0;
  #probes: number[] = [];
  #probeTimer: ReturnType<typeof setTimeout> | null = null;
  #everSynced = false;
  /** Local edits handed to IndexedDB, and how many of them it has committed. */
  #writtenSeq = 0;
  #storedSeq = 0;
  #state: SaveState = 'syncing';

  constructor(provider: WebsocketProvider, doc: Y.Doc, persistence: IndexeddbPersistence | null) {
    this.#provider = provider;
    this.#doc = doc;
    this.#persistence = persistence;
    const original = provider.messageHandlers[messageSync];
    if (original) {
      provider.messageHandlers[messageSync] = (encoder, decoder, prov, emitSynced, type) => {
        const kind = decoding.peekVarUint(decoder);
        original(encoder, decoder, prov, emitSynced, type);
        if (emitSynced && kind === syncProtocol.messageYjsSyncStep2) this.#onStep2();
      };
    }
    provider.on('status', this.#onStatus);
    provider.on('sync', this.#onSync);
    doc.on('update', this.#onUpdate);
    window.addEventListener('online', this.#refresh);
    window.addEventListener('offline', this.#refresh);
    this.#refresh();
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

  destroy(): void {
    this.#provider.off('status', this.#onStatus);
    this.#provider.off('sync', this.#onSync);
    this.#doc.off('update', this.#onUpdate);
    window.removeEventListener('online', this.#refresh);
    window.removeEventListener('offline', this.#refresh);
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#listeners.clear();
  }

  readonly #onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.#probes = [PROVIDER_PROBE];
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
      this.#probes.push(this.#localSeq);
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
    const seq = this.#probes.shift();
    if (seq !== undefined && seq > this.#confirmedSeq) this.#confirmedSeq = seq;
    if (this.pending && this.#probes.length === 0) this.#scheduleProbe();
    this.#refresh();
  }

  readonly #refresh = (): void => {
    const next = this.#compute();
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  };

  #compute(): SaveState {
    const p = this.#provider;
    if (p.wsconnected) return p.synced && !this.pending ? 'saved' : 'syncing';
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
const SEVERITY: readonly SaveState[] = ['reconnecting', 'offline', 'syncing', 'local', 'saved'];

/** The session document's and the private document's save states, as one badge says them. */
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
