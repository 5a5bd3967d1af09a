import { WebSocket, WebSocketServer } from 'ws';
import { Connection } from '../../server/sync/Connection.ts';
import type { Actor } from '../../server/access/types.ts';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * The permission-denied reasons `provider` receives, in order, as they arrive; y-websocket's
 * own handler (which only logs them) still runs.
 */
export function refusalReasons(provider: WebsocketProvider): string[] {
  return watchRefusals(provider).reasons;
}

export interface WatchedRefusals {
  /** Every reason received so far, in order. */
  readonly reasons: string[];
  /** Resolves with the reasons once there are at least `count`. */
  when(count: number): Promise<string[]>;
}

/** The permission-denied reasons `provider` receives, with a wait for the next ones. */
export function watchRefusals(provider: WebsocketProvider): WatchedRefusals {
  const reasons: string[] = [];
  const waiters = new Set<() => void>();
  const original = provider.messageHandlers[2]!;
  provider.messageHandlers[2] = (encoder, decoder, prov, emitSynced, type) => {
    const d = decoding.clone(decoder);
    decoding.readVarUint(d);
    reasons.push(decoding.readVarString(d));
    for (const waiter of [...waiters]) waiter();
    original(encoder, decoder, prov, emitSynced, type);
  };
  return {
    reasons,
    when: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (reasons.length < count) return;
          waiters.delete(check);
          resolve(reasons);
        };
        waiters.add(check);
        check();
      }),
  };
}

/** A y-websocket provider exactly as an app would use it, on a real socket. */
export function connectProvider(wsBase: string, sessionId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${wsBase}/yjs`, sessionId, doc, {
    params: { token },
    // Node has a global WebSocket, but ws lets tests read close codes the same way.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Several providers in one process must not sync through BroadcastChannel.
    disableBc: true,
    maxBackoffTime: 300,
  });
}

/**
 * Sends a query-awareness message and resolves with the server's answer: the server handles
 * a connection's frames in order, so everything it sent back for the frames before (an undo,
 * a refusal) has arrived by then.
 */
export function roundTrip(provider: WebsocketProvider): Promise<void> {
  const MESSAGE_AWARENESS = 1;
  const MESSAGE_QUERY_AWARENESS = 3;
  return new Promise((resolve) => {
    const original = provider.messageHandlers[MESSAGE_AWARENESS]!;
    provider.messageHandlers[MESSAGE_AWARENESS] = (...args) => {
      provider.messageHandlers[MESSAGE_AWARENESS] = original;
      original(...args);
      resolve();
    };
    provider.ws?.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
  });
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Resolves once `check(doc)` holds, re-checking after every update the doc applies. */
export function whenDoc(doc: Y.Doc, check: (doc: Y.Doc) => boolean): Promise<void> {
  if (check(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check(doc)) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

export function destroyAll(...providers: WebsocketProvider[]): void {
  for (const p of providers) {
    p.destroy();
    p.doc.destroy();
  }
}

export type UpgradeOutcome = { kind: 'open'; ws: WebSocket } | { kind: 'refused'; status: number; body: string };

/** Opens a raw websocket and reports either the open socket or the HTTP status that refused it. */
export function openRaw(url: string): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    // A frame the server sends right after the upgrade may arrive with it, and be emitted
    // before whoever awaits this promise could listen: collect from the start.
    received.set(ws, listen(ws));
    ws.once('open', () => resolve({ kind: 'open', ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Resolves with the close code and reason the server sent. */
export function whenClosed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

const received = new WeakMap<WebSocket, Uint8Array[]>();

function listen(ws: WebSocket): Uint8Array[] {
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  return frames;
}

/** Every binary frame a raw socket receives (since it was opened, for one from openRaw). */
export function collectFrames(ws: WebSocket): Uint8Array[] {
  return received.get(ws) ?? listen(ws);
}

/** Resolves with the first frame for which `match` holds (frames already received included). */
export function whenFrame(ws: WebSocket, frames: Uint8Array[], match: (frame: Uint8Array) => boolean): Promise<Uint8Array> {
  const seen = frames.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = new Uint8Array(data);
      if (!match(frame)) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

/**
 * A server-side Connection on a real websocket pair (a bare ws server on a free port, no
 * Entraide around it), with the client end: for tests of Connection itself and what sends
 * through it. `close()` ends both.
 */
export async function connectionPair(actor: Actor): Promise<{ conn: Connection; client: WebSocket; close: () => void }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const conn = new Connection(await accepted, actor);
  await new Promise<void>((resolve) => (client.readyState === client.OPEN ? resolve() : client.once('open', () => resolve())));
  return {
    conn,
    client,
    close: () => {
      client.close();
      wss.close();
    },
  };
}
