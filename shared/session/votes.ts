// Dot votes and their tally.
//
// Each vote is an immutable entry under a unique id: { voterId, voterName, stickyId, seq, at }.
// seq is a Lamport clock: 1 + the largest seq among the votes the voter's replica holds.
// Votes are totally ordered by (seq, id). Two devices of one member, or a merge after
// offline voting, can leave a member with more votes than his budget; the tally then keeps,
// for each member, his first `budget` votes in that order among the votes on stickies that
// still exist, and ignores the rest. Every replica holding the same entries computes the same
// tally. Lowering the budget or deleting a sticky changes which votes count, deterministically.
import type * as Y from 'yjs';
import { entities, roots } from './schema.ts';
import { compareStrings, num, record, str } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { getBoardSettings, getGroups, getStickies } from './board.ts';
import type { CreateOptions, Group, Person, Sticky, Vote } from './types.ts';

export function getVotes(doc: Y.Doc): Vote[] {
  const out: Vote[] = [];
  roots(doc).votes.forEach((value, id) => {
    const rec = record(value);
    if (!rec) return;
    out.push({
      id,
      voterId: str(rec, 'voterId'),
      voterName: str(rec, 'voterName'),
      stickyId: str(rec, 'stickyId'),
      seq: num(rec, 'seq'),
      at: num(rec, 'at'),
    });
  });
  return out.sort(compareVotes);
}

/** The total order of votes: Lamport seq, then id. */
export function compareVotes(a: Vote, b: Vote): number {
  return a.seq - b.seq || compareStrings(a.id, b.id);
}

/** Put one dot on a sticky. Check can(..., {kind: 'castVote', votesUsed}) first. */
export function castVote(doc: Y.Doc, voter: Person, stickyId: string, opts?: CreateOptions): string {
  const id = idOf(opts);
  const votes = roots(doc).votes;
  let seq = 0;
  votes.forEach((value) => {
    const rec = record(value);
    if (rec) seq = Math.max(seq, num(rec, 'seq'));
  });
  votes.set(id, { voterId: voter.participantId, voterName: voter.name, stickyId, seq: seq + 1, at: timeOf(opts) });
  return id;
}

/** Take back one of the voter's dots on a sticky: his latest in the total order. */
export function retractVote(doc: Y.Doc, voterId: string, stickyId: string): boolean {
  const mine = getVotes(doc).filter((v) => v.voterId === voterId && v.stickyId === stickyId);
  const last = mine[mine.length - 1];
  if (!last) return false;
  roots(doc).votes.delete(last.id);
  return true;
}

export interface Tally {
  readonly budget: number;
  /** Ids of the votes that count, in the total order. */
  readonly countedVoteIds: readonly string[];
  /** stickyId -> counted votes, for stickies with at least one. */
  readonly bySticky: Readonly<Record<string, number>>;
  /** voterId -> counted votes. */
  readonly byVoter: Readonly<Record<string, number>>;
  /** Votes that do not count: over budget, or on a deleted sticky. */
  readonly ignored: number;
}

/** The deterministic tally of a list of votes, given the stickies that exist and the budget. */
export function tallyVotes(votes: readonly Vote[], existingStickyIds: ReadonlySet<string>, budget: number): Tally {
  const byVoter: Record<string, number> = {};
  const byStickyMap = new Map<string, number>();
  const counted: string[] = [];
  let ignored = 0;
  for (const v of [...votes].sort(compareVotes)) {
    const used = byVoter[v.voterId] ?? 0;
    if (!existingStickyIds.has(v.stickyId) || used >= budget) {
      ignored++;
      continue;
    }
    byVoter[v.voterId] = used + 1;
    byStickyMap.set(v.stickyId, (byStickyMap.get(v.stickyId) ?? 0) + 1);
    counted.push(v.id);
  }
  const byStickyEntries = [...byStickyMap].sort(([a], [b]) => compareStrings(a, b));
  return { budget, countedVoteIds: counted, bySticky: Object.fromEntries(byStickyEntries), byVoter, ignored };
}

/** In a round on groups a vote's `stickyId` names a group: both kinds of target count. */
export function tally(doc: Y.Doc): Tally {
  const r = roots(doc);
  const existing = new Set([...entities(r.stickies), ...entities(r.groups)].map(([id]) => id));
  return tallyVotes(getVotes(doc), existing, getBoardSettings(doc).voteBudget);
}

/** How many of the voter's votes count now: what the castVote rule compares to the budget. */
export function votesUsedBy(doc: Y.Doc, voterId: string): number {
  return tally(doc).byVoter[voterId] ?? 0;
}

export interface RankedSticky {
  readonly sticky: Sticky;
  readonly votes: number;
  readonly rank: number;
}

export interface RankedGroup {
  readonly group: Group;
  /** Sum of the counted votes on its stickies. */
  readonly votes: number;
  readonly stickyIds: readonly string[];
  readonly rank: number;
}

/**
 * Stickies by counted votes, most first; ties by creation time then id. Equal votes share
 * a rank (1, 2, 2, 4). Hidden stickies are left out.
 */
export function rankStickies(stickies: readonly Sticky[], t: Tally): RankedSticky[] {
  const rows = stickies
    .filter((s) => !s.hidden)
    .map((sticky) => ({ sticky, votes: t.bySticky[sticky.id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.sticky.createdAt - b.sticky.createdAt || compareStrings(a.sticky.id, b.sticky.id));
  return withRanks(rows);
}

export function rankGroups(groups: readonly Group[], stickies: readonly Sticky[], t: Tally): RankedGroup[] {
  const rows = groups
    .map((group) => {
      const members = stickies.filter((s) => s.groupId === group.id && !s.hidden);
      return {
        group,
        votes: members.reduce((sum, s) => sum + (t.bySticky[s.id] ?? 0), t.bySticky[group.id] ?? 0),
        stickyIds: members.map((s) => s.id),
      };
    })
    .sort((a, b) => b.votes - a.votes || a.group.createdAt - b.group.createdAt || compareStrings(a.group.id, b.group.id));
  return withRanks(rows);
}

export function rankedStickies(doc: Y.Doc): RankedSticky[] {
  return rankStickies(getStickies(doc), tally(doc));
}

export function rankedGroups(doc: Y.Doc): RankedGroup[] {
  return rankGroups(getGroups(doc), getStickies(doc), tally(doc));
}

function withRanks<T extends { votes: number }>(rows: T[]): Array<T & { rank: number }> {
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.votes !== rows[i - 1]?.votes) rank = i + 1;
    return { ...row, rank };
  });
}
