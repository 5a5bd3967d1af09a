import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { refuseUpgrade } from './http.ts';
import type { OpenConnections, ConnectionKind } from './OpenConnections.ts';
import type { DeferredRealtime } from './deferred-realtime.ts';
import { actorFor } from './access/actor.ts';
import type { Authorizer } from './access/Authorizer.ts';
import type { ClubAccess } from './access/ClubAccess.ts';
import { HttpError } from './api/errors.ts';
import type { SyncServer, SyncTarget } from './sync/SyncServer.ts';

export interface UpgradeRouterOptions {
  authorizer: Authorizer;
  clubAccess: ClubAccess;
  /** Open websockets per token and per address. */
  openConnections: OpenConnections;
  /** Express's `trust proxy`, to read the client address behind a proxy. */
  trustProxy: boolean | number | string;
  sync: SyncServer;
  realtime: DeferredRealtime;
  log: Logger;
}

/**
 * Every websocket upgrade passes here: the token is checked before any websocket exists,
 * and a missing or wrong one is answered with 401 (an unknown session with 404).
 *   /yjs/<sessionId>?token=...                 document sync (y-websocket protocol)
 *   /yjs/<sessionId>/private?token=...         the connection's own participant's private document
 *   /yjs/<sessionId>/notebook?token=...        the host's notebook (his verdicts on the ideas)
 *   /socket.io/?sessionId=...&token=...        presence and facilitation (Socket.IO)
 *   /socket.io/?clubId=...&token=...           a club page: its follow-up, live (a member's credential)
 */
export function createUpgradeRouter(opts: UpgradeRouterOptions) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => opts.log.debug({ err: err.message }, 'upgrade socket error'));
    void route(opts, req, socket, head).catch((err: unknown) => {
      opts.log.error({ err }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'server error');
    });
  };
}

async function route(opts: UpgradeRouterOptions, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const token = url.searchParams.get('token');
  const kind: ConnectionKind | null = url.pathname.startsWith('/yjs/') ? 'sync' : url.pathname === '/socket.io/' && !url.searchParams.has('clubId') ? 'socket' : null;
  const address = clientAddress(req, opts.trustProxy);
  if (kind && opts.openConnections.refusedLately(kind, token ?? '', address)) {
    return opts.openConnections.holdBack(socket, () => refuseUpgrade(socket, 429, 'too many connections: refused several times this second, slow down', 1));
  }
  if (url.pathname.startsWith('/yjs/')) {
    const { sessionId, target } = syncTarget(safeDecode(url.pathname.slice('/yjs/'.length)));
    const auth = await opts.authorizer.authorize(sessionId, token);
    if (!auth.ok) return refuseUpgrade(socket, auth.status, auth.message);
    // The screen writes nothing: it has no private document to open.
    if (target === 'private' && auth.grant.role === 'screen') return refuseUpgrade(socket, 403, 'the shared screen has no private document');
    if (target === 'notebook' && auth.grant.role !== 'host') return refuseUpgrade(socket, 403, 'only the host has a notebook');
    const admission = admit(opts, 'sync', token ?? '', address, socket);
    if (!admission.ok) return opts.sync.refuse(req, socket, head, admission.reason);
    opts.sync.handleUpgrade(req, socket, head, auth.grant, actorFor(auth.grant, url.searchParams.get('name')), target);
    return;
  }
  if (url.pathname === '/socket.io/' && url.searchParams.has('clubId')) {
    const clubId = url.searchParams.get('clubId') ?? '';
    try {
      await opts.clubAccess.member(clubId, token);
    } catch (err) {
      if (err instanceof HttpError) return refuseUpgrade(socket, err.status, err.message);
      throw err;
    }
    opts.realtime.handleClubUpgrade(req, socket, head, clubId);
    return;
  }
  if (url.pathname === '/socket.io/') {
    const auth = await opts.authorizer.authorize(url.searchParams.get('sessionId') ?? '', token);
    if (!auth.ok) return refuseUpgrade(socket, auth.status, auth.message);
    const admission = admit(opts, 'socket', token ?? '', address, socket);
    opts.realtime.handleUpgrade(req, socket, head, auth.grant, admission.ok ? null : admission.reason);
    return;
  }
  refuseUpgrade(socket, 404, 'no websocket endpoint here');
}

/**
 * Counts the connection against its token's and its address's limits until its socket
 * closes. A refusal is said inside the protocol (a close code, a Socket.IO connect error),
 * where the client can show it, rather than as an HTTP status a browser never reveals.
 */
function admit(opts: UpgradeRouterOptions, kind: ConnectionKind, token: string, address: string, socket: Duplex) {
  const admission = opts.openConnections.admit(kind, token, address);
  if (admission.ok) socket.once('close', admission.release);
  return admission;
}

/** The client's address: the socket's, or behind trusted proxies the one they forwarded. */
function clientAddress(req: IncomingMessage, trustProxy: boolean | number | string): string {
  const remote = req.socket.remoteAddress ?? 'unknown';
  const header = req.headers['x-forwarded-for'];
  if (trustProxy === false || typeof header !== 'string') return remote;
  const hops = [...header.split(',').map((a) => a.trim()).filter(Boolean), remote];
  // A hop count trusts that many proxies from our side; otherwise the far end's claim.
  if (typeof trustProxy === 'number') return hops[Math.max(0, hops.length - 1 - trustProxy)] ?? remote;
  return hops[0] ?? remote;
}

/**
 * `<sessionId>`, `<sessionId>/private` or `<sessionId>/notebook`. A private document (and the
 * host's notebook) is named by the session alone:
 * whose it is comes from the token, so no path names another participant's (any other
 * path reads as an unknown session).
 */
function syncTarget(path: string): { sessionId: string; target: SyncTarget } {
  for (const target of ['private', 'notebook'] as const) {
    const suffix = `/${target}`;
    if (path.endsWith(suffix)) return { sessionId: path.slice(0, -suffix.length), target };
  }
  return { sessionId: path, target: 'session' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
