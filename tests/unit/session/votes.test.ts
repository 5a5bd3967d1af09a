import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, castVote, createGroup, deleteSticky, getGroups, getStickies, getVotes, rankGroups, rankStickies, rankedGroups,
  rankedStickies, retractVote, setStickyGroup, setVoteBudget, tally, tallyVotes, votesUsedBy,
} from '../../../shared/session/index.ts';
import type { Vote } from '../../../shared/session/index.ts';

const marc = { participantId: 'm', name: 'Marc' };
const nadia = { participantId: 'n', name: 'Nadia' };

const vote = (id: string, voterId: string, stickyId: string, seq: number): Vote => ({
  id, voterId, voterName: voterId, stickyId, seq, at: 0,
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
