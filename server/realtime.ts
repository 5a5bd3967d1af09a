import type { IncomingMessage } from 'node:http';
import { Server as EngineServer } from 'engine.io';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol.ts';
import type { FollowedAction } from '../shared/club.ts';
import { PresenceHello, PresenceUpdate, ViewName } from '../shared/schemas.ts';
import { SharedEventBudgets } from './rate-limit.ts';
import { PresenceService, sessionRoom, type PresenceInterServerEvents } from './presence/PresenceService.ts';
import type { PresenceStore } from './presence/types.ts';
import { describeIssues } from './validation.ts';
import type { AdapterFactory } from './backends.ts';
import { actorFor, followsTheClub } from './access/actor.ts';
import type { Actor, Eviction, TokenGrant } from './access/types.ts';

/** A session's socket (presence, facilitation), or a club page's (its follow-up, live). */
type Entry = { kind: 'session'; grant: TokenGrant } | { kind: 'club'; clubId: string };
import { Facilitation } from './facilitation/Facilitation.ts';
import { registerFacilitation } from './facilitation/register.ts';
import type { RoomRegistry } from './sync/RoomRegistry.ts';
import type { PrivateDocs } from './private/PrivateDocs.ts';

interface SocketData {
  grant: TokenGrant;
  /** Who this socket is, established by the server from the token (see access/actor.ts). */
  actor: Actor;
  club: string | null;
}

export const clubRoom = (clubId: string) => `club:${clubId}`;
/** The session's shared screens: the member link's renewal reaches them. */
const screenRoom = (sessionId: string) => `screens:${sessionId}`;
/** Events dropped in a row, over budget, before the server disconnects the socket. */
const EVENTS_DROPPED_BEFORE_DISCONNECT = 200;
/** The sockets a revocation or a removal ends (see access/types.ts). */
const evictionRoom = (e: Eviction) => (e.kind === 'link' ? `link:${e.linkId}` : `participant:${e.sessionId}:${e.participantId}`);

/** Between instances, through the adapter: what other instances must end too. */
interface InterServerEvents extends PresenceInterServerEvents {
  'access:evict': (eviction: Eviction) => void;
  /** A member joined the club on one instance: the others' rooms of its sessions learn of him. */
  'club:member': (clubId: string) => void;
}
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeOptions {
  presence: PresenceStore;
  log: Logger;
  ttlMs: number;
  heartbeatMs: number;
  /** Presence lists sent to one session per second at most. */
  broadcastsPerSecond: number;
  /** Broadcasts across instances (the Redis adapter), or null for this instance alone. */
  adapter: AdapterFactory | null;
  /** The documents the facilitation controls write to. */
  registry: RoomRegistry;
  /** The participants' private documents, for the reveal. */
  privateDocs: PrivateDocs;
}

/**
 * Socket.IO for what is not document state: presence, hand raises, follow-the-host.
 * Its engine is attached by hand so that the upgrade router authorizes every handshake
 * first and answers a bad token with 401 (engine.io itself could only answer 400).
 */
export class Realtime {
  readonly engine: EngineServer;
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
  readonly presence: PresenceService;
  /** Grants decided at the upgrade, keyed by the request engine.io hands to Socket.IO. */
  readonly #grants = new WeakMap<IncomingMessage, Entry>();
  /** Why the upgrade router refused a socket (too many open), said to it at the handshake. */
  readonly #refusals = new WeakMap<IncomingMessage, string>();
  readonly #log: Logger;
  readonly #shared: boolean;
  readonly #eventBudgets = new SharedEventBudgets();
  readonly #facilitation: Facilitation;

