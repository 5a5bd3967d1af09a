/**
 * One member of the "real room" scenario: a stock provider as a real client runs it,
 * y-websocket's `WebsocketProvider` (Entraide, the y-websocket server) or Hocuspocus's own
 * `HocuspocusProvider`, unchanged, with its Awareness and all its habits: it re-broadcasts
 * the awareness changes it receives, renews its state every 15 s, reconnects by itself.
 * The only thing added is a count of the frames on its socket, through the WebSocket
 * class handed to the provider.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { clockMs } from '../lib/stats.ts';
import { readStamp, restamp, stampOf, type ClientSpec } from './client.ts';
import { Message } from './protocol.ts';
import { madeUpId } from './identity.ts';
import { noteRefusal } from './refusals.ts';

const COLORS = ['#f5c542', '#f28cb1', '#7cb9e8', '#8fd694', '#f4a261', '#b39ddb'] as const;

/** Frames this member's socket saw, counted while `counting` is on. */
export class FrameCount {
  counting = false;
  /** Frames the server sent to this member, and those of them that carried awareness. */
  received = 0;
  receivedAwareness = 0;
  /** Frames this member sent to the server (its echoes included). */
  sent = 0;
  /** Sockets that closed (for any reason) while counting. */
  closes = 0;

  reset(): void {
    this.received = 0;
    this.receivedAwareness = 0;
    this.sent = 0;
    this.closes = 0;
  }
}

type Frame = Buffer | ArrayBuffer | Buffer[];

function bytesOf(data: Frame): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function isAwareness(data: Frame, hocuspocus: boolean): boolean {
  const decoder = decoding.createDecoder(bytesOf(data));
  if (hocuspocus) decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === Message.Awareness;
}

