/**
 * One benchmark client: a real Y.Doc and Awareness, a `ws` socket, and the sync handshake of
 * its protocol. It applies every update it receives (so it costs what a real client costs)
 * and reports each edit it sees with the timestamp its sender wrote into the edit.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { clockMs } from '../lib/stats.ts';
import { HOCUSPOCUS_PROVIDER_VERSION, HocuspocusAuth, Message, type Protocol } from './protocol.ts';

export interface ClientSpec {
  id: number;
  /** Rooms group clients for delivery accounting; one room is one document. */
  room: string;
  url: string;
  protocol: Protocol;
  docName: string;
  token: string;
}

export type EditListener = (client: BenchClient, senderId: number, seq: number, sentAt: number, now: number) => void;

const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
const RECONNECT_MS = 100;

export class BenchClient {
  readonly spec: ClientSpec;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly stickies: Y.Map<Y.Map<unknown>>;
  readonly log: Y.Map<number>;
  ws: WebSocket | null = null;
  synced = false;
  connectStartedAt = 0;
  syncedAt = 0;
  /** Highest seq seen per sender in the current edit phase (Yjs applies a sender's edits in order). */
  readonly lastSeq = new Map<number, number>();
  seq = 0;
  ownStickies: string[] = [];
  autoReconnect = false;
  held = false;
  closedByUs = false;
  errors: string[] = [];
  framesIn = 0;
  framesOut = 0;
  acks = 0;
  /** When sync step 2 arrived, before it was applied. */
  step2At = 0;
  /**
   * False for a joiner that only measures how fast the server answers: it receives sync
   * step 2 but does not apply it, so that 30 joiners in one process do not wait on each
   * other's Y.applyUpdate of the whole board.
   */
  applyStep2 = true;
  private readonly onEdit: EditListener;
  private readonly onSynced: (client: BenchClient) => void;
  private renewTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly renewEveryMs: number;
  private readonly renewPhaseMs: number;
  private readonly prefix: Uint8Array;

