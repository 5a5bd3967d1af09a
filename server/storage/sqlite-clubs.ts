import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ClubRole } from '../../shared/club.ts';
import type {
  ClubMemberRecord, ClubRecord, ClubSessionLink, ClubSessionRow, ClubStore, FollowUpRecord, SearchEntry, SearchIndex,
  StoredSearchHit,
} from './club-types.ts';
import { clubFromRow, clubSessionFromRow, clubSessionRowFromRow, followUpFromRow, hitFromRow, linkFromRow, memberFromRow } from './club-rows.ts';

/**
 * The club tables, created with the rest of the schema (`CREATE ... IF NOT EXISTS`: a
 * database from before clubs gains them at its next start; sessions without a club are
 * untouched, their club is a row of `club_sessions` they simply do not have).
 */
export const CLUB_SCHEMA = `
CREATE TABLE IF NOT EXISTS clubs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  network TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS club_links (
  token_hash BLOB PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member'))
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS club_members (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  joined_at INTEGER NOT NULL,
  credential_hash BLOB NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS club_members_by_club ON club_members (club_id, joined_at);
CREATE TABLE IF NOT EXISTS club_sessions (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  club_id TEXT NOT NULL REFERENCES clubs(id) ON DELETE CASCADE,
  host_member_id TEXT NOT NULL,
  digest TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS club_sessions_by_club ON club_sessions (club_id);
CREATE TABLE IF NOT EXISTS action_followups (
  session_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  club_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
  note TEXT NOT NULL,
  by_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session_id, action_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS action_followups_by_club ON action_followups (club_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_entries USING fts5(
  club_id UNINDEXED, session_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, text,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

/** Clubs and their search index on the SQLite connection of `SqliteStorage`. */
export class SqliteClubStore implements ClubStore, SearchIndex {
  readonly #db: DatabaseSync;
  readonly #stmt: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const prepare = (sql: string) => db.prepare(sql);
    this.#stmt = {
      insertClub: prepare('INSERT INTO clubs (id, name, network, created_at) VALUES (?, ?, ?, ?)'),
      insertLink: prepare('INSERT INTO club_links (token_hash, club_id, role) VALUES (?, ?, ?)'),
      getClub: prepare('SELECT id, name, network, created_at FROM clubs WHERE id = ?'),
      findLink: prepare('SELECT club_id, role FROM club_links WHERE token_hash = ?'),
      linkHashes: prepare('SELECT token_hash FROM club_links WHERE club_id = ? AND role = ?'),
      dropLinks: prepare('DELETE FROM club_links WHERE club_id = ? AND role = ?'),
      insertMember: prepare('INSERT INTO club_members (id, club_id, name, role, joined_at, credential_hash) VALUES (?, ?, ?, ?, ?, ?)'),
      memberRole: prepare('UPDATE club_members SET role = ? WHERE id = ?'),
      memberByCredential: prepare('SELECT id, club_id, name, role, joined_at FROM club_members WHERE credential_hash = ?'),
      members: prepare('SELECT id, club_id, name, role, joined_at FROM club_members WHERE club_id = ? ORDER BY joined_at, id'),
      attach: prepare('INSERT INTO club_sessions (session_id, club_id, host_member_id) VALUES (?, ?, ?)'),
      clubOfSession: prepare('SELECT session_id, club_id, host_member_id FROM club_sessions WHERE session_id = ?'),
      sessions: prepare(
        `SELECT s.id, s.title, s.host_company, s.host_name, s.date, s.created_at, c.host_member_id, c.digest
           FROM club_sessions c JOIN sessions s ON s.id = c.session_id
          WHERE c.club_id = ? ORDER BY s.date DESC, s.created_at DESC, s.id`,
      ),
      allSessions: prepare('SELECT session_id, club_id, host_member_id FROM club_sessions ORDER BY session_id'),
      saveDigest: prepare('UPDATE club_sessions SET digest = ? WHERE session_id = ?'),
      putFollowUp: prepare(
        `INSERT INTO action_followups (session_id, action_id, club_id, status, note, by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, action_id) DO UPDATE SET status = excluded.status, note = excluded.note, by_id = excluded.by_id, at = excluded.at`,
      ),
      followUps: prepare('SELECT session_id, action_id, club_id, status, note, by_id, at FROM action_followups WHERE club_id = ?'),
      deleteEntries: prepare('DELETE FROM search_entries WHERE session_id = ?'),
      insertEntry: prepare('INSERT INTO search_entries (club_id, session_id, kind, ref, text) VALUES (?, ?, ?, ?, ?)'),
      search: prepare(
        `SELECT session_id, kind, ref, text FROM search_entries
          WHERE search_entries MATCH ? AND club_id = ? ORDER BY rank LIMIT ?`,
      ),
      indexedSessions: prepare('SELECT COUNT(DISTINCT session_id) AS n FROM search_entries'),
      clear: prepare('DELETE FROM search_entries'),
    };
  }

  async createClub(club: ClubRecord, links: Array<{ hash: Buffer; role: ClubRole }>): Promise<void> {
    this.#transaction(() => {
      this.#stmt.insertClub!.run(club.id, club.name, club.network, club.createdAt);
      for (const { hash, role } of links) this.#stmt.insertLink!.run(hash, club.id, role);
    });
  }

  async getClub(id: string): Promise<ClubRecord | null> {
    const row = this.#stmt.getClub!.get(id);
    return row ? clubFromRow(row) : null;
  }

  async findClubLink(hash: Buffer): Promise<{ clubId: string; role: ClubRole } | null> {
    const row = this.#stmt.findLink!.get(hash);
    return row ? linkFromRow(row) : null;
  }

  async clubLinkHashes(clubId: string, role: ClubRole): Promise<Buffer[]> {
    return this.#stmt.linkHashes!.all(clubId, role).map((row) => Buffer.from(row.token_hash as Uint8Array));
  }

  async replaceClubLink(clubId: string, role: ClubRole, hash: Buffer): Promise<void> {
    this.#transaction(() => {
      this.#stmt.dropLinks!.run(clubId, role);
      this.#stmt.insertLink!.run(hash, clubId, role);
    });
  }

  async addMember(m: ClubMemberRecord, credentialHash: Buffer): Promise<void> {
    this.#stmt.insertMember!.run(m.id, m.clubId, m.name, m.role, m.joinedAt, credentialHash);
  }

  async setMemberRole(memberId: string, role: ClubRole): Promise<void> {
    this.#stmt.memberRole!.run(role, memberId);
  }

  async findMemberByCredential(hash: Buffer): Promise<ClubMemberRecord | null> {
    const row = this.#stmt.memberByCredential!.get(hash);
    return row ? memberFromRow(row) : null;
  }

  async listMembers(clubId: string): Promise<ClubMemberRecord[]> {
    return this.#stmt.members!.all(clubId).map(memberFromRow);
  }

  async attachSession(link: ClubSessionLink): Promise<void> {
    this.#stmt.attach!.run(link.sessionId, link.clubId, link.hostMemberId);
  }

  async clubOfSession(sessionId: string): Promise<ClubSessionLink | null> {
    const row = this.#stmt.clubOfSession!.get(sessionId);
    return row ? clubSessionFromRow(row) : null;
  }

  async listSessions(clubId: string): Promise<ClubSessionRow[]> {
    return this.#stmt.sessions!.all(clubId).map(clubSessionRowFromRow);
  }

  async listAllClubSessions(): Promise<ClubSessionLink[]> {
    return this.#stmt.allSessions!.all().map(clubSessionFromRow);
  }

  async saveDigest(sessionId: string, digest: string): Promise<void> {
    this.#stmt.saveDigest!.run(digest, sessionId);
  }

  async putFollowUp(r: FollowUpRecord): Promise<void> {
    this.#stmt.putFollowUp!.run(r.sessionId, r.actionId, r.clubId, r.status, r.note, r.byId, r.at);
  }

  async listFollowUps(clubId: string): Promise<FollowUpRecord[]> {
    return this.#stmt.followUps!.all(clubId).map(followUpFromRow);
  }

  async replaceSession(clubId: string, sessionId: string, entries: readonly SearchEntry[]): Promise<void> {
    this.#transaction(() => {
      this.#stmt.deleteEntries!.run(sessionId);
      for (const e of entries) this.#stmt.insertEntry!.run(clubId, sessionId, e.kind, e.ref, e.text);
    });
  }

  async search(clubId: string, words: readonly string[], limit: number): Promise<StoredSearchHit[]> {
    if (words.length === 0) return [];
    // Each word quoted (no FTS5 syntax gets through) and a prefix: "trésor" finds "trésorerie".
    const match = words.map((w) => `"${w.replaceAll('"', '')}"*`).join(' AND ');
    return this.#stmt.search!.all(`text : (${match})`, clubId, limit).map(hitFromRow);
  }

  async indexedSessions(): Promise<number> {
    return Number(this.#stmt.indexedSessions!.get()?.n ?? 0);
  }

  async clear(): Promise<void> {
    this.#stmt.clear!.run();
  }

  #transaction(body: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      body();
      this.#db.exec('COMMIT');
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }
}
