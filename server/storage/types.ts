import type { Role } from '../../shared/protocol.ts';
import type { ClubStore, SearchIndex } from './club-types.ts';

export type { ClubStore, SearchIndex } from './club-types.ts';

/** A session as stored: what `POST /api/sessions` was given, and when. */
export interface SessionRecord {
  id: string;
  title: string;
  hostCompany: string;
  hostName: string;
  date: string;
  createdAt: number;
}

/** One of a session's links as stored: the session and the role it grants (the token is only a hash). */
export interface LinkRecord {
  sessionId: string;
  role: Role;
}

/** Sessions and the hashes of their capability tokens. Raw tokens are never stored. */
export interface SessionStore {
  createSession(session: SessionRecord, tokenHashes: Array<{ hash: Buffer; role: Role }>): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  findToken(hash: Buffer): Promise<LinkRecord | null>;
}

/**
 * The durable log of a document: an append-only list of Yjs updates on top of one
 * snapshot. Appends never overwrite; compaction merges the snapshot and the log it has
 * read into a new snapshot and deletes only the rows it merged, in one transaction, so
 * an update appended meanwhile (by this or another instance) is never lost.
 */
export interface DocStore {
  /** Resolves once the update is durable (survives a kill -9 of the process). */
  appendUpdate(docId: string, update: Uint8Array): Promise<void>;
  /** The snapshot (if any) then every update since, in append order. */
  loadUpdates(docId: string): Promise<Uint8Array[]>;
  /** Merges the log into the snapshot. */
  compact(docId: string): Promise<void>;
  /** Whether the log has grown enough that compacting now pays for itself. */
  shouldCompact(docId: string): boolean;
  /** Bytes held for the document: snapshot plus log. */
  storedBytes(docId: string): Promise<number>;
}

export interface Storage {
  sessions: SessionStore;
  docs: DocStore;
  clubs: ClubStore;
  /** The club search index: derived from the documents, rebuilt from them if lost. */
  search: SearchIndex;
  /** Answers when storage can serve requests (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
