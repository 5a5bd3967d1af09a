import type pg from 'pg';
import type { Role } from '../../shared/protocol.ts';
import { participantFromRow } from './rows.ts';
import type { AccessStore, ParticipantRecord } from './types.ts';

/** The participants of sessions, created with the rest of the schema (see sqlite-access.ts). */
export const accessSchemaSql = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${schema}.session_participants (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES ${schema}.sessions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('host', 'member', 'screen')),
  joined_at BIGINT NOT NULL,
  removed_at BIGINT,
  credential_hash BYTEA NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS session_participants_by_session ON ${schema}.session_participants (session_id, joined_at);
`;

const COLUMNS = 'id, session_id, name, role, joined_at, removed_at';

/** Personal credentials and link replacement, on the pool of `PostgresStorage`. */
export class PostgresAccessStore implements AccessStore {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #t: string;

  constructor(pool: pg.Pool, schema: string) {
    this.#pool = pool;
    this.#schema = schema;
    this.#t = `${schema}.session_participants`;
  }

  async replaceLink(sessionId: string, role: Role, hash: Buffer): Promise<Buffer[]> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const old = await client.query(`DELETE FROM ${this.#schema}.session_tokens WHERE session_id = $1 AND role = $2 RETURNING token_hash`, [sessionId, role]);
      await client.query(`INSERT INTO ${this.#schema}.session_tokens (token_hash, session_id, role) VALUES ($1, $2, $3)`, [hash, sessionId, role]);
      await client.query('COMMIT');
      return (old.rows as Array<{ token_hash: Buffer }>).map((r) => r.token_hash);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async addParticipant(p: ParticipantRecord, credentialHash: Buffer): Promise<void> {
    await this.#pool.query(`INSERT INTO ${this.#t} (${COLUMNS}, credential_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      p.id, p.sessionId, p.name, p.role, p.joinedAt, p.removedAt, credentialHash,
    ]);
  }

  async findParticipant(credentialHash: Buffer): Promise<ParticipantRecord | null> {
    const { rows } = await this.#pool.query(`SELECT ${COLUMNS} FROM ${this.#t} WHERE credential_hash = $1`, [credentialHash]);
    const row = rows[0] as Record<string, unknown> | undefined;
    return row ? participantFromRow(row) : null;
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.#pool.query(`SELECT ${COLUMNS} FROM ${this.#t} WHERE session_id = $1 ORDER BY joined_at, id`, [sessionId]);
    return (rows as Array<Record<string, unknown>>).map(participantFromRow);
  }

  async renameParticipant(sessionId: string, participantId: string, name: string): Promise<boolean> {
    const r = await this.#pool.query(`UPDATE ${this.#t} SET name = $1 WHERE session_id = $2 AND id = $3 AND removed_at IS NULL`, [name, sessionId, participantId]);
    return (r.rowCount ?? 0) > 0;
  }

  async removeParticipant(sessionId: string, participantId: string, at: number): Promise<boolean> {
    const r = await this.#pool.query(`UPDATE ${this.#t} SET removed_at = $1 WHERE session_id = $2 AND id = $3 AND removed_at IS NULL`, [at, sessionId, participantId]);
    return (r.rowCount ?? 0) > 0;
  }

  async setParticipantRole(sessionId: string, participantId: string, role: Role): Promise<boolean> {
    const r = await this.#pool.query(`UPDATE ${this.#t} SET role = $1 WHERE session_id = $2 AND id = $3 AND removed_at IS NULL`, [role, sessionId, participantId]);
    return (r.rowCount ?? 0) > 0;
  }
}
