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
}
