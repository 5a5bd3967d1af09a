// The actions of a club's sessions as followed up after them: each plan item with the
// latest status its owner gave it (the session's own status until he does).
import { isOpenStatus, type ClubSession, type FollowedAction, type SessionStage } from '../../shared/club.ts';
import type { SessionSummary } from '../../shared/session/index.ts';
import type { ClubSessionRow, ClubStore, FollowUpRecord } from '../storage/club-types.ts';
import { parseDigest, type SessionDigest } from './digest.ts';

export interface ClubSessions {
  rows: Array<{ row: ClubSessionRow; digest: SessionDigest | null }>;
  followUps: Map<string, FollowUpRecord>;
}

const key = (sessionId: string, actionId: string) => `${sessionId}/${actionId}`;

export async function readClubSessions(clubs: ClubStore, clubId: string): Promise<ClubSessions> {
  const [rows, followUps] = await Promise.all([clubs.listSessions(clubId), clubs.listFollowUps(clubId)]);
  return {
    rows: rows.map((row) => ({ row, digest: parseDigest(row.digest) })),
    followUps: new Map(followUps.map((f) => [key(f.sessionId, f.actionId), f])),
  };
}

export function stageOf(digest: SessionDigest | null): SessionStage {
  if (digest?.phase === 'closed') return 'closed';
  return digest?.started ? 'live' : 'upcoming';
}

const STAGE_ORDER: Record<SessionStage, number> = { upcoming: 0, live: 1, closed: 2 };

/** Upcoming, then live, then closed; newest first within each (rows come newest first). */
export function clubSessionList(data: ClubSessions): ClubSession[] {
  return data.rows
    .map(({ row, digest }): ClubSession => ({
      id: row.id,
      title: row.title,
      hostCompany: row.hostCompany,
      hostName: row.hostName,
      date: row.date,
      createdAt: row.createdAt,
      phase: digest?.phase ?? 'presentation',
      stage: stageOf(digest),
      hostMemberId: row.hostMemberId,
    }))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => STAGE_ORDER[a.s.stage] - STAGE_ORDER[b.s.stage] || a.i - b.i)
    .map(({ s }) => s);
}

/** Every action of the given sessions, with its followed-up status. */
export function followedActions(data: ClubSessions, include: (row: ClubSessionRow) => boolean = () => true): FollowedAction[] {
  const out: FollowedAction[] = [];
  // Oldest session first, then the plan's own order.
  for (const { row, digest } of [...data.rows].reverse()) {
    if (!digest || !include(row)) continue;
    for (const a of digest.actions) {
      const f = data.followUps.get(key(row.id, a.id));
      out.push({
        sessionId: row.id,
        sessionTitle: row.title,
        sessionDate: row.date,
        sessionClosed: digest.phase === 'closed',
        sessionHostId: row.hostMemberId,
        actionId: a.id,
        text: a.text,
        ownerId: a.ownerId,
        ownerName: a.ownerName,
        due: a.due,
        status: f?.status ?? a.status,
        note: f?.note ?? '',
        updatedAt: f?.at ?? null,
      });
    }
  }
  return out;
}

export function openActions(actions: readonly FollowedAction[]): FollowedAction[] {
  return actions.filter((a) => isOpenStatus(a.status));
}

/** Was `row` held before `session` (by date, then creation)? */
export function isEarlier(row: ClubSessionRow, session: { date: string; createdAt: number; id: string }): boolean {
  if (row.id === session.id) return false;
  return row.date < session.date || (row.date === session.date && row.createdAt < session.createdAt);
}

/**
 * The follow-up round of `session`: the actions of the club's earlier sessions that are
 * open, and those whose owner changed them since this session was created (so that an
 * action marked done during the round stays on the screen, marked done).
 */
export function followUpRoundActions(data: ClubSessions, session: { date: string; createdAt: number; id: string }): FollowedAction[] {
  return followedActions(data, (row) => isEarlier(row, session)).filter(
    (a) => isOpenStatus(a.status) || (a.updatedAt !== null && a.updatedAt >= session.createdAt),
  );
}

/**
 * The summary with each action as its owner has followed it up since the session (status and
 * note): what a member reads weeks later is where the plan stands, not where it stood at the
 * close (every action read *À faire* once their owners had marked them done).
 */
export function withFollowUps(summary: SessionSummary, records: readonly FollowUpRecord[]): SessionSummary {
  const latest = new Map(records.filter((f) => f.sessionId === summary.sessionId).map((f) => [f.actionId, f]));
  if (latest.size === 0) return summary;
  return {
    ...summary,
    actionPlan: summary.actionPlan.map((a) => {
      const f = latest.get(a.id);
      return f ? { ...a, status: f.status, note: f.note } : a;
    }),
  };
}
