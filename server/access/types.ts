import type { Role } from '../../shared/protocol.ts';
import type { Actor } from '../../shared/session/types.ts';

export type { Actor };

/** What a presented token opens: one role on one session. */
export interface TokenGrant {
  sessionId: string;
  role: Role;
  /**
   * Set when the credential is personal (a participant's, or a club member's): the
   * participant it is bound to, whose id every connection on it uses, and his name.
   */
  participant?: { id: string; name: string };
  /** The club the session belongs to, if any. */
  clubId?: string;
  /**
   * The credential is a member's of that club (not a session link, nor a participant's who
   * came in by one): what the club's own things, the earlier sessions' actions, are open to.
   */
  clubMember?: true;
  /**
   * Set when the token is one of the session's links: which one (the hex of its hash), so
   * that revoking it can close the connections it opened.
   */
  linkId?: string;
}

/**
 * Connections that must end now, on every instance: those opened with a revoked link
 * (`linkId`), or those of a participant the host removed (`participantId`).
 */
export type Eviction =
  | { kind: 'link'; sessionId: string; linkId: string }
  | { kind: 'participant'; sessionId: string; participantId: string };

export function evicts(eviction: Eviction, grant: TokenGrant, actor: Actor): boolean {
  if (grant.sessionId !== eviction.sessionId) return false;
  return eviction.kind === 'link' ? grant.linkId === eviction.linkId : actor.participantId === eviction.participantId;
}
