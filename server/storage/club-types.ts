import type { ClubRole, SearchKind } from '../../shared/club.ts';
import type { ActionStatus } from '../../shared/session/index.ts';
import type { SessionRecord } from './types.ts';

export interface ClubRecord {
  id: string;
  name: string;
  network: string;
  createdAt: number;
}

export interface ClubMemberRecord {
  id: string;
  clubId: string;
  name: string;
  role: ClubRole;
  joinedAt: number;
}

/** A session that belongs to a club, and the member who hosts it. */
export interface ClubSessionLink {
  sessionId: string;
  clubId: string;
  hostMemberId: string;
}

/** A club session with what was last derived from its document (see SessionDigest). */
export interface ClubSessionRow extends SessionRecord {
  hostMemberId: string;
  /** JSON of the digest, or null before the document was first read. */
  digest: string | null;
}

/** The latest status of an action, set by its owner after the session. */
export interface FollowUpRecord {
  sessionId: string;
  actionId: string;
  clubId: string;
  status: ActionStatus;
  note: string;
  byId: string;
  at: number;
}

/** Clubs, their links and members, their sessions and the follow-up of their actions. */
export interface ClubStore {
  /** The club and the hashes of its admin and invite links. */
  createClub(club: ClubRecord, links: Array<{ hash: Buffer; role: ClubRole }>): Promise<void>;
  getClub(id: string): Promise<ClubRecord | null>;
  findClubLink(hash: Buffer): Promise<{ clubId: string; role: ClubRole } | null>;
  /** The hashes of the club's links of this role (one each, unless a database holds older ones). */
  clubLinkHashes(clubId: string, role: ClubRole): Promise<Buffer[]>;
  /**
   * Replaces every link of this role of the club with this one hash, at once: the old links
   * open nothing from then on. Members who joined through them keep their credentials.
   */
  replaceClubLink(clubId: string, role: ClubRole, hash: Buffer): Promise<void>;
  /** A new member and the hash of his personal credential. */
  addMember(member: ClubMemberRecord, credentialHash: Buffer): Promise<void>;
  findMemberByCredential(hash: Buffer): Promise<ClubMemberRecord | null>;
  /** A member's role changed (one who joined by the invite opened the admin link). */
  setMemberRole(memberId: string, role: ClubRole): Promise<void>;
  listMembers(clubId: string): Promise<ClubMemberRecord[]>;
  attachSession(link: ClubSessionLink): Promise<void>;
  clubOfSession(sessionId: string): Promise<ClubSessionLink | null>;
  /** Every session of the club, newest date first. */
  listSessions(clubId: string): Promise<ClubSessionRow[]>;
  /** Every club session of every club (to rebuild the search index). */
  listAllClubSessions(): Promise<ClubSessionLink[]>;
  saveDigest(sessionId: string, digest: string): Promise<void>;
  putFollowUp(record: FollowUpRecord): Promise<void>;
  listFollowUps(clubId: string): Promise<FollowUpRecord[]>;
}

export interface SearchEntry {
  kind: SearchKind;
  /** The id of the note, sticky or action; the section name for the problem; '' for the title. */
  ref: string;
  text: string;
}

export interface StoredSearchHit extends SearchEntry {
  sessionId: string;
}

/**
 * Full-text search over a club's sessions: SQLite FTS5 (`unicode61 remove_diacritics 2`)
 * or PostgreSQL's text search (with `unaccent` when the server has it). A derived index:
 * rebuilt from the documents when lost.
 */
export interface SearchIndex {
  /** Replaces every entry of one session. */
  replaceSession(clubId: string, sessionId: string, entries: readonly SearchEntry[]): Promise<void>;
  /** Entries of this club matching every word (folded, prefix), best first. */
  search(clubId: string, words: readonly string[], limit: number): Promise<StoredSearchHit[]>;
  /** How many sessions have entries (0 for an index that was lost). */
  indexedSessions(): Promise<number>;
  /** Drops every entry (for a rebuild). */
  clear(): Promise<void>;
}
