import type { Role } from '../../shared/protocol.ts';
import type { ClubSessionLink, ClubStore, SearchIndex } from './club-types.ts';
import type { MergedSnapshot } from './compaction.ts';

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

/** Someone who entered a session with a name, and got a personal credential. */
export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
  role: Role;
  joinedAt: number;
  /** When the host removed him: his credential opens nothing since. */
  removedAt: number | null;
}

/**
 * Who may enter a session beyond its links: the participants' personal credentials (only
 * their SHA-256 is stored), and the replacement of a revoked link.
 */
export interface AccessStore {
  /** The link of `role` now has this hash; the old one opens nothing. Resolves with the old hashes. */
  replaceLink(sessionId: string, role: Role, hash: Buffer): Promise<Buffer[]>;
  addParticipant(participant: ParticipantRecord, credentialHash: Buffer): Promise<void>;
  findParticipant(credentialHash: Buffer): Promise<ParticipantRecord | null>;
  /** Everyone who joined, removed people included, in order of arrival. */
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
  /** False when there is no such participant still in the session. */
  renameParticipant(sessionId: string, participantId: string, name: string): Promise<boolean>;
  removeParticipant(sessionId: string, participantId: string, at: number): Promise<boolean>;
  /** The participant now holds `role` (a member who opened the host link); false when he is not in the session. */
  setParticipantRole(sessionId: string, participantId: string, role: Role): Promise<boolean>;
}

/** Sessions and the hashes of their capability tokens. Raw tokens are never stored. */
export interface SessionStore {
  /**
   * The session, its links' hashes, the first state of its document and its club (if
   * any), in one transaction: a failure leaves none of them.
   */
  createSession(session: SessionRecord, tokenHashes: Array<{ hash: Buffer; role: Role }>, document: Uint8Array, club?: ClubSessionLink): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  findToken(hash: Buffer): Promise<LinkRecord | null>;
  /**
   * The links of `role` whose token hash starts with `prefix` (a short join code, see
   * shared/join-code.ts), at most two: a range on the hashes' index.
   */
  findLinksByHashPrefix(prefix: Buffer, role: Role): Promise<LinkRecord[]>;
}

/**
 * The durable log of a document: an append-only list of Yjs updates on top of one
 * snapshot. Appends never overwrite; compaction merges the snapshot and the log it has
 * read into a new snapshot and deletes only the rows it merged, in one transaction, so
 * an update appended meanwhile (by this or another instance) is never lost.
 */
export interface DocStore {
  /**
   * Resolves once the update is durable (survives a kill -9 of the process). `holder`: the
   * document in memory that holds the update already (DocHolder).
   */
  appendUpdate(docId: string, update: Uint8Array, holder?: DocHolder): Promise<void>;
  /**
   * True when appends asked for one after another, without waiting, are stored in that
   * order and a compaction can never delete one it did not merge: a room then asks for the
   * next before the previous one is stored. Otherwise it waits for each.
   */
  readonly appendsInOrder?: boolean;
  /** The snapshot (if any) then every update since, in append order. */
  loadUpdates(docId: string): Promise<Uint8Array[]>;
  /**
   * The same read, with the snapshot's state vector where storage keeps it. `holder`: the
   * document in memory these updates are loaded into (DocHolder).
   */
  loadDocument?(docId: string, holder?: DocHolder): Promise<StoredDocument>;
  /** Merges the log into the snapshot; or stores `holder`'s encoding, where that is safe (DocHolder). */
  compact(docId: string, holder?: DocHolder): Promise<void>;
  /** `holder` is gone (its room unloaded): nothing more is kept about it. */
  release?(docId: string, holder: DocHolder): void;
  /** Whether the log has grown enough that compacting now pays for itself. */
  shouldCompact(docId: string): boolean;
  /** Bytes held for the document: snapshot plus log. */
  storedBytes(docId: string): Promise<number>;
  /**
   * Ids of the documents stored whose id starts with `prefix` (a session's private
   * documents: `<sessionId>/private/`), in no particular order.
   */
  listDocs(prefix: string): Promise<string[]>;
}

/**
 * A document in memory (a room's) that holds everything it was loaded with and every update
 * appended with it, each applied to it before its append. Where the store knows that every
 * row it holds for the document came so, and that nobody else replaced its snapshot since,
 * a compaction can store the holder's encoding instead of merging the stored rows again
 * (SqliteStorage: a merge on cold code took 12-38 ms of the main thread in scenario 1, the
 * encoding about 1). A row or snapshot from anywhere else (another process on the same file,
 * the worker's compaction, an append without this holder) puts the store back to merging.
 */
export interface DocHolder {
  /** The whole document, as a compaction stores it. */
  encode(): MergedSnapshot;
}

/** A document as storage holds it (DocStore.loadDocument). */
export interface StoredDocument {
  /** The snapshot (if any) then every update since, in append order. */
  updates: Uint8Array[];
  /**
   * The state vector of the snapshot, `updates[0]`, as written with it; null when there is
   * no snapshot or none was written with it (an earlier version wrote the snapshot).
   */
  snapshotStateVector: Uint8Array | null;
}

export interface Storage {
  sessions: SessionStore;
  access: AccessStore;
  docs: DocStore;
  clubs: ClubStore;
  /** The club search index: derived from the documents, rebuilt from them if lost. */
  search: SearchIndex;
  /** Answers when storage can serve requests (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
