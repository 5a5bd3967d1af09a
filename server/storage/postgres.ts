import pg from 'pg';
import type { Role } from '../../shared/protocol.ts';
import { logOutgrewSnapshot, mergeIntoSnapshot, type LogSize } from './compaction.ts';
import { hashPrefixRange, linkFromRow, sessionFromRow } from './rows.ts';
import { accessSchemaSql, PostgresAccessStore } from './postgres-access.ts';
import type { ClubSessionLink } from './club-types.ts';
import type { AccessStore, ClubStore, DocStore, SearchIndex, SessionRecord, LinkRecord, SessionStore, Storage, StoredDocument } from './types.ts';
import { PostgresClubStore } from './postgres-clubs.ts';

const schemaSql = (schema: string) => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  host_company TEXT NOT NULL,
  host_name TEXT NOT NULL,
  date TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.session_tokens (
  token_hash BYTEA PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES ${schema}.sessions(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('host', 'member', 'screen'))
);
CREATE TABLE IF NOT EXISTS ${schema}.doc_snapshots (
  doc_id TEXT PRIMARY KEY,
  data BYTEA NOT NULL,
  updated_at BIGINT NOT NULL
);
-- The state vector of the snapshot, trusted only when written with it (state_vector_at =
-- updated_at): a version before these columns replaces the snapshot and leaves them. Added
-- once: ALTER TABLE locks the table against every other instance, even when it adds nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = '${schema}' AND table_name = 'doc_snapshots' AND column_name = 'state_vector_at') THEN
    ALTER TABLE ${schema}.doc_snapshots ADD COLUMN IF NOT EXISTS state_vector BYTEA, ADD COLUMN IF NOT EXISTS state_vector_at BIGINT;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS ${schema}.doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  doc_id TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON ${schema}.doc_updates (doc_id, seq);
