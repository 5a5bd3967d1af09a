// Dot votes and their tally.
//
// Each vote is an immutable entry under a unique id: { voterId, voterName, stickyId, seq, at,
// round }. seq is a Lamport clock: 1 + the largest seq among the votes the voter's replica
// holds. Votes are totally ordered by (seq, id). Two devices of one member, or a merge after
// offline voting, can leave a member with more votes than his budget; the tally then keeps,
// for each member, his first `budget` votes in that order among the votes on stickies that
// still exist, and ignores the rest. Every replica holding the same entries computes the same
// tally. Lowering the budget or deleting a sticky changes which votes count, deterministically.
//
// Each round (voting.ts, `board.voteRound`) gives everyone his whole budget: a vote records
// the round it was given in, and the budget is counted per voter, round and kind of target
// (a round is on ideas or on groups). A run-off among the top ideas started with every point
// of the first round spent (*0 sur 5*) when the budget was per kind only. A vote written
// without a round is of round 0: every round of a session begun before rounds were numbered,
// counted as one, as it was then. What a round shows is its own points (roundTally); the
// session's results (tally: the Synthèse, the summary) are those of its latest round on
// ideas and its latest on groups: once a round on groups has points, the groups rank by its
// points alone (rankGroups), before it by their ideas'.
//
// While a round hides its counts, a voter's points go to his own private document (the
// `votes` root of `<sessionId>/private/<participantId>`, same entries), which syncs to his
// devices and the server alone: nobody, not even a script holding a member's link, can
// tally the room before the close. The server moves every private point onto the board in
// the change that closes the round or shows the counts (moveHiddenVotes), and empties the
// private documents after.
import type * as Y from 'yjs';
import { entities, roots, write } from './schema.ts';
import { compareStrings, num, record, str } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { getBoardSettings, getGroups, getStickies, liveGroupId } from './board.ts';
import { clearCounts, countsOf, setCountOf } from './facilitation.ts';
import { getVotingSettings, roundNumber } from './voting.ts';
import type { VoteTarget } from './voting.ts';
import type { PrivateOwner } from './private.ts';
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
      round: roundNumber(rec.round),
    });
  });
  return out.sort(compareVotes);
}

/** The total order of votes: Lamport seq, then id. */
export function compareVotes(a: Vote, b: Vote): number {
  return a.seq - b.seq || compareStrings(a.id, b.id);
}

/**
 * Put one dot on a sticky, in `doc`: the session document, or the voter's private document
 * while the round hides its counts (`around` is then the session document, whose votes the
 * Lamport clock counts too). The dot is of the round open in the session document (whichever
 * of the two it is: a private document holds no `board`). Check can(..., {kind: 'castVote',
 * votesUsed}) first.
 */
export function castVote(doc: Y.Doc, voter: Person, stickyId: string, opts?: CreateOptions, around?: Y.Doc | null): string {
  const id = idOf(opts);
  let seq = 0;
  let round = 0;
  for (const d of around ? [doc, around] : [doc]) {
    roots(d).votes.forEach((value) => {
      const rec = record(value);
      if (rec) seq = Math.max(seq, num(rec, 'seq'));
    });
    round = Math.max(round, openRound(d));
  }
  roots(doc).votes.set(id, { voterId: voter.participantId, voterName: voter.name, stickyId, seq: seq + 1, at: timeOf(opts), round });
  return id;
}

/** The round `doc`'s board says is open (or was last): 0 for a document with none. */
function openRound(doc: Y.Doc): number {
  return roundNumber(roots(doc).board.get('voteRound'));
}

/**
 * Take back one of the voter's dots on a sticky given in the round open now: his latest in
 * the total order, whether in `doc` or in `around` (the session document and his private
 * one, either way round). The points of the rounds before stay as they were given.
 */