  constructor(
    spec: ClientSpec,
    options: { clientId: number; renewEveryMs: number; renewPhaseMs: number; onEdit: EditListener; onSynced: (c: BenchClient) => void },
  ) {
    this.spec = spec;
    this.onEdit = options.onEdit;
    this.onSynced = options.onSynced;
    this.renewEveryMs = options.renewEveryMs;
    this.renewPhaseMs = options.renewPhaseMs;
    const prefixEncoder = encoding.createEncoder();
    if (spec.protocol === 'hocuspocus') encoding.writeVarString(prefixEncoder, spec.docName);
    this.prefix = encoding.toUint8Array(prefixEncoder);

    this.doc = new Y.Doc();
    this.doc.clientID = options.clientId;
    this.stickies = this.doc.getMap('stickies');
    this.log = this.doc.getMap('log');
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // Renewals are scheduled by us with a seeded phase, not by Awareness's own 3 s check.
    clearInterval(this.awareness._checkInterval);
    this.awareness.setLocalState({ user: { name: `Bench ${spec.id}`, color: COLORS[spec.id % COLORS.length] }, cursor: null });

    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.send((e) => {
        encoding.writeVarUint(e, Message.Sync);
        syncProtocol.writeUpdate(e, update);
      });
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== 'local') return;
      this.sendAwareness(added.concat(updated, removed));
    });
    this.stickies.observeDeep((events, txn) => {
      if (txn.local) return;
      const now = clockMs();
      for (const event of events) {
        if (event.target === this.stickies || !(event as Y.YMapEvent<unknown>).keysChanged.has('ts')) continue;
        const sticky = event.target as Y.Map<unknown>;
        this.onEdit(this, Number(sticky.get('by')), Number(sticky.get('seq')), Number(sticky.get('ts')), now);
      }
    });
    this.log.observe((event, txn) => {
      if (txn.local) return;
      const now = clockMs();
      for (const key of event.keysChanged) {
        const sep = key.indexOf(':');
        this.onEdit(this, Number(key.slice(0, sep)), Number(key.slice(sep + 1)), this.log.get(key) ?? NaN, now);
      }
    });
  }

  get open(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect(): void {
    this.closedByUs = false;
    this.synced = false;
    this.connectStartedAt = clockMs();
    const ws = new WebSocket(this.spec.url);
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data: Buffer) => {
      if (this.ws === ws) this.onMessage(data);
    });
    ws.on('close', () => this.onClose(ws));
    ws.on('error', (err: Error) => {
      if (!this.closedByUs && this.errors.length < 5) this.errors.push(err.message);
    });
  }

  close(): void {
    this.closedByUs = true;
    this.autoReconnect = false;
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.renewTimer = null;
    this.ws?.close();
    this.ws = null;
    this.synced = false;
  }

  destroy(): void {
    this.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Releases a held reconnect (recovery scenario: the harness probes the server first). */
  resume(): void {
    this.held = false;
    if (this.ws === null && this.autoReconnect && !this.closedByUs) this.connect();
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws) return;
    const { protocol } = this.spec;
    if (protocol === 'hocuspocus') {
      // HocuspocusProvider.onOpen: the token first, then sync step 1 and awareness at once.
      this.send((e) => {
        encoding.writeVarUint(e, Message.Auth);
        encoding.writeVarUint(e, HocuspocusAuth.Token);
        encoding.writeVarString(e, this.spec.token);
        encoding.writeVarString(e, HOCUSPOCUS_PROVIDER_VERSION);
      });
    }
    if (protocol !== 'relay') {
      this.send((e) => {
        encoding.writeVarUint(e, Message.Sync);
        syncProtocol.writeSyncStep1(e, this.doc);
      });
    }
    this.sendAwareness([this.doc.clientID]);
    if (protocol === 'relay') this.markSynced();
    if (this.renewTimer === null && this.renewEveryMs > 0) {
      const start = setTimeout(() => {
        this.renew();
        this.renewTimer = setInterval(() => this.renew(), this.renewEveryMs);
      }, this.renewPhaseMs);
      this.renewTimer = start;
    }
  }

  private renew(): void {
    // What Awareness's check does every 15 s: re-send the same state with a new clock.
    this.awareness.setLocalState(this.awareness.getLocalState());
  }

  private onClose(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.synced = false;
    if (this.closedByUs || !this.autoReconnect) return;
    if (!this.held) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        if (this.ws === null && !this.held && !this.closedByUs) this.connect();
      }, RECONNECT_MS);
    }
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    this.syncedAt = clockMs();
    this.onSynced(this);
  }

  private onMessage(data: Buffer): void {
    this.framesIn++;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const hocuspocus = this.spec.protocol === 'hocuspocus';
    if (hocuspocus) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case Message.Sync:
      case Message.SyncReply: {
        const reply = encoding.createEncoder();
        encoding.writeUint8Array(reply, this.prefix);
        encoding.writeVarUint(reply, Message.Sync);
        const emptyLength = encoding.length(reply);
        // syncProtocol.readSyncMessage, with the option not to apply sync step 2.
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          syncProtocol.readSyncStep1(decoder, reply, this.doc);
        } else if (syncType === syncProtocol.messageYjsSyncStep2) {
          this.step2At = clockMs();
          if (this.applyStep2) syncProtocol.readSyncStep2(decoder, this.doc, this);
        } else {
          syncProtocol.readUpdate(decoder, this.doc, this);
        }
        if (encoding.length(reply) > emptyLength) this.sendRaw(encoding.toUint8Array(reply));
        if (syncType === syncProtocol.messageYjsSyncStep2) this.markSynced();
        break;
      }
      case Message.Awareness:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        break;
      case Message.QueryAwareness:
        this.sendAwareness(Array.from(this.awareness.getStates().keys()));
        break;
      case Message.Auth: {
        const sub = decoding.readVarUint(decoder);
        // y-protocols/auth: 0 is permission denied; Hocuspocus: 1 denied, 2 authenticated.
        const denied = hocuspocus ? sub === HocuspocusAuth.PermissionDenied : sub === 0;
        if (denied) this.errors.push(`permission denied: ${decoding.readVarString(decoder)}`);
        break;
      }
      case Message.SyncStatus:
        this.acks++;
        break;
      case Message.Close:
        this.errors.push(`server closed: ${decoding.readVarString(decoder)}`);
        break;
      default:
        break;
    }
  }

  private sendAwareness(clients: number[]): void {
    this.send((e) => {
      encoding.writeVarUint(e, Message.Awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    });
  }

  private send(write: (e: encoding.Encoder) => void): void {
    if (!this.open) return;
    const e = encoding.createEncoder();
    encoding.writeUint8Array(e, this.prefix);
    write(e);
    this.sendRaw(encoding.toUint8Array(e));
  }

  private sendRaw(frame: Uint8Array): void {
    if (!this.open) return;
    this.framesOut++;
    this.ws?.send(frame);
  }

  // --- edits: what a board client does ---------------------------------------------------

  /** A new sticky, one transaction (one update on the wire) each. */
  createSticky(index: number, random: () => number, own: boolean): void {
    const key = `s${this.spec.id}-${index}`;
    this.doc.transact(() => {
      const sticky = new Y.Map<unknown>();
      sticky.set('id', key);
      sticky.set('text', `Idea ${index} from bench client ${this.spec.id}`);
      sticky.set('authorId', `bench-${this.spec.id}`);
      sticky.set('authorName', `Bench ${this.spec.id}`);
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      sticky.set('color', COLORS[index % COLORS.length]);
      sticky.set('groupId', null);
      sticky.set('createdAt', Math.round(clockMs()));
      sticky.set('hidden', false);
      sticky.set('by', this.spec.id);
      this.stickies.set(key, sticky);
    });
    if (own) this.ownStickies.push(key);
  }

  /** Drags one of its own stickies (round robin) and stamps the move. */
  moveSticky(random: () => number): void {
    const key = this.ownStickies[this.seq % this.ownStickies.length];
    const sticky = key === undefined ? undefined : this.stickies.get(key);
    if (sticky === undefined) throw new Error(`client ${this.spec.id} has no sticky to move`);
    const seq = ++this.seq;
    this.doc.transact(() => {
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      sticky.set('seq', seq);
      sticky.set('ts', clockMs());
    });
  }

  /** An edit under a key of its own, so that every single edit can be counted afterwards. */
  logEdit(): void {
    const seq = ++this.seq;
    this.log.set(`${this.spec.id}:${seq}`, clockMs());
  }
}
