// Schema versions of the session document and the migrations between them.
//
// Migration N takes a document at version N-1 to version N. The server runs
// migrateSessionDocument() when it loads a stored document, and any replica may run it too,
// so a migration must be safe to run concurrently on several replicas and to run twice:
// it may only set map keys to values computed from the document's content (two replicas
// then write the same value and converge), and delete keys. It must never insert into an
// array or a text, nor create a shared type at a fixed key (each replica would make its
// own copy). The version is written last, in the same transaction.
import type * as Y from 'yjs';
import { roots, write } from './schema.ts';
import { num, oneOf } from './fields.ts';
import { DEFAULT_VOTE_BUDGET } from './meta.ts';
import { PHASES } from './types.ts';

export interface Migration {
  /** The version this migration produces. */
  readonly version: number;
  readonly description: string;
  readonly up: (doc: Y.Doc) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      'Version the document: a document written before versioning (or created empty by a ' +
      'client) gets the meta and board defaults it lacks.',
    up(doc) {
      const { meta, board } = roots(doc);
      if (!meta.has('title')) meta.set('title', '');
      if (!meta.has('hostCompany')) meta.set('hostCompany', '');
      if (!meta.has('hostName')) meta.set('hostName', '');
      if (!meta.has('date')) meta.set('date', '');
      if (oneOf(meta, 'phase', PHASES, 'presentation') !== meta.get('phase')) meta.set('phase', 'presentation');
      if (!meta.has('createdAt')) meta.set('createdAt', 0);
      if (typeof board.get('privateWriting') !== 'boolean') board.set('privateWriting', false);
      const budget = board.get('voteBudget');
      if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 0) board.set('voteBudget', DEFAULT_VOTE_BUDGET);
    },
  },
  {
    version: 2,
    description:
      'Voting rounds: a session already in its brainstorm, with private writing over, keeps ' +
      'its voting open (before, voting needed no opening); counts of an open round are hidden ' +
      'by default, so a running vote keeps showing them as it did.',
    up(doc) {
      const { meta, board } = roots(doc);
      if (typeof board.get('votingOpen') === 'boolean') return;
      const voting = meta.get('phase') === 'brainstorm' && board.get('privateWriting') !== true;
      board.set('votingOpen', voting);
      if (voting) board.set('hideCounts', false);
    },
  },
  {
    version: 3,
    description:
      'Numbered voting rounds: each opening counts one more in board.voteRound, and each vote ' +
      'records its round, the budget being per round. Nothing is written: a board without ' +
      'voteRound, and a vote without round, read as round 0, every round opened before, ' +
      'counted as one as they were. The version tells an older release (which would tally ' +
      'the rounds together, and refuse a vote with a round) that it may only read.',
    up() {},
  },
];

/** Throws unless migrations are numbered 1, 2, ... up to CURRENT_SCHEMA_VERSION, no gaps. */
export function checkMigrations(migrations: readonly Migration[], current: number): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration at index ${i} has version ${m.version}, expected ${i + 1}`);
  });
  if (migrations.length !== current) {
    throw new Error(`migrations end at ${migrations.length}, but the current schema version is ${current}`);
  }
}

export function getSchemaVersion(doc: Y.Doc): number {
  return num(roots(doc).meta, 'schemaVersion', 0);
}

export type MigrationResult =
  | { readonly status: 'current'; readonly version: number }
  | { readonly status: 'migrated'; readonly from: number; readonly to: number }
  /** Written by a newer release: left untouched; the caller should not let this release write to it. */
  | { readonly status: 'newer'; readonly version: number }
  /** No meta at all: not a session, or a replica not synced yet. Left untouched (see below). */
  | { readonly status: 'empty' };

/**
 * Bring a loaded document to the current version. Idempotent; one transaction.
 *
 * A document whose meta is empty is left alone: on a client that has not finished its first
 * sync, writing defaults would race the server's real values (a concurrent write of the same
 * key may win by client id and blank the title). Run it on the server when a stored document
 * is loaded, or on a client only after its first sync.
 */
export function migrateSessionDocument(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const target = migrations.length;
  if (roots(doc).meta.size === 0) return { status: 'empty' };
  const from = getSchemaVersion(doc);
  if (from === target) return { status: 'current', version: from };
  if (from > target) return { status: 'newer', version: from };
  write(doc, () => {
    for (const m of migrations.slice(from)) m.up(doc);
    roots(doc).meta.set('schemaVersion', target);
  });
  return { status: 'migrated', from, to: target };
}
