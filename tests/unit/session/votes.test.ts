import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, castVote, clearPrivateVotes, countVotesBy, createGroup, deleteSticky, getGroups, getHiddenVoteProgress, getStickies, getVotes,
  moveHiddenVotes, ownTally, rankGroups, rankStickies, rankedGroups, rankedStickies, registerParticipant, retractVote, setHiddenVoteProgress,
  setHideCounts, setStickyGroup, setVoteBudget, setVoteTarget, setVotingOpen, tally, tallyVotes, voteHome, voterCount, votesUsedBy,
  getVotingSettings, resultVotes, roundTally, roundsWithPoints,
} from '../../../shared/session/index.ts';
import type { Vote } from '../../../shared/session/index.ts';

const marc = { participantId: 'm', name: 'Marc' };
const nadia = { participantId: 'n', name: 'Nadia' };

const vote = (id: string, voterId: string, stickyId: string, seq: number, round = 0): Vote => ({
  id, voterId, voterName: voterId, stickyId, seq, at: 0, round,
});

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('tallyVotes', () => {
  it('keeps each member’s earliest votes by (seq, id) up to the budget', () => {
    const votes = [vote('b', 'm', 's1', 2), vote('a', 'm', 's2', 2), vote('c', 'm', 's1', 1), vote('d', 'n', 's2', 9)];
    const t = tallyVotes(votes, new Set(['s1', 's2']), 2);
    expect(t.countedVoteIds).toEqual(['c', 'a', 'd']);
    expect(t.bySticky).toEqual({ s1: 1, s2: 2 });
    expect(t.byVoter).toEqual({ m: 2, n: 1 });
    expect(t.ignored).toBe(1);
  });

  it('does not depend on the order the votes arrive in', () => {
    const votes = [vote('x', 'm', 's1', 3), vote('y', 'm', 's2', 1), vote('z', 'm', 's3', 2), vote('w', 'm', 's1', 2)];
    const expected = tallyVotes(votes, new Set(['s1', 's2', 's3']), 2);
    expect(tallyVotes([...votes].reverse(), new Set(['s1', 's2', 's3']), 2)).toEqual(expected);
    expect(expected.countedVoteIds).toEqual(['y', 'w']);
  });

  it('refunds votes on a deleted sticky', () => {
    const votes = [vote('a', 'm', 'gone', 1), vote('b', 'm', 's1', 2), vote('c', 'm', 's2', 3)];
    const t = tallyVotes(votes, new Set(['s1', 's2']), 2);
    expect(t.countedVoteIds).toEqual(['b', 'c']);
  });

  it('counts nothing with a budget of zero', () => {
    expect(tallyVotes([vote('a', 'm', 's1', 1)], new Set(['s1']), 0).countedVoteIds).toEqual([]);
  });
});