  constructor(opts: RealtimeOptions) {
    this.#log = opts.log;
    this.#facilitation = new Facilitation(opts.registry, opts.privateDocs);
    this.engine = new EngineServer({ transports: ['websocket'], maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });
    this.io = new Server({ serveClient: false, transports: ['websocket'] });
    this.io.bind(this.engine);
    if (opts.adapter) this.io.adapter(opts.adapter);
    this.#shared = opts.adapter !== null;
    this.presence = new PresenceService({ store: opts.presence, io: this.io, shared: this.#shared, log: opts.log, ttlMs: opts.ttlMs, heartbeatMs: opts.heartbeatMs, broadcastsPerSecond: opts.broadcastsPerSecond });
    this.io.use((socket, next) => {
      const entry = this.#grants.get(socket.request);
      if (entry?.kind === 'club') {
        socket.data = { grant: { sessionId: '', role: 'screen' }, actor: { participantId: '', name: '', role: 'screen' }, club: entry.clubId };
        return next();
      }
      const grant = entry?.grant;
      const hello = PresenceHello.safeParse({ name: socket.handshake.query.name });
      if (!grant) return next(new Error('unauthorized'));
      const refusal = this.#refusals.get(socket.request);
      // A middleware error is final for the Socket.IO client: it shows it, no reconnect loop.
      if (refusal) return next(new Error(`too-many-connections: ${refusal}`));
      if (!hello.success) return next(new Error(`invalid handshake: ${describeIssues(hello.error, 'query')}`));
      // A personal credential names its participant: the query cannot say otherwise.
      socket.data = { grant, actor: actorFor(grant, hello.data.name), club: null };
      next();
    });
    this.io.on('connection', (socket) => void this.#onConnection(socket));
  }

  /** Called by the upgrade router once the token is checked. */
  handleUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer, grant: TokenGrant, refusal: string | null = null): void {
    this.#grants.set(req, { kind: 'session', grant });
    if (refusal) this.#refusals.set(req, refusal);
    this.engine.handleUpgrade(req, socket, head);
  }

  /** A club page's socket, once the member's credential is checked: it only listens. */
  handleClubUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer, clubId: string): void {
    this.#grants.set(req, { kind: 'club', clubId });
    this.engine.handleUpgrade(req, socket, head);
  }

  /** A club action's new status, to the club's pages and its sessions' rooms and screens. */
  announceFollowUp(clubId: string, action: FollowedAction): void {
    this.io.to(clubRoom(clubId)).emit('followup:changed', action);
  }

  /**
   * Ends the sockets `eviction` names on every instance (the adapter carries the
   * disconnection), and tells the other instances, whose sync connections end too.
   */
  evict(eviction: Eviction): void {
    this.io.in(evictionRoom(eviction)).disconnectSockets(true);
    if (this.#shared) this.io.serverSideEmit('access:evict', eviction);
  }

  /** The member link was renewed: the session's screens, on every instance, show the new one. */
  memberLinkRenewed(sessionId: string, token: string): void {
    this.io.to(screenRoom(sessionId)).emit('screen:join', { token });
  }

  /** An eviction decided on another instance. */
  onRemoteEviction(listener: (eviction: Eviction) => void): void {
    this.io.on('access:evict', listener);
  }

  /** A member joined the club here: the other instances are told (this one knows already). */
  clubMemberJoined(clubId: string): void {
    if (this.#shared) this.io.serverSideEmit('club:member', clubId);
  }

  /** A member joined a club on another instance. */
  onRemoteClubMember(listener: (clubId: string) => void): void {
    this.io.on('club:member', listener);
  }

  async close(): Promise<void> {
    await this.presence.close();
    // Only ours: through the Redis adapter, a plain disconnectSockets() would disconnect
    // every client of every instance.
    this.io.local.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  async #onConnection(socket: IoSocket): Promise<void> {
    if (socket.data.club) {
      await socket.join(clubRoom(socket.data.club));
      return;
    }
    const { grant, actor } = socket.data;
    const connectionId = `${Date.now().toString(36).padStart(9, '0')}-${socket.id}`;
    const view = ViewName.safeParse(socket.handshake.query.view);
    await socket.join(sessionRoom(grant.sessionId));
    await socket.join(evictionRoom({ kind: 'participant', sessionId: grant.sessionId, participantId: actor.participantId }));
    if (grant.linkId) await socket.join(evictionRoom({ kind: 'link', sessionId: grant.sessionId, linkId: grant.linkId }));
    // The club's follow-up changes, for those the follow-up round is open to (api/followup.ts).
    if (grant.clubId && followsTheClub(grant)) await socket.join(clubRoom(grant.clubId));
    if (grant.role === 'screen') await socket.join(screenRoom(grant.sessionId));

    const fail = (event: string, message: string) => socket.emit('event:error', { event, message });
    // Over its budget an event is dropped. The sender is told once a second, not once an
    // event (answering each would multiply its flood), and a socket that goes on sending
    // over budget is disconnected by the server, which its client does not retry. On a
    // personal credential the budget is the person's, shared by all his sockets: 120
    // sockets on one credential raising hands had 120 budgets, 600 changes of the document
    // a second (issue 10). A link is shared by everyone who opens it: each socket its own.
    const budget = this.#eventBudgets.hold(grant.participant ? `${grant.sessionId} ${grant.participant.id}` : connectionId);
    socket.on('disconnect', () => budget.release());
    let dropped = 0;
    let toldAt = 0;
    socket.use(([event], next) => {
      if (budget.take()) {
        dropped = 0;
        return next();
      }
      dropped += 1;
      if (dropped >= EVENTS_DROPPED_BEFORE_DISCONNECT) {
        fail(String(event), 'too many events: disconnected');
        this.#log.warn({ session: grant.sessionId, participant: actor.participantId }, 'disconnecting a socket that kept sending over its event budget');
        socket.disconnect(true);
        return;
      }
      const now = Date.now();
      if (now - toldAt < 1000) return;
      toldAt = now;
      fail(String(event), 'too many events: slow down');
    });
    socket.on('presence:update', (payload) => {
      const parsed = PresenceUpdate.safeParse(payload);
      if (!parsed.success) return fail('presence:update', describeIssues(parsed.error, 'payload'));
      if (parsed.data.name) socket.data.actor = { ...socket.data.actor, name: parsed.data.name };
      void this.presence.update(connectionId, parsed.data);
    });
    socket.on('follow:view', (payload) => {
      if (grant.role !== 'host') return fail('follow:view', 'only the host can lead the room');
      const parsed = ViewName.safeParse(payload);
      if (!parsed.success) return fail('follow:view', 'payload: expected a view name');
      socket.to(sessionRoom(grant.sessionId)).emit('follow:view', parsed.data);
    });
    registerFacilitation(socket, { sessionId: grant.sessionId, actor: () => socket.data.actor }, this.#facilitation, this.#log);
    socket.on('disconnect', () => void this.presence.leave(connectionId));

    await this.presence.join({
      connectionId,
      participantId: actor.participantId,
      sessionId: grant.sessionId,
      name: actor.name,
      role: actor.role,
      view: view.success ? view.data : 'lobby',
      idle: false,
      lastSeen: Date.now(),
    });
    // It may have left while we were writing it down.
    if (socket.disconnected) await this.presence.leave(connectionId);
    this.#log.debug({ session: grant.sessionId, role: grant.role }, 'presence joined');
  }
}
