/**
 * Wire framing for the three client flavours the load generator speaks.
 *
 * - `yws`: the y-websocket protocol, one message per frame: varuint type (0 sync, 1 awareness,
 *   2 auth, 3 query awareness), then the payload. Entraide and @y/websocket-server.
 * - `hocuspocus`: the same messages, each frame prefixed with the document name (varstring),
 *   an Auth frame (type 2, token) first, and the server's extra types: 4 sync reply,
 *   7 close, 8 sync status (an acknowledgement of each applied update).
 * - `relay`: y-websocket framing, but nobody answers sync step 1, so a client is synced when
 *   its socket opens and only updates and awareness go over the wire.
 */
export type Protocol = 'yws' | 'hocuspocus' | 'relay';

export const Message = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  Close: 7,
  SyncStatus: 8,
} as const;

/** Hocuspocus auth sub-types (@hocuspocus/common AuthMessageType). */
export const HocuspocusAuth = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

/** What the provider reports as its version in the Auth frame. */
export const HOCUSPOCUS_PROVIDER_VERSION = '4.8.0';
