import type pg from 'pg';
import type { ClubRole } from '../../shared/club.ts';
import { foldText } from '../../shared/search-text.ts';
import type {
  ClubMemberRecord, ClubRecord, ClubSessionLink, ClubSessionRow, ClubStore, FollowUpRecord, SearchEntry, SearchIndex,
  StoredSearchHit,
} from './club-types.ts';
import { clubFromRow, clubSessionFromRow, clubSessionRowFromRow, followUpFromRow, hitFromRow, linkFromRow, memberFromRow } from './club-rows.ts';

/** The club tables, created with the rest of the schema (see sqlite-clubs.ts). */
export const clubSchemaSql = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${schema}.clubs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  network TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.club_links (
  token_hash BYTEA PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES ${schema}.clubs(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member'))
);
CREATE TABLE IF NOT EXISTS ${schema}.club_members (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES ${schema}.clubs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  joined_at BIGINT NOT NULL,
  credential_hash BYTEA NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS club_members_by_club ON ${schema}.club_members (club_id, joined_at);
CREATE TABLE IF NOT EXISTS ${schema}.club_sessions (
  session_id TEXT PRIMARY KEY REFERENCES ${schema}.sessions(id) ON DELETE CASCADE,
  club_id TEXT NOT NULL REFERENCES ${schema}.clubs(id) ON DELETE CASCADE,
  host_member_id TEXT NOT NULL,
  digest TEXT
);
CREATE INDEX IF NOT EXISTS club_sessions_by_club ON ${schema}.club_sessions (club_id);
CREATE TABLE IF NOT EXISTS ${schema}.action_followups (
  session_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  club_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
  note TEXT NOT NULL,
  by_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (session_id, action_id)
);
CREATE INDEX IF NOT EXISTS action_followups_by_club ON ${schema}.action_followups (club_id);
`;

/**
 * The search table. With the `unaccent` extension, a text search configuration that
 * unaccents every word indexes the text as written; without it, `norm` holds the text
 * folded by the server (lower case, no diacritics) and is what gets indexed.
 */
async function createSearchTable(pool: pg.Pool, schema: string): Promise<void> {
  let unaccent = true;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS unaccent');
  } catch {
    unaccent = false;
  }
  if (unaccent) {
    await pool.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE c.cfgname = 'entraide_search' AND n.nspname = '${schema}') THEN
        CREATE TEXT SEARCH CONFIGURATION ${schema}.entraide_search (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION ${schema}.entraide_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
      END IF;
    END $$`);
  }
  const vector = unaccent ? `to_tsvector('${schema}.entraide_search'::regconfig, text)` : `to_tsvector('simple'::regconfig, norm)`;
  await pool.query(`CREATE TABLE IF NOT EXISTS ${schema}.search_entries (
    club_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (${vector}) STORED
  );
  CREATE INDEX IF NOT EXISTS search_entries_tsv ON ${schema}.search_entries USING gin (tsv);
  CREATE INDEX IF NOT EXISTS search_entries_by_session ON ${schema}.search_entries (session_id);`);
}

/** Clubs and their search index in PostgreSQL, shared by every instance. */
export class PostgresClubStore implements ClubStore, SearchIndex {
  readonly #pool: pg.Pool;
  readonly #s: string;

  private constructor(pool: pg.Pool, schema: string) {
    this.#pool = pool;
    this.#s = schema;
  }

  static async open(pool: pg.Pool, schema: string): Promise<PostgresClubStore> {
    await pool.query(clubSchemaSql(schema));
    await createSearchTable(pool, schema);
    return new PostgresClubStore(pool, schema);
  }