export function retractVote(doc: Y.Doc, voterId: string, stickyId: string, around?: Y.Doc | null): boolean {
  const round = Math.max(openRound(doc), around ? openRound(around) : 0);
  const onSticky = (d: Y.Doc) => getVotes(d).filter((v) => v.voterId === voterId && v.stickyId === stickyId && v.round === round).map((vote) => ({ vote, d }));
  const mine = [...onSticky(doc), ...(around ? onSticky(around) : [])].sort((a, b) => compareVotes(a.vote, b.vote));
  const last = mine[mine.length - 1];
  if (!last) return false;
  roots(last.d).votes.delete(last.vote.id);
  return true;
}

export interface Tally {
  readonly budget: number;
  /** Ids of the votes that count, in the total order. */
  readonly countedVoteIds: readonly string[];
  /** stickyId -> counted votes, for stickies with at least one. */
  readonly bySticky: Readonly<Record<string, number>>;
  /** voterId -> counted votes, ideas and groups together, of every round tallied. */
  readonly byVoter: Readonly<Record<string, number>>;
  /** Votes that do not count: over budget, or on a deleted sticky. */
  readonly ignored: number;
}

/**
 * The deterministic tally of a list of votes, given the stickies that exist and the budget.
 * A point on one of `groupIds` is of a round on groups. Each voter has `budget` points in
 * each round, on each kind (round 0, the rounds before they were numbered, had both kinds):
 * the rounds never take from each other, so the tally of some rounds' votes alone is what
 * the tally of all would count of them.
 */
