import type { SessionRecord, SessionStore, TokenGrant } from '../storage/types.ts';
import { hashToken, looksLikeSessionId, looksLikeToken } from './tokens.ts';

export type Authorization =
  | { ok: true; grant: TokenGrant; session: SessionRecord }
  | { ok: false; status: 401 | 404; message: string };

/** Decides what a token opens: one role on one session, and nothing else. */
export class Authorizer {
  readonly #sessions: SessionStore;

  constructor(sessions: SessionStore) {
    this.#sessions = sessions;
  }

  async authorize(sessionId: string, token: string | null | undefined): Promise<Authorization> {
    const session = looksLikeSessionId(sessionId) ? await this.#sessions.getSession(sessionId) : null;
    if (!session) return { ok: false, status: 404, message: 'unknown session' };
    if (!token) return { ok: false, status: 401, message: 'missing token' };
    if (!looksLikeToken(token)) return { ok: false, status: 401, message: 'invalid token' };
    const grant = await this.#sessions.findToken(hashToken(token));
    if (!grant || grant.sessionId !== sessionId) return { ok: false, status: 401, message: 'invalid token for this session' };
    return { ok: true, grant, session };
  }
}
