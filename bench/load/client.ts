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
import { madeUpId } from './identity.ts';
import { noteRefusal } from './refusals.ts';

export interface ClientSpec {
  id: number;
  /** Rooms group clients for delivery accounting; one room is one document. */
  room: string;
  url: string;
  protocol: Protocol;
  docName: string;
  token: string;
  /** Where a client enters with a name to get its own credential (Entraide); none elsewhere. */
  enter?: { http: string };
  /** Who the client writes as, once identified (bench/load/identity.ts). */
  participantId?: string;
  /** The name it entered with (its stickies' and notes' authorName). */
  name?: string;
}

export type EditListener = (client: BenchClient, senderId: number, seq: number, sentAt: number, now: number) => void;

const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
const RECONNECT_MS = 100;

export class BenchClient {
  readonly spec: ClientSpec;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly stickies: Y.Map<Y.Map<unknown>>;
  /** The session's visit notes: one per logged edit, its text the stamp. */
  readonly log: Y.Map<Y.Map<unknown>>;
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
    this.log = this.doc.getMap('visitNotes');
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
    // A move writes its stamp into the sticky's text (`<sender> <seq> <sent at>`), which its
    // author may edit in place: a changed text is a move to count.
    this.stickies.observeDeep((events, txn) => {
      if (txn.local) return;
      const now = clockMs();
      for (const event of events) {
        if (!(event.target instanceof Y.Text)) continue;
        const stamp = readStamp(event.target.toString());
        if (stamp) this.onEdit(this, stamp.by, stamp.seq, stamp.ts, now);
      }
    });
    this.log.observe((event, txn) => {
      if (txn.local) return;
      const now = clockMs();
      for (const key of event.keysChanged) {
        const stamp = readStamp(this.log.get(key)?.get('text'));
        if (stamp) this.onEdit(this, stamp.by, stamp.seq, stamp.ts, now);
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
    ws.on('close', (code: number, reason: Buffer) => {
      // A server's refusal is often a close code and reason: kept, so a failed join says why.
      if (!this.closedByUs && this.ws === ws && this.errors.length < 5) this.errors.push(`closed ${code} ${reason.toString()}`.trim());
      this.onClose(ws);
    });
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
        if (denied) {
          const reason = decoding.readVarString(decoder);
          this.errors.push(`permission denied: ${reason}`);
          noteRefusal(this.spec.id, reason);
        }
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

  /** Who this client writes as: its own participant where the server names one. */
  private get me(): { participantId: string; name: string } {
    return { participantId: this.spec.participantId ?? madeUpId(this.spec.id), name: this.spec.name ?? `Bench ${this.spec.id}` };
  }

  /**
   * A new sticky, one transaction (one update on the wire) each, as the app writes it
   * (shared/session addSticky): documented fields only, in this client's own name.
   */
  createSticky(index: number, random: () => number, own: boolean): void {
    const key = `s${this.spec.id}-${index}`;
    this.doc.transact(() => {
      const sticky = new Y.Map<unknown>();
      sticky.set('text', new Y.Text(`Idea ${index} from bench client ${this.spec.id}`));
      sticky.set('authorId', this.me.participantId);
      sticky.set('authorName', this.me.name);
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      sticky.set('color', COLORS[index % COLORS.length]);
      sticky.set('groupId', null);
      sticky.set('createdAt', Math.round(clockMs()));
      sticky.set('hidden', false);
      this.stickies.set(key, sticky);
    });
    if (own) this.ownStickies.push(key);
  }

  /** Drags one of its own stickies (round robin) and stamps the move in its text. */
  moveSticky(random: () => number): void {
    const key = this.ownStickies[this.seq % this.ownStickies.length];
    const sticky = key === undefined ? undefined : this.stickies.get(key);
    if (sticky === undefined) throw new Error(`client ${this.spec.id} has no sticky to move`);
    const seq = ++this.seq;
    this.doc.transact(() => {
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      restamp(sticky, stampOf(this.spec.id, seq));
    });
  }

  /** An edit of its own that can be counted afterwards: a visit note, its text the stamp. */
  logEdit(): void {
    const seq = ++this.seq;
    this.doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('authorId', this.me.participantId);
      note.set('authorName', this.me.name);
      note.set('stationId', null);
      note.set('kind', 'idea');
      note.set('text', stampOf(this.spec.id, seq));
      note.set('at', Math.round(clockMs()));
      this.log.set(`n${this.spec.id}-${seq}`, note);
    });
  }
}

/** Writes `stamp` over a sticky's text, in place (as the app edits a text). */
export function restamp(sticky: Y.Map<unknown>, stamp: string): void {
  const text = sticky.get('text');
  if (!(text instanceof Y.Text)) throw new Error('a sticky without its text');
  text.delete(0, text.length);
  text.insert(0, stamp);
}

/** An edit's stamp, as text: who sent it, its number, and when (clockMs, fractional). */
export function stampOf(by: number, seq: number): string {
  return `${by} ${seq} ${clockMs()}`;
}

export function readStamp(text: unknown): { by: number; seq: number; ts: number } | null {
  if (typeof text !== 'string') return null;
  const [by, seq, ts] = text.split(' ').map(Number);
  return by !== undefined && seq !== undefined && ts !== undefined && Number.isFinite(by) && Number.isFinite(seq) && Number.isFinite(ts) ? { by, seq, ts } : null;
}