export function tallyVotes(votes: readonly Vote[], existingStickyIds: ReadonlySet<string>, budget: number, groupIds: ReadonlySet<string> = NO_IDS): Tally {
  const byVoter: Record<string, number> = {};
  // "<round> <g|s> <voterId>" -> counted votes: the budget is per voter, round and kind.
  const spent = new Map<string, number>();
  const byStickyMap = new Map<string, number>();
  const counted: string[] = [];
  let ignored = 0;
  for (const v of [...votes].sort(compareVotes)) {
    const key = `${v.round} ${groupIds.has(v.stickyId) ? 'g' : 's'} ${v.voterId}`;
    const used = spent.get(key) ?? 0;
    if (!existingStickyIds.has(v.stickyId) || used >= budget) {
      ignored++;
      continue;
    }
    spent.set(key, used + 1);
    byVoter[v.voterId] = (byVoter[v.voterId] ?? 0) + 1;
    byStickyMap.set(v.stickyId, (byStickyMap.get(v.stickyId) ?? 0) + 1);
    counted.push(v.id);
  }
  const byStickyEntries = [...byStickyMap].sort(([a], [b]) => compareStrings(a, b));
  return { budget, countedVoteIds: counted, bySticky: Object.fromEntries(byStickyEntries), byVoter, ignored };
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The session's results: the points of its latest round on ideas and of its latest round on
 * groups (resultVotes). In a round on groups a vote's `stickyId` names a group: both kinds
 * count, the ideas ranked by their round's points, the groups by theirs (rankGroups).
 */
export function tally(doc: Y.Doc): Tally {
  const targets = voteTargets(doc);
  const groups = groupIdsOf(doc);
  const budget = getBoardSettings(doc).voteBudget;
  return tallyVotes(resultVotes(getVotes(doc), targets, budget, groups).votes, targets, budget, groups);
}

/** The points of one round (by default the one open now, or the last): what the board shows during and after it. */
export function roundTally(doc: Y.Doc, round: number = getVotingSettings(doc).round): Tally {
  return tallyVotes(getVotes(doc).filter((v) => v.round === round), voteTargets(doc), getBoardSettings(doc).voteBudget, groupIdsOf(doc));
}

export interface ResultVotes {
  /** The votes of the rounds below, those that count and those that do not. */
  readonly votes: readonly Vote[];
  /** The latest round with a counted point on an idea, or null. */
  readonly ideasRound: number | null;
  /** The latest round with a counted point on a group, or null. */
  readonly groupsRound: number | null;
}

/**
 * The votes the results are made of: per kind of target, those of the latest round with a
 * point counted on that kind (a run-off on the top ideas replaces the first round's ranking
 * of them; a round on groups and one on ideas both stand). A round opened with no point
 * given yet (or all still hidden in private documents) leaves the one before as the results.
 */
export function resultVotes(votes: readonly Vote[], existingStickyIds: ReadonlySet<string>, budget: number, groupIds: ReadonlySet<string> = NO_IDS): ResultVotes {
  const counted = new Set(tallyVotes(votes, existingStickyIds, budget, groupIds).countedVoteIds);
  const latest = (onGroups: boolean, countedOnly: boolean): number | null => {
    let round: number | null = null;
    for (const v of votes) if (groupIds.has(v.stickyId) === onGroups && (!countedOnly || counted.has(v.id))) round = Math.max(round ?? 0, v.round);
    return round;
  };
  const ideasRound = latest(false, true);
  const groupsRound = latest(true, true);
  // A kind with no point counted (all on ideas deleted since) keeps its latest round's, uncounted.
  const ideas = ideasRound ?? latest(false, false);
  const groups = groupsRound ?? latest(true, false);
  const kept = votes.filter((v) => v.round === (groupIds.has(v.stickyId) ? groups : ideas));
  return { votes: kept, ideasRound, groupsRound };
}

/** The rounds that have points on the board (counted ones), in order. */
export function roundsWithPoints(doc: Y.Doc): number[] {
  const t = tallyVotes(getVotes(doc), voteTargets(doc), getBoardSettings(doc).voteBudget, groupIdsOf(doc));
  const counted = new Set(t.countedVoteIds);
  return [...new Set(getVotes(doc).filter((v) => counted.has(v.id)).map((v) => v.round))].sort((a, b) => a - b);
}

/** Whether a vote on `id` counts: an idea or a group of that id is on the board. */
export function isVoteTarget(doc: Y.Doc, id: string): boolean {
  return voteTargetKind(doc, id) !== null;
}

/** What a point on `id` is on: an idea, a group, or nothing on the board. */
export function voteTargetKind(doc: Y.Doc, id: string): VoteTarget | null {
  const r = roots(doc);
  return r.stickies.has(id) ? 'stickies' : r.groups.has(id) ? 'groups' : null;
}

/**
 * How many of the voter's votes on the board count toward his budget on `kind` in `round`
 * (by default the one open now): those of that round on an idea (or a group) still there.
 * What the castVote rule compares with the budget, on the server as on his devices (ownTally).
 */
export function votesCountedFor(doc: Y.Doc, voterId: string, kind: VoteTarget, round: number = openRound(doc)): number {
  let n = 0;
  roots(doc).votes.forEach((value) => {
    const v = record(value);
    if (v?.voterId === voterId && typeof v.stickyId === 'string' && roundNumber(v.round) === round && voteTargetKind(doc, v.stickyId) === kind) n++;
  });
  return n;
}

function groupIdsOf(doc: Y.Doc): Set<string> {
  return new Set(entities(roots(doc).groups).map(([id]) => id));
}

/**
 * A point's target as the session document `doc` holds it now: a group merged since into
 * another of its title (group-merge.ts) stands for that one; anything else is itself. Points
 * on the board move with their group at the merge; those still in a private document while
 * a round hides its counts are read, and moved at the close, through this.
 */
export function currentTarget(doc: Y.Doc, id: string): string {
  const r = roots(doc);
  if (r.stickies.has(id) || r.groups.has(id)) return id;
  return liveGroupId(r, id) ?? id;
}

/** What a vote may be on: the stickies and the groups that exist. */
function voteTargets(doc: Y.Doc): Set<string> {
  const r = roots(doc);
  return new Set([...entities(r.stickies), ...entities(r.groups)].map(([id]) => id));
}

/** How many of the voter's votes count in the open round: what the castVote rule compares to the budget. */
export function votesUsedBy(doc: Y.Doc, voterId: string): number {
  return ownTally(doc, null, voterId).used;
}

export interface RankedSticky {
  readonly sticky: Sticky;
  readonly votes: number;
  readonly rank: number;
}

export interface RankedGroup {
  readonly group: Group;
  /**
   * Its own counted points when the tally has points on groups (a round on groups: what the
   * room gave them); else the sum of the counted points on its ideas.
   */
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

/**
 * Groups by points, most first; ties by creation time then id. Once a round on groups has
 * points in the tally, a group's points are its own from it: adding its ideas' points of a
 * round on ideas to them ranked Financement (20 on one of its ideas) with Compétences (the
 * room's 20 on the groups), or above the group the room put first. Before any, a group's
 * points are its ideas'.
 */
export function rankGroups(groups: readonly Group[], stickies: readonly Sticky[], t: Tally): RankedGroup[] {
  const onGroups = groups.some((g) => (t.bySticky[g.id] ?? 0) > 0);
  const rows = groups
    .map((group) => {
      const members = stickies.filter((s) => s.groupId === group.id && !s.hidden);
      return {
        group,
        votes: onGroups ? (t.bySticky[group.id] ?? 0) : members.reduce((sum, s) => sum + (t.bySticky[s.id] ?? 0), 0),
        stickyIds: members.map((s) => s.id),
      };
    })
    .sort((a, b) => b.votes - a.votes || a.group.createdAt - b.group.createdAt || compareStrings(a.group.id, b.group.id));
  return withRanks(rows);
}

/** The ideas ranked by the session's results (tally), or by one round's points. */
export function rankedStickies(doc: Y.Doc, round?: number): RankedSticky[] {
  return rankStickies(getStickies(doc), round === undefined ? tally(doc) : roundTally(doc, round));
}

/** The groups ranked by the session's results (tally), or by one round's points. */
export function rankedGroups(doc: Y.Doc, round?: number): RankedGroup[] {
  return rankGroups(getGroups(doc), getStickies(doc), round === undefined ? tally(doc) : roundTally(doc, round));
}

function withRanks<T extends { votes: number }>(rows: T[]): Array<T & { rank: number }> {
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.votes !== rows[i - 1]?.votes) rank = i + 1;
    return { ...row, rank };
  });
}

