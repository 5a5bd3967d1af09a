// Socket.IO: who is here, hand raises and follow-the-host. Payloads are parsed with the
// shared schemas before anything trusts them.
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import type { FacilitationCommand } from '../../shared/schemas.ts';
import { PresenceEntry, ViewName } from '../../shared/schemas.ts';
import { FollowedAction } from '../../shared/club.ts';

const PresenceList = z.array(PresenceEntry);
const SelfSchema = z.object({ participantId: z.string().min(1).max(64) });
/** A link token, as the server makes them (client/screen/member-link.ts checks the same). */
const JoinSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const RefusalSchema = z.object({ event: z.string(), message: z.string(), reason: z.string().optional() });

export interface PresenceOptions {
  readonly sessionId: string;
  readonly token: string;
  /** Shown with a link token; a personal credential names its holder (the server says who). */
  readonly name: string;
  readonly view: string;
}

export class PresenceClient {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #listeners = new Set<() => void>();
  readonly #followers = new Set<(view: string) => void>();
  readonly #followUps = new Set<(action: FollowedAction) => void>();
  readonly #joinLinks = new Set<(token: string) => void>();
  readonly #connectRefusals = new Set<(reason: 'tooManyConnections') => void>();
  #entries: readonly PresenceEntry[] = [];
  #connected = false;
  /** The server refused this socket (too many connections): final, until a reload. */
  #refused = false;
  /** Kept here and sent again on every connection: the server forgets it with the socket. */
  #idle = false;
  /** Server clock minus ours, from the last `clock:now`: timers count against the server. */
  #clockOffset = 0;
  #selfId: string | null = null;
  readonly #refusalListeners = new Set<(message: string, reason: string | null) => void>();

  constructor(opts: PresenceOptions) {
    this.#socket = io({
      path: '/socket.io/',
      transports: ['websocket'],
      query: { ...opts },
    });
    this.#socket.on('connect', () => {
      if (this.#idle) this.#socket.emit('presence:update', { idle: true });
      // Connected, but the list is not live until the server's first one arrives: a
      // reconnecting phone said "0 personne ici" in between.
    });
    this.#socket.on('disconnect', () => this.#set(this.#entries, false));
    // The server's middleware refused the socket: final for Socket.IO's client (no retry).
    this.#socket.on('connect_error', (err: Error) => {
      if (!err.message.startsWith('too-many-connections:')) return;
      this.#refused = true;
      for (const listener of this.#connectRefusals) listener('tooManyConnections');
      this.#set(this.#entries, false);
    });
    this.#socket.on('presence:list', (payload: unknown) => {
      const parsed = PresenceList.safeParse(payload);
      if (parsed.success) this.#set(parsed.data, this.#socket.connected);
    });
    this.#socket.on('clock:now', (payload: unknown) => {
      if (typeof payload === 'number' && Number.isFinite(payload)) this.#clockOffset = payload - Date.now();
    });
    this.#socket.on('session:you', (payload: unknown) => {
      const you = SelfSchema.safeParse(payload);
      if (!you.success) return;
      this.#selfId = you.data.participantId;
      this.#set(this.#entries, this.#connected);
    });
    this.#socket.on('event:error', (payload: unknown) => {
      const error = RefusalSchema.safeParse(payload);
      if (!error.success || error.data.event !== 'facilitate') return;
      for (const listener of this.#refusalListeners) listener(error.data.message, error.data.reason ?? null);
    });
    this.#socket.on('follow:view', (payload: unknown) => {
      const view = ViewName.safeParse(payload);
      if (view.success) for (const follow of this.#followers) follow(view.data);
    });
    this.#socket.on('screen:join', (payload: unknown) => {
      const join = JoinSchema.safeParse(payload);
      if (join.success) for (const listener of this.#joinLinks) listener(join.data.token);
    });
    this.#socket.on('followup:changed', (payload: unknown) => {
      const action = FollowedAction.safeParse(payload);
      if (action.success) for (const listener of this.#followUps) listener(action.data);
    });
  }

  get entries(): readonly PresenceEntry[] {
    return this.#entries;
  }

  /** Connected and the server's list of this connection received: the list shown is live. */
  get connected(): boolean {
    return this.#connected;
  }

  /** The server refused this tab's presence (too many connections), not the network gone. */
  get refused(): boolean {
    return this.#refused;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onFollow(listener: (view: string) => void): () => void {
    this.#followers.add(listener);
    return () => this.#followers.delete(listener);
  }

  /** The server refused this socket for good (too many connections on the link or from here). */
  onConnectRefused(listener: (reason: 'tooManyConnections') => void): () => void {
    this.#connectRefusals.add(listener);
    return () => this.#connectRefusals.delete(listener);
  }

  /** The shared screen: the host renewed the member link, whose new token this is. */
  onJoinLink(listener: (token: string) => void): () => void {
    this.#joinLinks.add(listener);
    return () => this.#joinLinks.delete(listener);
  }

  /** A club session: an owner updated an action of an earlier session (the follow-up round). */
  onFollowUp(listener: (action: FollowedAction) => void): () => void {
    this.#followUps.add(listener);
    return () => this.#followUps.delete(listener);
  }

  setView(view: string): void {
    this.#remember({ view });
    this.#socket.emit('presence:update', { view });
  }

  setIdle(idle: boolean): void {
    this.#idle = idle;
    // Offline, not buffered: the next connection sends the state as it is then.
    if (this.#socket.connected) this.#socket.emit('presence:update', { idle });
  }

  setName(name: string): void {
    this.#remember({ name });
    this.#socket.emit('presence:update', { name });
  }

  /** The participant id the server knows this socket by, once it said so. */
  get selfId(): string | null {
    return this.#selfId;
  }

  /** Now, by the server's clock. */
  serverNow(): number {
    return Date.now() + this.#clockOffset;
  }

  /**
   * A facilitation control; a refusal comes back through onRefusal. Not sent while this
   * socket is down: Socket.IO would buffer it and send it at the reconnection, the room
   * revealing or voting minutes after the tap. The leaders' controls are off meanwhile
   * (client/room/useRoomLink.ts), and say why.
   */
  facilitate(command: FacilitationCommand): void {
    if (!this.#socket.connected) return;
    this.#socket.emit('facilitate', command);
  }

  onRefusal(listener: (message: string, reason: string | null) => void): () => void {
    this.#refusalListeners.add(listener);
    return () => this.#refusalListeners.delete(listener);
  }

  /** Host only: everybody else's client switches to this view. */
  lead(view: string): void {
    this.#socket.emit('follow:view', view);
  }

  pause(): void {
    this.#socket.disconnect();
  }

  resume(): void {
    if (!this.#socket.connected) this.#socket.connect();
  }

  destroy(): void {
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.#listeners.clear();
    this.#followers.clear();
    this.#followUps.clear();
    this.#refusalListeners.clear();
    this.#joinLinks.clear();
    this.#connectRefusals.clear();
  }

  /**
   * A reconnection is a new presence on the server, made from the handshake query: keep
   * the current name and view there, or a reconnect brings back the first ones.
   */
  #remember(patch: Partial<Pick<PresenceOptions, 'name' | 'view'>>): void {
    this.#socket.io.opts.query = { ...this.#socket.io.opts.query, ...patch };
  }

  #set(entries: readonly PresenceEntry[], connected: boolean): void {
    this.#entries = connected ? entries : [];
    this.#connected = connected;
    for (const listener of this.#listeners) listener();
  }
}