describe('votes in the document', () => {
  it('gives each new vote a Lamport seq above every vote seen', () => {
    const doc = new Y.Doc();
    addSticky(doc, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    castVote(doc, marc, 's', { id: 'v1', at: 1 });
    castVote(doc, nadia, 's', { id: 'v2', at: 2 });
    expect(getVotes(doc).map((v) => [v.id, v.seq])).toEqual([['v1', 1], ['v2', 2]]);
  });

  it('resolves concurrent over-budget votes from two devices the same way on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setVoteBudget(a, 2);
    addSticky(a, marc, { text: 'one', x: 0, y: 0 }, { id: 's1' });
    addSticky(a, marc, { text: 'two', x: 0, y: 0 }, { id: 's2' });
    sync(a, b);
    // Marc's laptop and phone, offline, each spend the whole budget.
    castVote(a, marc, 's1', { id: 'laptop-1' });
    castVote(a, marc, 's1', { id: 'laptop-2' });
    castVote(b, marc, 's2', { id: 'phone-1' });
    castVote(b, marc, 's2', { id: 'phone-2' });
    sync(a, b);
    expect(tally(a)).toEqual(tally(b));
    expect(tally(a).byVoter).toEqual({ m: 2 });
    // seq 1: laptop-1 and phone-1, ordered by id; the seq-2 votes are over budget.
    expect(tally(a).countedVoteIds).toEqual(['laptop-1', 'phone-1']);
    expect(votesUsedBy(a, 'm')).toBe(2);
  });

  it('counts a budget on ideas and one on groups, so a round on ideas after one on groups starts whole', () => {
    const doc = new Y.Doc();
    setVoteBudget(doc, 3);
    addSticky(doc, marc, { text: 'one', x: 0, y: 0 }, { id: 's1' });
    const g = createGroup(doc, marc, 'Financement');
    setStickyGroup(doc, 's1', g);
    setVoteTarget(doc, 'groups');
    for (let i = 0; i < 3; i++) castVote(doc, marc, g, { id: `g${i}` });
    expect(votesUsedBy(doc, 'm')).toBe(3);
    expect(voterCount(doc)).toBe(1);
    setVoteTarget(doc, 'stickies');
    expect(votesUsedBy(doc, 'm')).toBe(0);
    expect(voterCount(doc)).toBe(0);
    for (let i = 0; i < 4; i++) castVote(doc, marc, 's1', { id: `s${i}` });
    // Three on ideas count (the fourth is past the budget), and the three on the group still do.
    expect(tally(doc)).toMatchObject({ bySticky: { s1: 3, [g]: 3 }, byVoter: { m: 6 }, ignored: 1 });
    expect(ownTally(doc, null, 'm')).toEqual({ bySticky: { s1: 3, [g]: 3 }, used: 3 });
    expect(voterCount(doc)).toBe(1);
  });

  it('retracts the voter’s latest vote on a sticky', () => {
    const doc = new Y.Doc();
    addSticky(doc, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    castVote(doc, marc, 's', { id: 'v1' });
    castVote(doc, marc, 's', { id: 'v2' });
    expect(retractVote(doc, 'm', 's')).toBe(true);
    expect(getVotes(doc).map((v) => v.id)).toEqual(['v1']);
    expect(retractVote(doc, 'n', 's')).toBe(false);
  });

  it('lowers counted votes when the host lowers the budget', () => {
    const doc = new Y.Doc();
    addSticky(doc, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    for (let i = 0; i < 4; i++) castVote(doc, marc, 's', { id: `v${i}` });
    expect(tally(doc).bySticky).toEqual({ s: 4 });
    setVoteBudget(doc, 3);
    expect(tally(doc).bySticky).toEqual({ s: 3 });
    deleteSticky(doc, 's');
    expect(tally(doc)).toMatchObject({ bySticky: {}, ignored: 4 });
  });
});

describe('ranking', () => {
  it('ranks stickies by votes, ties by creation, with shared ranks', () => {
    const doc = new Y.Doc();
    for (const [id, at] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) addSticky(doc, marc, { text: id, x: 0, y: 0 }, { id, at });
    castVote(doc, marc, 'c');
    castVote(doc, marc, 'c');
    castVote(doc, nadia, 'b');
    castVote(doc, nadia, 'd');
    expect(rankedStickies(doc).map((r) => [r.sticky.id, r.votes, r.rank])).toEqual([
      ['c', 2, 1], ['b', 1, 2], ['d', 1, 2], ['a', 0, 4],
    ]);
  });

  it('ranks groups by the votes of their stickies', () => {
    const doc = new Y.Doc();
    const g1 = createGroup(doc, marc, 'Normes', { id: 'g1', at: 1 });
    const g2 = createGroup(doc, marc, 'Clients', { id: 'g2', at: 2 });
    addSticky(doc, marc, { text: 'a', x: 0, y: 0 }, { id: 'a', at: 1 });
    addSticky(doc, marc, { text: 'b', x: 0, y: 0 }, { id: 'b', at: 2 });
    addSticky(doc, marc, { text: 'c', x: 0, y: 0 }, { id: 'c', at: 3 });
    setStickyGroup(doc, 'a', g1);
    setStickyGroup(doc, 'b', g2);
    setStickyGroup(doc, 'c', g2);
    castVote(doc, marc, 'a');
    castVote(doc, marc, 'a');
    castVote(doc, nadia, 'b');
    castVote(doc, nadia, 'c');
    castVote(doc, nadia, 'c');
    expect(rankedGroups(doc).map((r) => [r.group.id, r.votes, r.rank, r.stickyIds])).toEqual([
      ['g2', 3, 1, ['b', 'c']], ['g1', 2, 2, ['a']],
    ]);
    const t = tally(doc);
    expect(rankGroups(getGroups(doc), getStickies(doc), t)).toEqual(rankedGroups(doc));
    expect(rankStickies(getStickies(doc), t).map((r) => [r.sticky.id, r.rank])).toEqual([['a', 1], ['c', 1], ['b', 3]]);
  });
});

describe('points in a round that hides its counts', () => {
  /** A session document with two ideas, a round open with hidden counts, and Marc's private document. */
  function round() {
    const session = new Y.Doc();
    const a = addSticky(session, nadia, { text: 'A', x: 0, y: 0 });
    const b = addSticky(session, nadia, { text: 'B', x: 300, y: 0 });
    setVoteBudget(session, 3);
    setVotingOpen(session, true, 1);
    return { session, own: new Y.Doc(), a, b };
  }

  it('go to the voter’s own document, ordered after those on the board, and count as his', () => {
    const { session, own, a, b } = round();
    // One point given before the counts were hidden stays on the board.
    setHideCounts(session, false);
    castVote(session, marc, a, { id: 'board' });
    setHideCounts(session, true);
    const { home, around } = voteHome(session, own, true);
    expect(home).toBe(own);
    castVote(home, marc, b, { id: 'p1' }, around);
    castVote(home, marc, b, { id: 'p2' }, around);
    expect(getVotes(own).map((v) => v.seq)).toEqual([2, 3]);
    expect(getVotes(session)).toHaveLength(1);
    expect(ownTally(session, own, 'm')).toEqual({ bySticky: { [a]: 1, [b]: 2 }, used: 3 });
    // Taking one back takes the latest, wherever it is.
    expect(retractVote(session, 'm', b, own)).toBe(true);
    expect(getVotes(own).map((v) => v.id)).toEqual(['p1']);
    expect(retractVote(session, 'm', a, own)).toBe(true);
    expect(getVotes(session)).toEqual([]);
    // Once the round no longer hides its counts, what a private document still holds never counts.
    setHideCounts(session, false);
    expect(ownTally(session, own, 'm')).toEqual({ bySticky: {}, used: 0 });
  });

  it('land on the board at the close under their owner, and the progress keys go', () => {
    const { session, own, a, b } = round();
    castVote(own, { participantId: 'm', name: 'ancien nom' }, a, { id: 'p1', at: 5 }, session);
    castVote(own, marc, b, { id: 'p2', at: 6 }, session);
    registerParticipant(session, { participantId: 'm', name: 'Marc Vidal', role: 'member' });
    setHiddenVoteProgress(session, 'm', 2);
    expect(voterCount(session)).toBe(1);
    expect(getHiddenVoteProgress(session)).toEqual({ points: 2, byVoter: { m: 2 } });
    // Written by someone else in Marc's document: the owner is whoever the server says.
    own.getMap('votes').set('p3', { voterId: 'n', voterName: 'Nadia', stickyId: b, seq: 9, at: 7 });
    // The close: the round ends and the points move, in one change.
    session.transact(() => {
      setVotingOpen(session, false, 8);
      expect(moveHiddenVotes(session, [{ participantId: 'm', doc: own }])).toBe(3);
    });
    expect(getVotes(session).map((v) => [v.id, v.voterId, v.voterName, v.stickyId, v.seq, v.at])).toEqual([
      ['p1', 'm', 'Marc Vidal', a, 1, 5],
      ['p2', 'm', 'Marc Vidal', b, 2, 6],
      ['p3', 'm', 'Marc Vidal', b, 9, 7],
    ]);
    expect(getHiddenVoteProgress(session)).toEqual({ points: 0, byVoter: {} });
    expect(voterCount(session)).toBe(1);
    // Moved twice, counted once.
    expect(moveHiddenVotes(session, [{ participantId: 'm', doc: own }])).toBe(0);
    // Only what is on the board leaves the private document.
    castVote(own, marc, a, { id: 'late' }, session);
    clearPrivateVotes(own, (id) => session.getMap('votes').has(id));
    expect(getVotes(own).map((v) => v.id)).toEqual(['late']);
    expect(countVotesBy(session, 'm')).toBe(3);
  });
});

describe('rounds', () => {
  /** Three ideas and a group, a budget of 2, a session's first round open on the ideas, counts shown. */
  function session() {
    const doc = new Y.Doc();
    setVoteBudget(doc, 2);
    setHideCounts(doc, false);
    for (const [id, at] of [['a', 1], ['b', 2], ['c', 3]] as const) addSticky(doc, marc, { text: id, x: 0, y: 0 }, { id, at });
    const g = createGroup(doc, marc, 'Financement', { id: 'g', at: 1 });
    setVotingOpen(doc, true, 1);
    return { doc, g };
  }

  it('gives each member a whole budget in each round, a run-off included', () => {
    const { doc } = session();
    expect(getVotingSettings(doc).round).toBe(1);
    castVote(doc, marc, 'a', { id: 'm1' });
    castVote(doc, marc, 'a', { id: 'm2' });
    castVote(doc, nadia, 'b', { id: 'n1' });
    expect(votesUsedBy(doc, 'm')).toBe(2);
    setVotingOpen(doc, false, 2);
    // The run-off: a second round on the ideas, everyone's points whole again.
    setVotingOpen(doc, true, 3);
    expect(getVotingSettings(doc).round).toBe(2);
    expect(votesUsedBy(doc, 'm')).toBe(0);
    expect(ownTally(doc, null, 'm')).toEqual({ bySticky: {}, used: 0 });
    expect(voterCount(doc)).toBe(0);
    castVote(doc, marc, 'b', { id: 'm3' });
    castVote(doc, marc, 'b', { id: 'm4' });
    castVote(doc, marc, 'c', { id: 'm5' });
    expect(getVotes(doc).filter((v) => v.round === 2).map((v) => v.id)).toEqual(['m3', 'm4', 'm5']);
    // Two of the run-off count (the third is past its budget), and the first round's two still do, in it.
    expect(votesUsedBy(doc, 'm')).toBe(2);
    expect(voterCount(doc)).toBe(1);
    expect(roundTally(doc, 1).bySticky).toEqual({ a: 2, b: 1 });
    expect(roundTally(doc).bySticky).toEqual({ b: 2 });
    // The results are the run-off's: the latest round on the ideas.
    expect(tally(doc).bySticky).toEqual({ b: 2 });
    expect(rankedStickies(doc).map((r) => [r.sticky.id, r.votes])).toEqual([['b', 2], ['a', 0], ['c', 0]]);
    expect(rankedStickies(doc, 1).map((r) => [r.sticky.id, r.votes])).toEqual([['a', 2], ['b', 1], ['c', 0]]);
    expect(roundsWithPoints(doc)).toEqual([1, 2]);
    // A point of the first round is not taken back in the run-off: it is its result.
    expect(retractVote(doc, 'm', 'a')).toBe(false);
    expect(retractVote(doc, 'm', 'b')).toBe(true);
    expect(getVotes(doc).map((v) => v.id)).toEqual(['m1', 'm2', 'n1', 'm3', 'm5']);
  });

  it('ranks the groups by their ideas until a round on groups has points, then by that round alone', () => {
    const { doc, g } = session();
    const skills = createGroup(doc, marc, 'Compétences', { id: 'k', at: 2 });
    const hiring = createGroup(doc, marc, 'Recrutement', { id: 'r', at: 3 });
    setStickyGroup(doc, 'a', g);
    setStickyGroup(doc, 'b', skills);
    // Round 1, on the ideas: everything on an idea of Financement.
    castVote(doc, marc, 'a');
    castVote(doc, marc, 'a');
    castVote(doc, nadia, 'a');
    castVote(doc, nadia, 'b');
    const byIdeas = [['g', 3, 1], ['k', 1, 2], ['r', 0, 3]];
    expect(rankedGroups(doc).map((r) => [r.group.id, r.votes, r.rank])).toEqual(byIdeas);
    // Round 2, on the groups: the room puts Recrutement first, Financement after.
    setVotingOpen(doc, false, 2);
    setVoteTarget(doc, 'groups');
    setVotingOpen(doc, true, 3);
    castVote(doc, marc, hiring);
    castVote(doc, marc, hiring);
    castVote(doc, nadia, hiring);
    castVote(doc, nadia, g);
    setVotingOpen(doc, false, 4);
    const byGroups = [['r', 3, 1], ['g', 1, 2], ['k', 0, 3]];
    expect(rankedGroups(doc).map((r) => [r.group.id, r.votes, r.rank])).toEqual(byGroups);
    expect(rankedGroups(doc, 2).map((r) => [r.group.id, r.votes, r.rank])).toEqual(byGroups);
    // Round 1 still reads as it was, and the ideas' results are still its points.
    expect(rankedGroups(doc, 1).map((r) => [r.group.id, r.votes, r.rank])).toEqual(byIdeas);
    expect(rankedStickies(doc).map((r) => [r.sticky.id, r.votes])).toEqual([['a', 3], ['b', 1], ['c', 0]]);
    expect(rankGroups(getGroups(doc), getStickies(doc), tally(doc))).toEqual(rankedGroups(doc));
  });

  it('counts the budget per voter, round and kind in a plain list of votes', () => {
    const votes = [vote('a', 'm', 's1', 1, 1), vote('b', 'm', 's1', 2, 1), vote('c', 'm', 's2', 3, 2), vote('d', 'm', 's2', 4, 2), vote('e', 'm', 'g', 5, 2)];
    const t = tallyVotes(votes, new Set(['s1', 's2', 'g']), 1, new Set(['g']));
    expect(t.countedVoteIds).toEqual(['a', 'c', 'e']);
    expect(t.ignored).toBe(2);
    expect(resultVotes(votes, new Set(['s1', 's2', 'g']), 1, new Set(['g']))).toMatchObject({ ideasRound: 2, groupsRound: 2 });
  });

  it('reads votes written without a round as round 0, counted as they were, and a new round starts whole', () => {
    const doc = new Y.Doc();
    setVoteBudget(doc, 2);
    addSticky(doc, marc, { text: 'a', x: 0, y: 0 }, { id: 'a', at: 1 });
    createGroup(doc, marc, 'Financement', { id: 'g', at: 1 });
    // A session begun before rounds were numbered: no voteRound, votes with no round, on both kinds.
    doc.getMap('board').set('votingOpen', true);
    for (const [id, target, seq] of [['o1', 'a', 1], ['o2', 'a', 2], ['o3', 'a', 3], ['o4', 'g', 4]] as const) {
      doc.getMap('votes').set(id, { voterId: 'm', voterName: 'Marc', stickyId: target, seq, at: 0 });
    }
    expect(getVotingSettings(doc).round).toBe(0);
    expect(getVotes(doc).map((v) => v.round)).toEqual([0, 0, 0, 0]);
    expect(tally(doc)).toMatchObject({ bySticky: { a: 2, g: 1 }, ignored: 1 });
    expect(votesUsedBy(doc, 'm')).toBe(2);
    // A point given now, by a device of this release, is of that round too.
    castVote(doc, nadia, 'a', { id: 'n0' });
    expect(getVotes(doc).find((v) => v.id === 'n0')?.round).toBe(0);
    setVotingOpen(doc, false, 1);
    setVotingOpen(doc, true, 2);
    expect(getVotingSettings(doc).round).toBe(1);
    expect(votesUsedBy(doc, 'm')).toBe(0);
    castVote(doc, marc, 'a', { id: 'm1' });
    expect(getVotes(doc).find((v) => v.id === 'm1')?.round).toBe(1);
    // The results: round 1 on the ideas, round 0 on the groups (none since).
    expect(tally(doc).bySticky).toEqual({ a: 1, g: 1 });
    expect(roundsWithPoints(doc)).toEqual([0, 1]);
  });

  it('keep their round when a round that hid its counts moves them onto the board', () => {
    const { doc } = session();
    setVotingOpen(doc, false, 2);
    setVotingOpen(doc, true, 3);
    const own = new Y.Doc();
    castVote(own, marc, 'c', { id: 'p1' }, doc);
    expect(getVotes(own)[0]?.round).toBe(2);
    doc.transact(() => {
      setVotingOpen(doc, false, 4);
      moveHiddenVotes(doc, [{ participantId: 'm', doc: own }]);
    });
    expect(getVotes(doc).map((v) => [v.id, v.round])).toEqual([['p1', 2]]);
  });
});