// Points in a round that hides its counts (see the top of this file).

/** Where a voter's next point goes: his private document while the round hides its counts. */
export function voteHome(sessionDoc: Y.Doc, privateDoc: Y.Doc | null, countsHidden: boolean): { home: Y.Doc; around: Y.Doc | null } {
  return countsHidden && privateDoc ? { home: privateDoc, around: sessionDoc } : { home: sessionDoc, around: privateDoc };
}

/**
 * A voter's own points in the round open now (or the last) as he sees them: those on the
 * board and those still in his private document (a round with hidden counts), tallied as the
 * board will tally them at the close. The rounds before are not his to spend or take back.
 */
export function ownTally(sessionDoc: Y.Doc, privateDoc: Y.Doc | null, voterId: string): { bySticky: Record<string, number>; used: number } {
  const onBoard = getVotes(sessionDoc);
  const ids = new Set(onBoard.map((v) => v.id));
  // Outside such a round a private document holds no point that counts: the close moved
  // them, and one given after it is refused and undone (a device offline may hold it a while).
  const settings = getBoardSettings(sessionDoc);
  const hiding = getVotingSettings(sessionDoc);
  const hidden = privateDoc && hiding.open && hiding.hideCounts
    ? getVotes(privateDoc).filter((v) => !ids.has(v.id)).map((v) => ({ ...v, voterId, stickyId: currentTarget(sessionDoc, v.stickyId) }))
    : [];
  const mine = [...onBoard.filter((v) => v.voterId === voterId), ...hidden].filter((v) => v.round === hiding.round);
  const groups = groupIdsOf(sessionDoc);
  const t = tallyVotes(mine, voteTargets(sessionDoc), settings.voteBudget, groups);
  const counted = new Set(t.countedVoteIds);
  const bySticky: Record<string, number> = {};
  // What is used is of the round's kind: points on groups leave those on ideas whole.
  const onGroups = hiding.target === 'groups';
  let used = 0;
  for (const v of mine) {
    if (!counted.has(v.id)) continue;
    bySticky[v.stickyId] = (bySticky[v.stickyId] ?? 0) + 1;
    if (groups.has(v.stickyId) === onGroups) used++;
  }
  return { bySticky, used };
}

