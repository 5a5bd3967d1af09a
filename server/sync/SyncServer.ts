import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, MAX_FRAME_BYTES } from '../../shared/protocol.ts';
import { evicts, type Actor, type Eviction, type TokenGrant } from '../access/types.ts';
import { ConnectionBudget, type ConnectionBudgetLimits } from './ConnectionBudget.ts';
import type { PrivateDocs } from '../private/PrivateDocs.ts';
import { Connection } from './Connection.ts';
import { Inbox } from './Inbox.ts';
import { awarenessFrame, MalformedMessageError, MessageType, SyncType } from './messages.ts';
import type { Room } from './Room.ts';
import { DocumentUnreadableError, type RoomLease, type RoomRegistry } from './RoomRegistry.ts';

export interface SyncServerOptions {
  registry: RoomRegistry;
  log: Logger;
  pingIntervalMs: number;
  /**
   * A connection sent nothing for this long gets an empty awareness message: y-websocket's
   * provider drops a connection on which no message arrived for 30 s (pings are not
   * messages), so a client alone in its room (the shared screen before the meeting, a host
   * preparing) would otherwise reconnect every 30 s.
   */
  keepaliveMs: number;
  /** What one connection may send (token buckets). */
  budget: ConnectionBudgetLimits;
  /**
   * Largest sync step 2 accepted (the document cap): what a device made while away may be
   * more than the 1 MiB every other message is held to.
   */
  maxSyncFrameBytes: number;
  /**
   * Each participant's private document and the host's notebook: their ids, and what a
   * connection may write to a private one, given its session's room.
   */
  privateDocs: Pick<PrivateDocs, 'docId' | 'notebookId' | 'gate'>;
}

/**
 * Which document a `/yjs` connection opens: its session's, its participant's private one,
 * or (the host's) his notebook.
 */
export type SyncTarget = 'session' | 'private' | 'notebook';

/** The `/yjs/<sessionId>` endpoint: websockets already authorized at the upgrade. */
export class SyncServer {
  readonly #wss: WebSocketServer;
  readonly #registry: RoomRegistry;
  readonly #log: Logger;
  readonly #connections = new Set<Connection>();
  /** What each connection's token opened (to end those a revocation names). */
  readonly #grants = new WeakMap<Connection, TokenGrant>();
  readonly #pingTimer: NodeJS.Timeout;
  readonly #keepaliveTimer: NodeJS.Timeout;
  readonly #opts: SyncServerOptions;

  constructor(opts: SyncServerOptions) {
    this.#registry = opts.registry;
    this.#log = opts.log;
    // Frames over the largest sync step 2 are refused by ws itself, which closes with 1009
    // (MessageTooBig); any other message over 1 MiB is refused when read (UpdateTooLarge).
    this.#opts = opts;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(MAX_FRAME_BYTES, opts.maxSyncFrameBytes), perMessageDeflate: false });
    this.#pingTimer = setInterval(() => this.#ping(), opts.pingIntervalMs);
    this.#pingTimer.unref();
    this.#keepaliveTimer = setInterval(() => this.#keepalive(opts.keepaliveMs), Math.max(50, opts.keepaliveMs / 3));
    this.#keepaliveTimer.unref();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** `actor` is who the connection is, established by the upgrade router (see access/actor.ts). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, grant: TokenGrant, actor: Actor, target: SyncTarget = 'session'): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, grant, actor, target));
  }

  /** Closes this instance's connections that `eviction` names (a revoked link, a removed person). */
  evict(eviction: Eviction): void {
    for (const conn of this.#connections) {
      const grant = this.#grants.get(conn);
      if (grant && evicts(eviction, grant, conn.actor)) conn.close(CloseCode.AccessRevoked, eviction.kind === 'link' ? 'link revoked' : 'removed from the session');
    }
  }

