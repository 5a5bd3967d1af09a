import type { ClubStore } from '../storage/club-types.ts';
import type { SessionRecord, SessionStore } from '../storage/types.ts';
import type { TokenGrant } from './types.ts';
import { hashToken, looksLikeSessionId, looksLikeToken } from './tokens.ts';

export type Authorization =
  | { ok: true; grant: TokenGrant; session: SessionRecord }
  | { ok: false; status: 401 | 404; message: string };

/**
 * Decides what a token opens: a session's link token, one role on that session; a club
 * member's personal credential, every session of his club (as its host if he created
 * it, else as a member), under his own participant id.
 */
export class Authorizer {
  readonly #sessions: SessionStore;
  readonly #clubs: ClubStore;

  constructor(sessions: SessionStore, clubs: ClubStore) {
    this.#sessions = sessions;
    this.#clubs = clubs;
  }

  async authorize(sessionId: string, token: string | null | undefined): Promise<Authorization> {
    const session = looksLikeSessionId(sessionId) ? await this.#sessions.getSession(sessionId) : null;
    if (!session) return { ok: false, status: 404, message: 'unknown session' };
    if (!token) return { ok: false, status: 401, message: 'missing token' };
    if (!looksLikeToken(token)) return { ok: false, status: 401, message: 'invalid token' };
    const hash = hashToken(token);
    const [grant, member, club] = await Promise.all([
      this.#sessions.findToken(hash),
      this.#clubs.findMemberByCredential(hash),
      this.#clubs.clubOfSession(sessionId),
    ]);
    if (grant && grant.sessionId === sessionId) {
      return { ok: true, grant: club ? { ...grant, clubId: club.clubId } : grant, session };
    }
    if (member && club && member.clubId === club.clubId) {
      const role = club.hostMemberId === member.id ? 'host' : 'member';
      return { ok: true, grant: { sessionId, role, participant: { id: member.id, name: member.name }, clubId: club.clubId }, session };
    }
    return { ok: false, status: 401, message: 'invalid token for this session' };
  }
}