/** How many votes `voterId` has in `doc`, counted or not (a private document's points, for the room's progress). */
export function countVotesBy(doc: Y.Doc, voterId: string): number {
  let n = 0;
  roots(doc).votes.forEach((value) => {
    if (record(value)?.voterId === voterId) n++;
  });
  return n;
}

/**
 * The close of a round with hidden counts (or its counts shown), in the session document:
 * every point in the owners' private documents lands on the board with its id, target,
 * Lamport seq and time, in its owner's name (the name the session knows for him). Call it
 * inside the change that closes the round. Returns how many were moved.
 */
export function moveHiddenVotes(sessionDoc: Y.Doc, owners: readonly PrivateOwner[]): number {
  const r = roots(sessionDoc);
  let moved = 0;
  write(sessionDoc, () => {
    for (const owner of owners) {
      const known = record(r.participants.get(owner.participantId));
      for (const v of getVotes(owner.doc)) {
        if (r.votes.get(v.id) !== undefined || !v.stickyId) continue;
        const name = (known && str(known, 'name')) || v.voterName || '?';
        r.votes.set(v.id, { voterId: owner.participantId, voterName: name, stickyId: currentTarget(sessionDoc, v.stickyId), seq: v.seq, at: v.at, round: v.round });
        moved++;
      }
    }
    clearCounts(sessionDoc, HIDDEN_VOTES_PREFIX);
  });
  return moved;
}

/** Empties a private document of the votes `moved` says the close put on the board. */
export function clearPrivateVotes(privateDoc: Y.Doc, moved: (voteId: string) => boolean): void {
  const votes = roots(privateDoc).votes;
  const ids = [...votes.keys()].filter(moved);
  if (ids.length === 0) return;
  write(privateDoc, () => {
    for (const id of ids) votes.delete(id);
  });
}

// How far a round with hidden counts has come, without a point of it: the server keeps how
// many points each voter has given in the session document (`facilitation`, the server's
// only, key `hiddenVotes.<participantId>`), for the host and the screen.
const HIDDEN_VOTES_PREFIX = 'hiddenVotes.';

export function setHiddenVoteProgress(sessionDoc: Y.Doc, participantId: string, points: number): void {
  setCountOf(sessionDoc, HIDDEN_VOTES_PREFIX, participantId, points);
}

export interface HiddenVoteProgress {
  /** Points given so far in the round, everyone's. */
  readonly points: number;
  /** Each voter's count, by participant id. */
  readonly byVoter: Readonly<Record<string, number>>;
}

/** How far the open round that hides its counts has come (never to what). */
export function getHiddenVoteProgress(sessionDoc: Y.Doc): HiddenVoteProgress {
  const { total, byId } = countsOf(sessionDoc, HIDDEN_VOTES_PREFIX);
  return { points: total, byVoter: byId };
}

/**
 * How many people have given points: in the open round that hides its counts, those who gave
 * some in it (the server's count); otherwise those with points on the board in the round
 * (open now, or the last) on its kind.
 */
export function voterCount(sessionDoc: Y.Doc): number {
  const settings = getVotingSettings(sessionDoc);
  if (settings.open && settings.hideCounts) return Object.keys(getHiddenVoteProgress(sessionDoc).byVoter).length;
  // Those with points in the round, on its kind: a run-off started with everyone who voted
  // in the first round counted as having given points.
  return new Set(getVotes(sessionDoc).filter((v) => v.round === settings.round && voteTargetKind(sessionDoc, v.stickyId) === settings.target).map((v) => v.voterId)).size;
}
