import { clubLink, type ClubRole } from '../../shared/club.ts';
import { HttpError } from '../api/errors.ts';
import { hashToken, looksLikeSessionId, looksLikeToken, newSessionId, newToken } from './tokens.ts';
import type { ClubMemberRecord, ClubRecord, ClubStore } from '../storage/club-types.ts';

/**
 * Who may do what in a club. A club has two links (admin, member invite); opening one
 * with a name makes a member, who gets a personal credential: 256 random bits bound to
 * his member id (his participant id in every session of the club) and his role, of
 * which only the SHA-256 is stored, like a session's tokens. The credential opens the
 * club's pages and every session of the club (see Authorizer).
 */
export class ClubAccess {
  readonly #clubs: ClubStore;
  readonly #onMember: (member: ClubMemberRecord) => void;

  /** `onMember`: a member has joined (the club's sessions held here learn he may carry an action). */
  constructor(clubs: ClubStore, opts: { onMember?: (member: ClubMemberRecord) => void } = {}) {
    this.#clubs = clubs;
    this.#onMember = opts.onMember ?? (() => undefined);
  }

  /** A new club and its two links (raw tokens: shown once, never stored). */
  async createClub(name: string, network: string): Promise<{ club: ClubRecord; links: Record<'admin' | 'invite', string> }> {
    const club: ClubRecord = { id: newSessionId(), name, network, createdAt: Date.now() };
    const admin = newToken();
    const invite = newToken();
    await this.#clubs.createClub(club, [
      { hash: hashToken(admin), role: 'admin' },
      { hash: hashToken(invite), role: 'member' },
    ]);
    return { club, links: { admin: clubLink(club.id, admin), invite: clubLink(club.id, invite) } };
  }

  /**
   * A new member invite link for the club (the raw link, shown once); the old one opens
   * nothing from now on. Members who joined keep their credentials.
   */
  async renewInvite(clubId: string): Promise<string> {
    const invite = newToken();
    await this.#clubs.replaceClubLink(clubId, 'member', hashToken(invite));
    return clubLink(clubId, invite);
  }

  /**
   * Someone opened a club link with a name: a member, and his credential (shown once). A
   * device that is a member already (`presented`, his credential) stays that member: the
   * admin link makes him an admin; he was silently left a plain member.
   */
  async join(clubId: string, linkToken: string, name: string, presented: string | null = null): Promise<{ member: ClubMemberRecord; credential: string; joined: boolean }> {
    const club = looksLikeSessionId(clubId) ? await this.#clubs.getClub(clubId) : null;
    if (!club) throw new HttpError(404, 'unknown club');
    const link = looksLikeToken(linkToken) ? await this.#clubs.findClubLink(hashToken(linkToken)) : null;
    if (!link || link.clubId !== clubId) throw new HttpError(401, 'invalid link for this club');
    const already = presented ? await this.memberOf(presented) : null;
    if (presented && already?.clubId === clubId) {
      if (link.role !== 'admin' || already.role === 'admin') return { member: already, credential: presented, joined: false };
      await this.#clubs.setMemberRole(already.id, 'admin');
      return { member: { ...already, role: 'admin' }, credential: presented, joined: false };
    }
    const credential = newToken();
    const member: ClubMemberRecord = { id: newSessionId(), clubId, name, role: link.role satisfies ClubRole, joinedAt: Date.now() };
    await this.#clubs.addMember(member, hashToken(credential));
    this.#onMember(member);
    return { member, credential, joined: true };
  }

  /** The member a credential belongs to, if it is one of this club's. */
  async member(clubId: string, credential: string | null): Promise<{ club: ClubRecord; member: ClubMemberRecord }> {
    const club = looksLikeSessionId(clubId) ? await this.#clubs.getClub(clubId) : null;
    if (!club) throw new HttpError(404, 'unknown club');
    if (!credential) throw new HttpError(401, 'missing credential');
    const member = await this.memberOf(credential);
    if (!member || member.clubId !== clubId) throw new HttpError(401, 'invalid credential for this club');
    return { club, member };
  }

  /** The member whose personal credential this is, in whichever club. */
  async memberOf(credential: string): Promise<ClubMemberRecord | null> {
    return looksLikeToken(credential) ? this.#clubs.findMemberByCredential(hashToken(credential)) : null;
  }
}
