/**
 * What crosses the wire besides the Yjs document: websocket close codes, the Socket.IO
 * event maps in both directions, and the limits of a frame.
 */
import type { FacilitationCommand, PresenceEntry, PresenceUpdate } from './schemas.ts';
import type { FollowedAction } from './club.ts';

/** Roles granted by a session's capability tokens. `screen` is read-only. */
export const ROLES = ['host', 'member', 'screen'] as const;
export type Role = (typeof ROLES)[number];

export function canWriteDocument(role: Role): boolean {
  return role !== 'screen';
}

/**
 * Close codes of the `/yjs` websocket. 1009 is the standard "message too big"; the 4xxx
 * codes are ours (RFC 6455 leaves 4000-4999 to applications). y-websocket's provider
 * treats 4400-4499 as final (it stops reconnecting) and any other code as transient, so
 * "try again" codes live in 4500-4599.
 */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  MessageTooBig: 1009,
  ServerError: 1011,
  /** A frame that is not a well-formed y-protocols message, or an update Yjs rejects. */
  MalformedMessage: 4400,
  /** The link was revoked, or the host removed this person: the token opens nothing now. */
  AccessRevoked: 4401,
  /** The client queued more than allowed while its document was loading: retry later. */
  TooManyPending: 4529,
  /** The client could not keep up: too many bytes waiting in its send buffer. */
  SlowConsumer: 4508,
  /** The session document cannot be read from storage: final, for that session alone. */
  DocumentUnreadable: 4410,
  /** The client stayed over its sending budget after being slowed down: final. */
  RateLimited: 4429,
  /** Too many connections open on this token or from this address: final. */
  TooManyConnections: 4430,
  /**
   * A plain update over 1 MiB: reconnect, and it goes in the sync step 2, which may be
   * larger (up to the document cap).
   */
  UpdateTooLarge: 4513,
} as const;

/**
 * Why the server refused a write, sent as the reason of a y-protocols permission-denied
 * message (`<kind>: <words>`), the only message y-websocket's protocol has for it. The
 * connection stays open and reads go on; the client shows the refusal in its language.
 */
export const WriteRefusal = {
  /** A read-only link (the shared screen). */
  ReadOnly: 'read-only',
  /** The document reached its size cap: nothing more is stored, the client keeps its data. */
  DocumentFull: 'document-full',
  /** Storage refuses writes (disk full): the session is read-only until it takes them again. */
  StorageUnavailable: 'storage-unavailable',
  /** Storage takes writes again: the client's refused edits are asked for again. */
  StorageRestored: 'storage-restored',
  /**
   * A session rule refused part of an update (`rule: <DenyReason>: <words>`, DenyReason from
   * shared/session/phases.ts): the server undid that part with a change of its own, the
   * rest of the update went through.
   */
  Rule: 'rule',
} as const;
export type WriteRefusalKind = (typeof WriteRefusal)[keyof typeof WriteRefusal];

/** The kind of a permission-denied reason, if it is one of ours. */
export function writeRefusalKind(reason: string): WriteRefusalKind | null {
  const kind = reason.split(':', 1)[0];
  return (Object.values(WriteRefusal) as string[]).includes(kind ?? '') ? (kind as WriteRefusalKind) : null;
}

/** Largest websocket frame the server accepts (DESIGN.md: over 1 MiB is refused). */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Events the server sends to Socket.IO clients. */
export interface ServerToClientEvents {
  /** The full list of who is in the session, sent on every change. */
  'presence:list': (entries: PresenceEntry[]) => void;
  /** An error caused by this client's own last event; nobody else sees it. */
  'event:error': (error: { event: string; message: string; reason?: string }) => void;
  /** The host (or a facilitator) asks everyone to follow the view he shows. */
  'follow:view': (view: string) => void;
  /** A club action's owner changed its status: to the club's pages and its sessions. */
  'followup:changed': (action: FollowedAction) => void;
  /** The server's clock at connection (ms since epoch): timers are shown against it. */
  'clock:now': (serverNow: number) => void;
  /** Who the server knows this socket as (its participant id decides hands and facilitators). */
  'session:you': (you: { participantId: string }) => void;
  /**
   * To the session's screens alone: the host renewed the member link, and this is its new
   * token, for the join panel's QR code (the server keeps no raw token; it passes this one
   * on at the moment it makes it).
   */
  'screen:join': (join: { token: string }) => void;
}

/** Events Socket.IO clients send to the server. Every payload is checked with zod. */
export interface ClientToServerEvents {
  'presence:update': (update: PresenceUpdate) => void;
  /** Host only: everyone's client switches to this view. */
  'follow:view': (view: string) => void;
  /**
   * A facilitation control (timer, floor, focus, voting round, options, facilitators).
   * Checked on the server; the result lands in the session document, a refusal comes back
   * to the sender alone as `event:error` with `event: 'facilitate'`.
   */
  facilitate: (command: FacilitationCommand) => void;
}
