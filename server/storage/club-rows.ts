import type { ClubRole, SearchKind } from '../../shared/club.ts';
import type { ActionStatus } from '../../shared/session/index.ts';
import type { ClubMemberRecord, ClubRecord, ClubSessionLink, ClubSessionRow, FollowUpRecord, StoredSearchHit } from './club-types.ts';
import { sessionFromRow } from './rows.ts';

// Both stores name the club columns alike: one mapping from a row to a record.

export function clubFromRow(row: Record<string, unknown>): ClubRecord {
  return { id: String(row.id), name: String(row.name), network: String(row.network), createdAt: Number(row.created_at) };
}

export function linkFromRow(row: Record<string, unknown>): { clubId: string; role: ClubRole } {
  return { clubId: String(row.club_id), role: String(row.role) as ClubRole };
}

export function memberFromRow(row: Record<string, unknown>): ClubMemberRecord {
  return { id: String(row.id), clubId: String(row.club_id), name: String(row.name), role: String(row.role) as ClubRole, joinedAt: Number(row.joined_at) };
}

export function clubSessionFromRow(row: Record<string, unknown>): ClubSessionLink {
  return { sessionId: String(row.session_id), clubId: String(row.club_id), hostMemberId: String(row.host_member_id) };
}

export function clubSessionRowFromRow(row: Record<string, unknown>): ClubSessionRow {
  return {
    ...sessionFromRow(row),
    hostMemberId: String(row.host_member_id),
    digest: row.digest === null || row.digest === undefined ? null : String(row.digest),
  };
}

export function followUpFromRow(row: Record<string, unknown>): FollowUpRecord {
  return {
    sessionId: String(row.session_id),
    actionId: String(row.action_id),
    clubId: String(row.club_id),
    status: String(row.status) as ActionStatus,
    note: String(row.note),
    byId: String(row.by_id),
    at: Number(row.at),
  };
}

export function hitFromRow(row: Record<string, unknown>): StoredSearchHit {
  return { sessionId: String(row.session_id), kind: String(row.kind) as SearchKind, ref: String(row.ref), text: String(row.text) };
}
