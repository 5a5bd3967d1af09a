import { describe, expect, it } from 'vitest';
import { clubSessionList, followUpRoundActions, isEarlier, type ClubSessions } from '../../../server/clubs/followup.ts';
import type { SessionDigest } from '../../../server/clubs/digest.ts';
import type { ClubSessionRow } from '../../../server/storage/club-types.ts';

const row = (id: string, date: string, createdAt: number): ClubSessionRow => ({
  id, title: `Séance ${id}`, hostCompany: 'X', hostName: 'Y', date, createdAt, hostMemberId: 'm1', digest: null,
});
const digest = (phase: SessionDigest['phase'], actions: Array<[string, SessionDigest['actions'][number]['status']]>, started = true): SessionDigest => ({
  phase, started, followUpRound: false, learnings: [],
  actions: actions.map(([id, status]) => ({ id, text: `action ${id}`, ownerId: 'm1', ownerName: 'Claire', due: null, status })),
});

// Rows come from the store newest first.
const data = (followUps: ClubSessions['followUps'] = new Map()): ClubSessions => ({
  rows: [
    { row: row('d', '2026-12-10', 40), digest: digest('presentation', [], false) },
    { row: row('c', '2026-12-03', 30), digest: digest('brainstorm', [['c1', 'todo']]) },
    { row: row('b', '2026-10-20', 20), digest: digest('closed', [['b1', 'todo'], ['b2', 'dropped']]) },
    { row: row('a', '2026-09-10', 10), digest: digest('closed', [['a1', 'doing'], ['a2', 'done']]) },
  ],
  followUps,
});

describe('a club’s sessions and the follow-up of their actions', () => {
  it('lists sessions upcoming, then live, then closed, newest first in each', () => {
    expect(clubSessionList(data()).map((s) => `${s.id}:${s.stage}`)).toEqual(['d:upcoming', 'c:live', 'b:closed', 'a:closed']);
  });

  it('tells earlier sessions by date, then by creation', () => {
    const c = { id: 'c', date: '2026-12-03', createdAt: 30 };
    expect(isEarlier(row('b', '2026-10-20', 99), c)).toBe(true);
    expect(isEarlier(row('x', '2026-12-03', 29), c)).toBe(true);
    expect(isEarlier(row('y', '2026-12-03', 31), c)).toBe(false);
    expect(isEarlier(row('c', '2026-12-03', 30), c)).toBe(false);
  });

  it('gives a session’s round the open actions of the earlier sessions, with the owners’ later statuses', () => {
    const c = { id: 'c', date: '2026-12-03', createdAt: 30 };
    expect(followUpRoundActions(data(), c).map((a) => `${a.actionId}:${a.status}`)).toEqual(['a1:doing', 'b1:todo']);
    // Marked done after this session was created: it stays in the round, done.
    const later = new Map([['a/a1', { sessionId: 'a', actionId: 'a1', clubId: 'k', status: 'done' as const, note: 'fini', byId: 'm1', at: 35 }]]);
    expect(followUpRoundActions(data(later), c).map((a) => `${a.actionId}:${a.status}:${a.note}`)).toEqual(['a1:done:fini', 'b1:todo:']);
    // Marked done before: no longer open, not in the round.
    const before = new Map([['a/a1', { sessionId: 'a', actionId: 'a1', clubId: 'k', status: 'done' as const, note: '', byId: 'm1', at: 25 }]]);
    expect(followUpRoundActions(data(before), c).map((a) => a.actionId)).toEqual(['b1']);
  });
});
