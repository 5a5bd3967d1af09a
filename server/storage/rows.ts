import type { Role } from '../../shared/protocol.ts';
import type { LinkRecord, SessionRecord } from './types.ts';

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