  /** Opens the websocket only to say why it is refused, where the client can read it. */
  refuse(req: IncomingMessage, socket: Duplex, head: Buffer, reason: string): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => ws.close(CloseCode.TooManyConnections, reason.slice(0, 120)));
  }

  async close(): Promise<void> {
    clearInterval(this.#pingTimer);
    clearInterval(this.#keepaliveTimer);
    for (const conn of this.#connections) conn.close(CloseCode.GoingAway, 'server shutting down');
    await this.#registry.closeAll();
    this.#wss.close();
  }

  #accept(ws: WebSocket, grant: TokenGrant, actor: Actor, target: SyncTarget): void {
    const conn = new Connection(ws, actor);
    this.#grants.set(conn, grant);
    // Plain bindings, not a pino child per connection: thousands of sockets, rare logs.
    const where = { conn: conn.id, session: grant.sessionId, role: grant.role, ...(target === 'session' ? {} : { target }) };
    this.#connections.add(conn);
    let lease: RoomLease | null = null;
    const budget = new ConnectionBudget(this.#opts.budget);
    // Each frame is charged to the budget when its turn comes, so a client over budget
    // waits (unread) rather than the frames it already sent being handled in a row.
    const inbox = new Inbox({
      ready: () => lease !== null && !conn.isPausedFor('budget') && conn.isOpen,
      handle: (frame) => {
        if (lease && this.#charge(conn, budget, frame, where, () => inbox.drain())) this.#dispatch(lease.room, conn, frame, where, budget);
      },
      backlog: (full) => (full ? conn.pauseReading('backlog') : conn.resumeReading('backlog')),
    });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Read after we closed it (to complete the close): dropped.
      if (!conn.isOpen) return;
      if (!isBinary) {
        conn.close(CloseCode.MalformedMessage, 'y-websocket frames are binary');
        return;
      }
      const frame = toBytes(data);
      const isStep2 = frame[0] === MessageType.Sync && frame[1] === SyncType.Step2;
      // The answer to the sync step 1 sent with an early snapshot: it has applied the snapshot.
      const earlyAnswer = isStep2 && conn.answeredEarly();
      if (frame.byteLength > MAX_FRAME_BYTES && !isStep2) {
        conn.close(CloseCode.UpdateTooLarge, 'update over 1 MiB: reconnect to send it with your sync');
        return;
      }
      if (lease) inbox.push(frame);
      else if (!conn.queue(frame, earlyAnswer)) conn.close(CloseCode.TooManyPending, 'too much sent while the session was loading');
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err) => {
      // ws reports oversized frames here and closes the socket with 1009 by itself.
      this.#log.info({ ...where, err: err.message }, 'websocket error');
    });
    ws.on('close', (code) => {
      this.#log.debug({ ...where, code }, 'connection closed');
      conn.answeredEarly(); // nobody waits for a client that is gone
      inbox.close();
      this.#connections.delete(conn);
      if (lease) {
        lease.room.leave(conn);
        lease.release();
      }
    });

    const acquiring =
      target === 'private'
        ? this.#acquirePrivate(conn, grant.sessionId)
        : this.#registry.acquire(target === 'notebook' ? this.#opts.privateDocs.notebookId(grant.sessionId, conn.actor.participantId) : grant.sessionId, {
            // The document is being loaded from storage: its stored state goes out now,
            // before the server builds it, instead of after.
            snapshot: (frame, sent) => {
              if (lease || !conn.isOpen) return;
              conn.earlySnapshot = sent;
              return conn.sendNow(frame);
            },
            // A writer is asked what it holds beyond it, as the join would ask; a read-only
            // client is never asked (it may not write), and the build does not wait for it.
            ask: (frame) => (lease || !conn.isOpen || !conn.earlySnapshot || !conn.canWrite ? Promise.resolve() : conn.askEarly(frame)),
          });
    acquiring.then(
      (acquired) => {
        if (!conn.isOpen) {
          acquired.release();
          return;
        }
        lease = acquired;
        acquired.room.join(conn);
        for (const frame of conn.drain()) inbox.push(frame);
      },
      (err: unknown) => {
        this.#log.error({ ...where, err }, 'could not load the session document');
        // Damaged for good: a final code, so that the client says so rather than retry for ever.
        if (err instanceof DocumentUnreadableError) conn.close(CloseCode.DocumentUnreadable, 'this session cannot be read from storage');
        else conn.close(CloseCode.ServerError, 'could not load the session');
      },
    );
  }

  /**
   * A private document, and its session's room held with it: the gate reads the session's
   * rules, and the session stays in memory while its private documents are open.
   */
  async #acquirePrivate(conn: Connection, sessionId: string): Promise<RoomLease> {
    const session = await this.#registry.acquire(sessionId);
    try {
      const own = await this.#registry.acquire(this.#opts.privateDocs.docId(sessionId, conn.actor.participantId));
      conn.writeGate = this.#opts.privateDocs.gate(session.room);
      return {
        room: own.room,
        release: () => {
          own.release();
          session.release();
        },
      };
    } catch (err) {
      session.release();
      throw err;
    }
  }

  /**
   * Charges a frame to its connection's budget; false when the connection is refused.
   * `resumed` runs when a connection paused for its debt is read again.
   */
  #charge(conn: Connection, budget: ConnectionBudget, frame: Uint8Array, where: object, resumed: () => void): boolean {
    // Frames already read when it was closed: nothing more to say about them (a flooder
    // would otherwise get the server to write a line per frame).
    if (!conn.isOpen) return false;
    const verdict = budget.spend(frame);
    if (verdict.kind === 'ok') return true;
    if (verdict.kind === 'refuse') {
      this.#log.warn({ ...where, reason: verdict.reason }, 'refusing a connection that stayed over its budget');
      conn.close(CloseCode.RateLimited, verdict.reason);
      return false;
    }
    // Over budget: stop reading it until the debt is paid. This frame is already read.
    if (!conn.isPausedFor('budget')) {
      conn.pauseReading('budget');
      setTimeout(() => {
        conn.resumeReading('budget');
        resumed();
      }, verdict.ms).unref();
    }
    return true;
  }

  #dispatch(room: Room, conn: Connection, frame: Uint8Array, where: object, budget: ConnectionBudget): void {
    room.receive(conn, frame).then((outcome) => {
      // The stock provider sends back every awareness change it receives: normal traffic,
      // charged to its own, larger budget rather than the client's awareness budget.
      if (outcome === 'echo') budget.refundEcho();
    }).catch((err: unknown) => {
      if (err instanceof MalformedMessageError) {
        this.#log.info({ ...where, reason: err.message }, 'closing a connection that sent a malformed message');
        conn.close(CloseCode.MalformedMessage, err.message.slice(0, 120));
      } else {
        this.#log.error({ ...where, err }, 'failed to handle a message');
        conn.close(CloseCode.ServerError, 'server error: reconnect to resync');
      }
    });
  }

  #keepalive(idleMs: number): void {
    const before = Date.now() - idleMs;
    for (const conn of this.#connections) if (conn.lastSentAt < before) conn.send(EMPTY_AWARENESS);
  }

  #ping(): void {
    for (const conn of this.#connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }
}

/** An awareness message about no client: harmless to apply, and it counts as a message. */
const EMPTY_AWARENESS = awarenessFrame(Uint8Array.of(0));

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
