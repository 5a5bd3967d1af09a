import type { Role } from '../../shared/protocol.ts';
import type { ParticipantCredential } from '../../shared/schemas.ts';
import { HttpError } from '../api/errors.ts';
import { joinCodePrefix } from '../../shared/join-code.ts';
import type { AccessStore, ParticipantRecord, SessionRecord, SessionStore } from '../storage/types.ts';
import type { Authorizer } from './Authorizer.ts';
import { hashToken, newParticipantId, newToken } from './tokens.ts';
import type { Eviction } from './types.ts';

export interface SessionAccessOptions {
  authorizer: Authorizer;
  store: AccessStore;
  sessions: SessionStore;
  /** Ends, on every instance, the connections an eviction names. */
  evict: (eviction: Eviction) => void;
  /** The member link has a new token: the session's screens show it in their join panel. */
  memberLinkRenewed?: (sessionId: string, token: string) => void;
  /** Whether the session is closed (its document's phase): a join code opens no closed session. */
  isClosed?: (sessionId: string) => Promise<boolean>;
}

/** What a join code opens: its session, and whether that session is closed already. */
export interface JoinCodeTarget {
  session: SessionRecord;
  closed: boolean;
}

/**
 * Who is in a session and through what: a person who enters through a link with a name
 * gets a personal credential (256 random bits, of which only the SHA-256 is stored) bound
 * to a participant id of the server's making and the link's role. The host revokes and
 * reissues links and removes people; either ends their open connections at once.
 */
export class SessionAccess {
  readonly #opts: SessionAccessOptions;

  constructor(opts: SessionAccessOptions) {
    this.#opts = opts;
  }

  /**
   * Someone opened a link with a name. A device that joined already (`presented`, its
   * credential for this session) stays that participant: one person, one participant. The
   * host link makes him the host (the same participant: his ideas, notes and questions stay
   * his); any other link leaves him as he is. Two participants for one person, a member and a
   * host, came of it, with no word. `joined` is false when no new participant was made.
   */
  async join(sessionId: string, linkToken: string, name: string, presented: string | null = null): Promise<{ credential: ParticipantCredential; joined: boolean }> {
    const auth = await this.#opts.authorizer.authorize(sessionId, linkToken);
    if (!auth.ok) throw new HttpError(auth.status, auth.message);
    // A credential already names its holder: only a link makes a new participant.
    if (!auth.grant.linkId) throw new HttpError(400, 'token: a personal credential already names its participant; join with a link token');
    const already = presented ? await this.#opts.store.findParticipant(hashToken(presented)) : null;
    if (presented && already && already.sessionId === sessionId && already.removedAt === null && already.role !== 'screen') {
      let role = already.role;
      if (auth.grant.role === 'host' && role !== 'host') {
        if (!(await this.#opts.store.setParticipantRole(sessionId, already.id, 'host'))) throw new HttpError(404, 'no such participant in this session');
        role = 'host';
      }
      return { credential: { participantId: already.id, role, name: already.name, credential: presented }, joined: false };
    }
    return { credential: await this.#enter(sessionId, auth.grant.role, name), joined: true };
  }

  /**
   * The session a short join code stands for (shared/join-code.ts): the one whose current
   * member link it was made from. 400 for what is not a code, 404 for a code that opens
   * nothing (mistyped, or the member link was renewed since). A closed session is named
   * (a device that joined it goes back in with its own credential) but lets nobody new in.
   */
  async findByJoinCode(code: string): Promise<JoinCodeTarget> {
    const prefix = joinCodePrefix(code);
    if (!prefix) throw new HttpError(400, 'code: eight letters and digits, as the screen shows them');
    const links = await this.#opts.sessions.findLinksByHashPrefix(Buffer.from(prefix), 'member');
    // Two member links sharing 40 bits: a one-in-a-trillion chance; neither is guessed.
    const link = links.length === 1 ? links[0] : undefined;
    const session = link ? await this.#opts.sessions.getSession(link.sessionId) : null;
    if (!session) throw new HttpError(404, 'no session opens with this code: check it on the screen');
    return { session, closed: (await this.#opts.isClosed?.(session.id)) ?? false };
  }

  /**
   * Enters through a join code, as through the member link it stands for, while the session
   * runs. The code is short and shown on the room's screen, where people outside the club
   * may see it: once the session is closed, it is refused (410). Its members keep their
   * credentials, and the member link still opens it.
   */
  async joinByCode(code: string, name: string): Promise<{ sessionId: string; credential: ParticipantCredential }> {
    const { session, closed } = await this.findByJoinCode(code);
    if (closed) throw new HttpError(410, 'this session is closed: its join code lets nobody new in; ask the host for the member link');
    return { sessionId: session.id, credential: await this.#enter(session.id, 'member', name) };
  }

  async #enter(sessionId: string, role: Role, name: string): Promise<ParticipantCredential> {
    const credential = newToken();
    const participant: ParticipantRecord = { id: newParticipantId(), sessionId, name, role, joinedAt: Date.now(), removedAt: null };
    await this.#opts.store.addParticipant(participant, hashToken(credential));
    return { participantId: participant.id, role: participant.role, name, credential };
  }

  async rename(sessionId: string, participantId: string, name: string): Promise<void> {
    if (!(await this.#opts.store.renameParticipant(sessionId, participantId, name))) throw new HttpError(404, 'no such participant in this session');
  }

  list(sessionId: string): Promise<ParticipantRecord[]> {
    return this.#opts.store.listParticipants(sessionId);
  }

  /** The person's credential opens nothing from now on, and his connections close. */
  async remove(sessionId: string, participantId: string): Promise<void> {
    if (!(await this.#opts.store.removeParticipant(sessionId, participantId, Date.now()))) {
      throw new HttpError(404, 'no such participant in this session');
    }
    this.#opts.evict({ kind: 'participant', sessionId, participantId });
  }

  /**
   * A new token for the link of `role`; the old one is refused from now on and the
   * connections it opened close. People who joined through it keep their credentials.
   */
  async reissueLink(sessionId: string, role: Exclude<Role, 'host'>): Promise<string> {
    const token = newToken();
    const old = await this.#opts.store.replaceLink(sessionId, role, hashToken(token));
    for (const hash of old) this.#opts.evict({ kind: 'link', sessionId, linkId: hash.toString('hex') });
    if (role === 'member') this.#opts.memberLinkRenewed?.(sessionId, token);
    return token;
  }
}
