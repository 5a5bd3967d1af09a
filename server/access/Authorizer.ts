import type { ClubStore } from '../storage/club-types.ts';
import type { AccessStore, SessionRecord, SessionStore } from '../storage/types.ts';
import { hashToken, looksLikeSessionId, looksLikeToken } from './tokens.ts';
import type { TokenGrant } from './types.ts';

export type Authorization =
  | { ok: true; grant: TokenGrant; session: SessionRecord }
  | { ok: false; status: 401 | 404; message: string };

/**
 * Decides what a token opens. A session's link token: one role on that session. A
 * participant's personal credential (see SessionAccess): that session, as that participant,
 * until the host removes him. A club member's personal credential: every session of his
 * club (as its host if he created it, else as a member), under his own participant id.
 */
export class Authorizer {
  readonly #sessions: SessionStore;
  readonly #access: AccessStore;
  readonly #clubs: ClubStore;

  constructor(sessions: SessionStore, access: AccessStore, clubs: ClubStore) {
    this.#sessions = sessions;
    this.#access = access;
    this.#clubs = clubs;
  }

  async authorize(sessionId: string, token: string | null | undefined): Promise<Authorization> {
    const session = looksLikeSessionId(sessionId) ? await this.#sessions.getSession(sessionId) : null;
    if (!session) return { ok: false, status: 404, message: 'unknown session' };
    if (!token) return { ok: false, status: 401, message: 'missing token' };
    if (!looksLikeToken(token)) return { ok: false, status: 401, message: 'invalid token' };
    const hash = hashToken(token);
    const [link, participant, member, club] = await Promise.all([
      this.#sessions.findToken(hash),
      this.#access.findParticipant(hash),
      this.#clubs.findMemberByCredential(hash),
      this.#clubs.clubOfSession(sessionId),
    ]);
    const inClub = club ? { clubId: club.clubId } : {};
    if (link && link.sessionId === sessionId) {
      return { ok: true, grant: { ...link, linkId: hash.toString('hex'), ...inClub }, session };
    }
    if (participant && participant.sessionId === sessionId) {
      if (participant.removedAt !== null) return { ok: false, status: 401, message: 'removed from this session by the host' };
      const grant: TokenGrant = { sessionId, role: participant.role, participant: { id: participant.id, name: participant.name }, ...inClub };
      return { ok: true, grant, session };
    }
    if (member && club && member.clubId === club.clubId) {
      const role = club.hostMemberId === member.id ? 'host' : 'member';
      return { ok: true, grant: { sessionId, role, participant: { id: member.id, name: member.name }, clubId: club.clubId, clubMember: true }, session };
    }
    return { ok: false, status: 401, message: 'invalid token for this session' };
  }
}