/** The `ws` WebSocket, counting into `count`: what the provider is given as its WebSocket. */
function countingWebSocket(count: FrameCount, hocuspocus: boolean): new (url: string, protocols?: string | string[]) => WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Frame) => {
        if (!count.counting) return;
        count.received++;
        if (isAwareness(data, hocuspocus)) count.receivedAwareness++;
      });
      this.on('close', () => {
        if (count.counting) count.closes++;
      });
    }

    override send(data: never, ...rest: never[]): void {
      if (count.counting) count.sent++;
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

export interface Cursor {
  x: number;
  y: number;
  seq: number;
  ts: number;
}

export class RoomMember {
  readonly spec: ClientSpec;
  readonly doc = new Y.Doc();
  readonly stickies: Y.Map<Y.Map<unknown>>;
  readonly frames = new FrameCount();
  readonly awareness: Awareness;
  synced = false;
  /** Highest edit seq (per sender id) and cursor seq (per awareness client id) seen. */
  readonly lastEditSeq = new Map<number, number>();
  readonly lastCursorSeq = new Map<number, number>();
  editSeq = 0;
  cursorSeq = 0;
  ownSticky: string | null = null;
  private readonly destroyProvider: () => void;

  constructor(spec: ClientSpec, clientId: number, listeners: { onEdit: (latencyMs: number) => void; onCursor: (latencyMs: number) => void }) {
    this.spec = spec;
    this.doc.clientID = clientId;
    this.stickies = this.doc.getMap('stickies');
    const hocuspocus = spec.protocol === 'hocuspocus';
    const WebSocketPolyfill = countingWebSocket(this.frames, hocuspocus);
    if (hocuspocus) {
      const url = new URL(spec.url);
      // As an app passes it: the provider hands WebSocketPolyfill on to the socket it makes.
      const config = { url: url.origin.replace(/^http/, 'ws'), name: spec.docName, document: this.doc, token: spec.token, WebSocketPolyfill };
      const provider = new HocuspocusProvider(config);
      provider.on('synced', () => (this.synced = true));
      // Hocuspocus refuses only a token (never a write): counted all the same.
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => noteRefusal(spec.id, reason));
      this.awareness = provider.awareness as Awareness;
      this.destroyProvider = () => provider.destroy();
    } else {
      // WebsocketProvider opens `${serverUrl}/${roomname}?${params}`.
      const url = new URL(spec.url);
      const slash = url.pathname.lastIndexOf('/');
      const serverUrl = `${url.origin.replace(/^http/, 'ws')}${url.pathname.slice(0, slash)}`;
      const provider = new WebsocketProvider(serverUrl, url.pathname.slice(slash + 1), this.doc, {
        WebSocketPolyfill: WebSocketPolyfill as never,
        params: Object.fromEntries(url.searchParams),
        disableBc: true,
      });
      // A refusal means the load is not what the rules allow: counted, and the run fails on it
      // (y-protocols/auth: 0 is permission denied, then its reason).
      provider.messageHandlers[Message.Auth] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) === 0) noteRefusal(spec.id, decoding.readVarString(decoder));
      };
      provider.on('sync', (synced: boolean) => (this.synced = synced));
      this.awareness = provider.awareness;
      this.destroyProvider = () => provider.destroy();
    }
    // What the client announces (client/sync/session-connection.ts): who, and in which view.
    this.awareness.setLocalState({
      user: { name: this.name, color: COLORS[spec.id % COLORS.length], participantId: spec.participantId ?? madeUpId(spec.id) },
      view: 'board',
      boardCursor: null,
    });
    this.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      const now = clockMs();
      for (const id of added.concat(updated)) {
        if (id === this.doc.clientID) continue;
        const cursor = (this.awareness.getStates().get(id) as { boardCursor?: Cursor | null } | undefined)?.boardCursor;
        if (!cursor || !(cursor.seq > (this.lastCursorSeq.get(id) ?? 0))) continue;
        this.lastCursorSeq.set(id, cursor.seq);
        listeners.onCursor(now - cursor.ts);
      }
    });
    // A drag stamps the sticky's text (`<sender> <seq> <sent at>`, bench/load/client.ts).
    this.stickies.observeDeep((events, txn) => {
      if (txn.local) return;
      const now = clockMs();
      for (const event of events) {
        if (!(event.target instanceof Y.Text)) continue;
        const stamp = readStamp(event.target.toString());
        if (!stamp || !(stamp.seq > (this.lastEditSeq.get(stamp.by) ?? 0))) continue;
        this.lastEditSeq.set(stamp.by, stamp.seq);
        listeners.onEdit(now - stamp.ts);
      }
    });
  }

  /** The name it entered with (bench/load/identity.ts). */
  get name(): string {
    return this.spec.name ?? `Bench ${this.spec.id}`;
  }

  /** The sticky this member will drag. */
  createSticky(random: () => number): void {
    const key = `s${this.spec.id}`;
    this.doc.transact(() => {
      // As the app writes it: documented fields only, in this member's own name.
      const sticky = new Y.Map<unknown>();
      sticky.set('text', new Y.Text(`Idea from member ${this.spec.id}`));
      sticky.set('authorId', this.spec.participantId ?? madeUpId(this.spec.id));
      sticky.set('authorName', this.name);
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      sticky.set('color', 'yellow');
      sticky.set('groupId', null);
      sticky.set('createdAt', Math.round(clockMs()));
      sticky.set('hidden', false);
      this.stickies.set(key, sticky);
    });
    this.ownSticky = key;
  }

  /** One step of a drag: a new position, stamped. */
  drag(random: () => number): void {
    const sticky = this.ownSticky === null ? undefined : this.stickies.get(this.ownSticky);
    if (sticky === undefined) throw new Error(`member ${this.spec.id} has no sticky to drag`);
    const seq = ++this.editSeq;
    this.doc.transact(() => {
      sticky.set('x', Math.round(random() * 4000));
      sticky.set('y', Math.round(random() * 3000));
      restamp(sticky, stampOf(this.spec.id, seq));
    });
  }

  /** One cursor move, as the board does on pointer move (client/board/useViewportGestures.ts). */
  moveCursor(random: () => number): void {
    const cursor: Cursor = { x: Math.round(random() * 4000), y: Math.round(random() * 3000), seq: ++this.cursorSeq, ts: clockMs() };
    this.awareness.setLocalStateField('boardCursor', cursor);
  }

  destroy(): void {
    this.destroyProvider();
    this.doc.destroy();
  }
}