  async createClub(club: ClubRecord, links: Array<{ hash: Buffer; role: ClubRole }>): Promise<void> {
    await this.#transaction(async (c) => {
      await c.query(`INSERT INTO ${this.#s}.clubs (id, name, network, created_at) VALUES ($1, $2, $3, $4)`, [club.id, club.name, club.network, club.createdAt]);
      for (const { hash, role } of links) await c.query(`INSERT INTO ${this.#s}.club_links (token_hash, club_id, role) VALUES ($1, $2, $3)`, [hash, club.id, role]);
    });
  }

  async getClub(id: string): Promise<ClubRecord | null> {
    return this.#one(`SELECT id, name, network, created_at FROM ${this.#s}.clubs WHERE id = $1`, [id], clubFromRow);
  }

  async findClubLink(hash: Buffer): Promise<{ clubId: string; role: ClubRole } | null> {
    return this.#one(`SELECT club_id, role FROM ${this.#s}.club_links WHERE token_hash = $1`, [hash], linkFromRow);
  }

  async clubLinkHashes(clubId: string, role: ClubRole): Promise<Buffer[]> {
    return this.#all(`SELECT token_hash FROM ${this.#s}.club_links WHERE club_id = $1 AND role = $2`, [clubId, role], (row) => row.token_hash as Buffer);
  }

  async replaceClubLink(clubId: string, role: ClubRole, hash: Buffer): Promise<void> {
    await this.#transaction(async (c) => {
      // Two renewals at once, on two instances: one after the other, so one link is left.
      await c.query(`SELECT id FROM ${this.#s}.clubs WHERE id = $1 FOR UPDATE`, [clubId]);
      await c.query(`DELETE FROM ${this.#s}.club_links WHERE club_id = $1 AND role = $2`, [clubId, role]);
      await c.query(`INSERT INTO ${this.#s}.club_links (token_hash, club_id, role) VALUES ($1, $2, $3)`, [hash, clubId, role]);
    });
  }

  async addMember(m: ClubMemberRecord, credentialHash: Buffer): Promise<void> {
    await this.#pool.query(`INSERT INTO ${this.#s}.club_members (id, club_id, name, role, joined_at, credential_hash) VALUES ($1, $2, $3, $4, $5, $6)`, [
      m.id, m.clubId, m.name, m.role, m.joinedAt, credentialHash,
    ]);
  }

  async setMemberRole(memberId: string, role: ClubRole): Promise<void> {
    await this.#pool.query(`UPDATE ${this.#s}.club_members SET role = $1 WHERE id = $2`, [role, memberId]);
  }

  async findMemberByCredential(hash: Buffer): Promise<ClubMemberRecord | null> {
    return this.#one(`SELECT id, club_id, name, role, joined_at FROM ${this.#s}.club_members WHERE credential_hash = $1`, [hash], memberFromRow);
  }

  async listMembers(clubId: string): Promise<ClubMemberRecord[]> {
    return this.#all(`SELECT id, club_id, name, role, joined_at FROM ${this.#s}.club_members WHERE club_id = $1 ORDER BY joined_at, id`, [clubId], memberFromRow);
  }

  async attachSession(link: ClubSessionLink): Promise<void> {
    await this.#pool.query(`INSERT INTO ${this.#s}.club_sessions (session_id, club_id, host_member_id) VALUES ($1, $2, $3)`, [link.sessionId, link.clubId, link.hostMemberId]);
  }

  async clubOfSession(sessionId: string): Promise<ClubSessionLink | null> {
    return this.#one(`SELECT session_id, club_id, host_member_id FROM ${this.#s}.club_sessions WHERE session_id = $1`, [sessionId], clubSessionFromRow);
  }

  async listSessions(clubId: string): Promise<ClubSessionRow[]> {
    return this.#all(
      `SELECT s.id, s.title, s.host_company, s.host_name, s.date, s.created_at, c.host_member_id, c.digest
         FROM ${this.#s}.club_sessions c JOIN ${this.#s}.sessions s ON s.id = c.session_id
        WHERE c.club_id = $1 ORDER BY s.date DESC, s.created_at DESC, s.id`,
      [clubId],
      clubSessionRowFromRow,
    );
  }

  async listAllClubSessions(): Promise<ClubSessionLink[]> {
    return this.#all(`SELECT session_id, club_id, host_member_id FROM ${this.#s}.club_sessions ORDER BY session_id`, [], clubSessionFromRow);
  }

  async saveDigest(sessionId: string, digest: string): Promise<void> {
    await this.#pool.query(`UPDATE ${this.#s}.club_sessions SET digest = $1 WHERE session_id = $2`, [digest, sessionId]);
  }

  async putFollowUp(r: FollowUpRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO ${this.#s}.action_followups (session_id, action_id, club_id, status, note, by_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (session_id, action_id) DO UPDATE SET status = excluded.status, note = excluded.note, by_id = excluded.by_id, at = excluded.at`,
      [r.sessionId, r.actionId, r.clubId, r.status, r.note, r.byId, r.at],
    );
  }

  async listFollowUps(clubId: string): Promise<FollowUpRecord[]> {
    return this.#all(`SELECT session_id, action_id, club_id, status, note, by_id, at FROM ${this.#s}.action_followups WHERE club_id = $1`, [clubId], followUpFromRow);
  }

  async replaceSession(clubId: string, sessionId: string, entries: readonly SearchEntry[]): Promise<void> {
    await this.#transaction(async (c) => {
      // One replacement of a session's entries at a time, across instances too: two at once
      // each deleted before the other inserted, and the session's entries were found twice.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`entraide:search:${sessionId}`]);
      await c.query(`DELETE FROM ${this.#s}.search_entries WHERE session_id = $1`, [sessionId]);
      for (const e of entries) {
        await c.query(`INSERT INTO ${this.#s}.search_entries (club_id, session_id, kind, ref, text, norm) VALUES ($1, $2, $3, $4, $5, $6)`, [
          clubId, sessionId, e.kind, e.ref, e.text, foldText(e.text),
        ]);
      }
    });
  }

  async search(clubId: string, words: readonly string[], limit: number): Promise<StoredSearchHit[]> {
    if (words.length === 0) return [];
    // Words are letters and digits only (searchWords), so they are safe as tsquery lexemes.
    const query = words.map((w) => `${w}:*`).join(' & ');
    return this.#all(
      `SELECT session_id, kind, ref, text FROM ${this.#s}.search_entries
        WHERE club_id = $1 AND tsv @@ to_tsquery('simple', $2)
        ORDER BY ts_rank(tsv, to_tsquery('simple', $2)) DESC, session_id, ref LIMIT $3`,
      [clubId, query, limit],
      hitFromRow,
    );
  }

  async indexedSessions(): Promise<number> {
    const n = await this.#one(`SELECT COUNT(DISTINCT session_id) AS n FROM ${this.#s}.search_entries`, [], (r) => Number(r.n));
    return n ?? 0;
  }

  async clear(): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#s}.search_entries`);
  }

  async #one<T>(sql: string, params: unknown[], map: (row: Record<string, unknown>) => T): Promise<T | null> {
    const { rows } = await this.#pool.query(sql, params);
    const row = rows[0] as Record<string, unknown> | undefined;
    return row ? map(row) : null;
  }

  async #all<T>(sql: string, params: unknown[], map: (row: Record<string, unknown>) => T): Promise<T[]> {
    const { rows } = await this.#pool.query(sql, params);
    return (rows as Array<Record<string, unknown>>).map(map);
  }

  async #transaction(body: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await body(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
