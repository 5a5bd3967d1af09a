import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Role } from '../../shared/protocol.ts';
import { participantFromRow } from './rows.ts';
import type { AccessStore, ParticipantRecord } from './types.ts';

/**
 * The participants of sessions, created with the rest of the schema (`IF NOT EXISTS`: a
 * database from before personal credentials gains the table at its next start).
 */
export const ACCESS_SCHEMA = `
CREATE TABLE IF NOT EXISTS session_participants (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('host', 'member', 'screen')),
  joined_at INTEGER NOT NULL,
  removed_at INTEGER,
  credential_hash BLOB NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS session_participants_by_session ON session_participants (session_id, joined_at);
`;

const COLUMNS = 'id, session_id, name, role, joined_at, removed_at';

/** Personal credentials and link replacement on the SQLite connection of `SqliteStorage`. */
export class SqliteAccessStore implements AccessStore {
  readonly #db: DatabaseSync;
  readonly #stmt: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const prepare = (sql: string) => db.prepare(sql);
    this.#stmt = {
      links: prepare('SELECT token_hash FROM session_tokens WHERE session_id = ? AND role = ?'),
      dropLink: prepare('DELETE FROM session_tokens WHERE session_id = ? AND role = ?'),
      insertLink: prepare('INSERT INTO session_tokens (token_hash, session_id, role) VALUES (?, ?, ?)'),
      insert: prepare(`INSERT INTO session_participants (${COLUMNS}, credential_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      find: prepare(`SELECT ${COLUMNS} FROM session_participants WHERE credential_hash = ?`),
      list: prepare(`SELECT ${COLUMNS} FROM session_participants WHERE session_id = ? ORDER BY joined_at, id`),
      rename: prepare('UPDATE session_participants SET name = ? WHERE session_id = ? AND id = ? AND removed_at IS NULL'),
      remove: prepare('UPDATE session_participants SET removed_at = ? WHERE session_id = ? AND id = ? AND removed_at IS NULL'),
      role: prepare('UPDATE session_participants SET role = ? WHERE session_id = ? AND id = ? AND removed_at IS NULL'),
    };
  }

  async replaceLink(sessionId: string, role: Role, hash: Buffer): Promise<Buffer[]> {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const old = this.#stmt.links!.all(sessionId, role).map((row) => Buffer.from(row.token_hash as Uint8Array));
      this.#stmt.dropLink!.run(sessionId, role);
      this.#stmt.insertLink!.run(hash, sessionId, role);
      this.#db.exec('COMMIT');
      return old;
    } catch (err) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  async addParticipant(p: ParticipantRecord, credentialHash: Buffer): Promise<void> {
    this.#stmt.insert!.run(p.id, p.sessionId, p.name, p.role, p.joinedAt, p.removedAt, credentialHash);
  }

  async findParticipant(credentialHash: Buffer): Promise<ParticipantRecord | null> {
    const row = this.#stmt.find!.get(credentialHash);
    return row ? participantFromRow(row) : null;
  }

  async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
    return this.#stmt.list!.all(sessionId).map(participantFromRow);
  }

  async renameParticipant(sessionId: string, participantId: string, name: string): Promise<boolean> {
    return Number(this.#stmt.rename!.run(name, sessionId, participantId).changes) > 0;
  }

  async removeParticipant(sessionId: string, participantId: string, at: number): Promise<boolean> {
    return Number(this.#stmt.remove!.run(at, sessionId, participantId).changes) > 0;
  }

  async setParticipantRole(sessionId: string, participantId: string, role: Role): Promise<boolean> {
    return Number(this.#stmt.role!.run(role, sessionId, participantId).changes) > 0;
  }
}
