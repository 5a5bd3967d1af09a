import type { Role } from '../../shared/protocol.ts';
import type { LinkRecord, ParticipantRecord, SessionRecord } from './types.ts';

// Both stores name their columns alike: one mapping from a row to a record.

export function sessionFromRow(row: Record<string, unknown>): SessionRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    hostCompany: String(row.host_company),
    hostName: String(row.host_name),
    date: String(row.date),
    createdAt: Number(row.created_at),
  };
}

export function linkFromRow(row: Record<string, unknown>): LinkRecord {
  return { sessionId: String(row.session_id), role: String(row.role) as Role };
}

export function participantFromRow(row: Record<string, unknown>): ParticipantRecord {
  return {
    id: String(row.id),
    sessionId: String(row.session_id),
    name: String(row.name),
    role: String(row.role) as Role,
    joinedAt: Number(row.joined_at),
    removedAt: row.removed_at === null || row.removed_at === undefined ? null : Number(row.removed_at),
  };
}

/** The bounds of the hashes that start with `prefix`: [from, to), `to` null when unbounded. */
export function hashPrefixRange(prefix: Buffer): { from: Buffer; to: Buffer | null } {
  const to = Buffer.from(prefix);
  for (let i = to.length - 1; i >= 0; i--) {
    if (to[i] !== 0xff) {
      to[i] = (to[i] as number) + 1;
      return { from: Buffer.from(prefix), to: to.subarray(0, i + 1) };
    }
  }
  return { from: Buffer.from(prefix), to: null };
}