`;

/** Rows of one append statement: 2 parameters a row, far below PostgreSQL's 65,535. */
const APPEND_ROWS = 1000;
/** Bytes of updates in one append statement (one larger update still goes, alone). */
const APPEND_BYTES = 16 * 1024 * 1024;

/**
 * Whether one row of a statement may be what made it fail (a data exception, an integrity
 * or size limit: SQLSTATE classes 22, 23, 54), so that its rows are worth trying one by one;
 * a lost connection or a server shutting down fails them all alike.
 */
function rowMayBeAtFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

/** An update waiting for its turn's commit. */
interface PendingAppend {
  readonly docId: string;
  readonly update: Uint8Array;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * PostgreSQL storage, shared by every instance of a scale-out. Same log-and-snapshot
 * model as SQLite; compaction takes a per-document advisory lock so two instances never
 * compact one document at once, and deletes only the rows it merged.
 */
export class PostgresStorage implements Storage, SessionStore, DocStore {
  readonly sessions: SessionStore = this;
  readonly docs: DocStore = this;
  readonly access: AccessStore;
  readonly clubs: ClubStore;
  readonly search: SearchIndex;
  readonly #pool: pg.Pool;
  readonly #schema: string;
  /** This instance's estimate of each document's log, to decide when to compact. */
  readonly #sizes = new Map<string, LogSize>();
  /** Appends waiting for their statement (appendUpdate). */
  #appends: PendingAppend[] = [];
  /** The statement in flight, or null: one at a time, so appends commit in the order asked for. */
  #inFlight: Promise<void> | null = null;
  /** The last append asked for, settled once it is answered (and so every one before it). */
  #lastAppend: Promise<unknown> = Promise.resolve();
  /** One statement at a time, in order (DocStore.appendsInOrder): a room asks for its next append at once. */
  readonly appendsInOrder = true;

  private constructor(pool: pg.Pool, schema: string, clubs: PostgresClubStore) {
    this.#pool = pool;
    this.#schema = schema;
    this.clubs = clubs;
    this.search = clubs;
    this.access = new PostgresAccessStore(pool, schema);
  }

  static async connect(url: string, schema = 'entraide'): Promise<PostgresStorage> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    await pool.query(schemaSql(schema));
    await pool.query(accessSchemaSql(schema));
    return new PostgresStorage(pool, schema, await PostgresClubStore.open(pool, schema));
  }

  async createSession(session: SessionRecord, tokenHashes: Array<{ hash: Buffer; role: Role }>, document: Uint8Array, club?: ClubSessionLink): Promise<void> {
    await this.#transaction(async (c) => {
      await c.query(`INSERT INTO ${this.#schema}.sessions (id, title, host_company, host_name, date, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        session.id,
        session.title,
        session.hostCompany,
        session.hostName,
        session.date,
        session.createdAt,
      ]);
      for (const { hash, role } of tokenHashes) {
        await c.query(`INSERT INTO ${this.#schema}.session_tokens (token_hash, session_id, role) VALUES ($1, $2, $3)`, [hash, session.id, role]);
      }
      if (club) {
        await c.query(`INSERT INTO ${this.#schema}.club_sessions (session_id, club_id, host_member_id) VALUES ($1, $2, $3)`, [club.sessionId, club.clubId, club.hostMemberId]);
      }
      await c.query(`INSERT INTO ${this.#schema}.doc_updates (doc_id, data) VALUES ($1, $2)`, [session.id, Buffer.from(document.buffer, document.byteOffset, document.byteLength)]);
    });
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const { rows } = await this.#pool.query(`SELECT id, title, host_company, host_name, date, created_at FROM ${this.#schema}.sessions WHERE id = $1`, [id]);
    const row = rows[0] as Record<string, unknown> | undefined;
    return row ? sessionFromRow(row) : null;
  }

  async findToken(hash: Buffer): Promise<LinkRecord | null> {
    const { rows } = await this.#pool.query(`SELECT session_id, role FROM ${this.#schema}.session_tokens WHERE token_hash = $1`, [hash]);
    const row = rows[0] as Record<string, unknown> | undefined;
    return row ? linkFromRow(row) : null;
  }

  async findLinksByHashPrefix(prefix: Buffer, role: Role): Promise<LinkRecord[]> {
    const { from, to } = hashPrefixRange(prefix);
    // bytea compares bytewise, a shorter value first: a range on the primary key.
    const { rows } = to
      ? await this.#pool.query(`SELECT session_id, role FROM ${this.#schema}.session_tokens WHERE token_hash >= $1 AND token_hash < $2 AND role = $3 LIMIT 2`, [from, to, role])
      : await this.#pool.query(`SELECT session_id, role FROM ${this.#schema}.session_tokens WHERE token_hash >= $1 AND role = $2 LIMIT 2`, [from, role]);
    return (rows as Array<Record<string, unknown>>).map(linkFromRow);
  }

  /**
   * Resolves once the update is committed, in the order asked for. The appends of an
   * event-loop turn (every room's) go to the server together, as one INSERT of many rows,
   * and those asked for while it is in flight go together in the next one (group commit, as
   * SQLite's): one round trip and one commit for a burst of updates instead of one each.
   * Nobody is told of an update before its commit. A statement that one of its rows may
   * have made fail is tried again row by row, so that a row that cannot be stored fails alone.
   */
  appendUpdate(docId: string, update: Uint8Array): Promise<void> {
    const appended = new Promise<void>((resolve, reject) => {
      this.#appends.push({ docId, update, resolve, reject });
      if (this.#appends.length === 1 && !this.#inFlight) setImmediate(this.#commitNext);
    });
    this.#lastAppend = appended.catch(() => undefined);
    return appended;
  }

  /** Sends the next statement of pending appends (APPEND_ROWS rows, APPEND_BYTES at most), unless one is in flight. */
  readonly #commitNext = (): void => {
    if (this.#inFlight || this.#appends.length === 0) return;
    let rows = 0;
    let bytes = 0;
    for (const { update } of this.#appends) {
      if (rows === APPEND_ROWS || (rows > 0 && bytes + update.byteLength > APPEND_BYTES)) break;
      rows += 1;
      bytes += update.byteLength;
    }
    const batch = this.#appends.splice(0, rows);
    this.#inFlight = this.#insert(batch)
      .then(
        () => this.#stored(batch),
        async (err: unknown) => {
          if (batch.length === 1 || !rowMayBeAtFault(err)) return batch.forEach((one) => one.reject(err));
          for (const one of batch) await this.#insert([one]).then(() => this.#stored([one]), (e: unknown) => one.reject(e));
        },
      )
      .finally(() => {
        this.#inFlight = null;
        this.#commitNext();
      });
  };

  #insert(batch: readonly PendingAppend[]): Promise<unknown> {
    const values = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const params = batch.flatMap(({ docId, update }) => [docId, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
    return this.#pool.query(`INSERT INTO ${this.#schema}.doc_updates (doc_id, data) VALUES ${values}`, params);
  }

  #stored(batch: readonly PendingAppend[]): void {
    for (const { docId, update, resolve } of batch) {
      const size = this.#sizes.get(docId) ?? { logBytes: 0, logCount: 0, snapshotBytes: 0 };
      size.logBytes += update.byteLength;
      size.logCount += 1;
      this.#sizes.set(docId, size);
      resolve();
    }
  }

  /**
   * Sends the pending appends now, and resolves once every append asked for so far is
   * answered (commits keep their order: the last one answered, all are): a read that
   * follows sees them, in the same turn too.
   */
  async #appendsAnswered(): Promise<void> {
    const last = this.#lastAppend;
    this.#commitNext();
    await last;
  }

  async loadUpdates(docId: string): Promise<Uint8Array[]> {
    return (await this.loadDocument(docId)).updates;
  }

  async loadDocument(docId: string): Promise<StoredDocument> {
    await this.#appendsAnswered();
    const client = await this.#pool.connect();
    try {
      // One snapshot-consistent read: a compaction committing in between cannot make us
      // miss rows or read them twice.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snap = await client.query(
        `SELECT data, CASE WHEN state_vector_at = updated_at THEN state_vector END AS state_vector FROM ${this.#schema}.doc_snapshots WHERE doc_id = $1`,
        [docId],
      );
      const log = await client.query(`SELECT data FROM ${this.#schema}.doc_updates WHERE doc_id = $1 ORDER BY seq`, [docId]);
      await client.query('COMMIT');
      const row = snap.rows[0] as { data: Buffer; state_vector: Buffer | null } | undefined;
      const snapshot = row?.data;
      const updates = (log.rows as Array<{ data: Buffer }>).map((r) => r.data);
      this.#sizes.set(docId, {
        logBytes: updates.reduce((n, u) => n + u.byteLength, 0),
        logCount: updates.length,
        snapshotBytes: snapshot?.byteLength ?? 0,
      });
      return { updates: snapshot ? [snapshot, ...updates] : updates, snapshotStateVector: row?.state_vector ?? null };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  shouldCompact(docId: string): boolean {
    const size = this.#sizes.get(docId);
    return size ? logOutgrewSnapshot(size) : false;
  }

  async compact(docId: string): Promise<void> {
    await this.#appendsAnswered();
    await this.#transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`entraide:compact:${docId}`]);
      const snap = await c.query(`SELECT data FROM ${this.#schema}.doc_snapshots WHERE doc_id = $1`, [docId]);
      const log = await c.query(`SELECT seq, data FROM ${this.#schema}.doc_updates WHERE doc_id = $1 ORDER BY seq`, [docId]);
      const rows = log.rows as Array<{ seq: string; data: Buffer }>;
      if (rows.length === 0) return;
      const snapshot = (snap.rows[0] as { data: Buffer } | undefined)?.data;
      const merged = mergeIntoSnapshot(snapshot ? [snapshot, ...rows.map((r) => r.data)] : rows.map((r) => r.data));
      await c.query(
        `INSERT INTO ${this.#schema}.doc_snapshots (doc_id, data, updated_at, state_vector, state_vector_at) VALUES ($1, $2, $3, $4, $3)
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
           state_vector = excluded.state_vector, state_vector_at = excluded.state_vector_at`,
        [docId, Buffer.from(merged.update), Date.now(), Buffer.from(merged.stateVector)],
      );
      // Exactly the rows merged: a row with a lower seq may commit after our read (seqs
      // are taken before commit), and "seq <= last" would delete it unmerged.
      await c.query(`DELETE FROM ${this.#schema}.doc_updates WHERE doc_id = $1 AND seq = ANY($2::bigint[])`, [docId, rows.map((r) => r.seq)]);
      this.#sizes.set(docId, { logBytes: 0, logCount: 0, snapshotBytes: merged.update.byteLength });
    });
  }

  async listDocs(prefix: string): Promise<string[]> {
    if (prefix === '') throw new RangeError('listDocs needs a prefix');
    await this.#appendsAnswered();
    // starts_with compares bytes whatever the database's collation.
    const { rows } = await this.#pool.query(
      `SELECT doc_id FROM ${this.#schema}.doc_snapshots WHERE starts_with(doc_id, $1)
       UNION SELECT DISTINCT doc_id FROM ${this.#schema}.doc_updates WHERE starts_with(doc_id, $1)`,
      [prefix],
    );
    return (rows as Array<{ doc_id: string }>).map((r) => r.doc_id);
  }

  async storedBytes(docId: string): Promise<number> {
    await this.#appendsAnswered();
    const { rows } = await this.#pool.query(
      `SELECT COALESCE((SELECT SUM(LENGTH(data)) FROM ${this.#schema}.doc_updates WHERE doc_id = $1), 0)
            + COALESCE((SELECT LENGTH(data) FROM ${this.#schema}.doc_snapshots WHERE doc_id = $1), 0) AS bytes`,
      [docId],
    );
    return Number((rows[0] as { bytes: string }).bytes);
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#appendsAnswered();
    await this.#pool.end();
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
