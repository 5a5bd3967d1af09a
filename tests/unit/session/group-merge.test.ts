// One group a title: a group created under a title another reads (case, accents and spaces
// aside) is that one; groups of one title created at once, each device before it saw the
// other's, are merged into the earliest (the server's change: server/facilitation/group-titles.ts).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, castVote, createGroup, currentTarget, findGroupByTitle, getFocus, getGroups, getPrivateSticky, getSticky,
  getStickies, getVotes, groupSticky, groupTitled, liveGroupId, mergeGroupsOfOneTitle, misplacedStickies, moveHiddenVotes, ownTally,
  rankedGroups, renameGroup, revealPrivateStickies, roots, setFocus, setHideCounts, setPrivateWriting, setVoteTarget, setVotingOpen,
} from '../../../shared/session/index.ts';

const ana = { participantId: 'a', name: 'Ana' };
const bruno = { participantId: 'b', name: 'Bruno' };
const host = { participantId: 'h', name: 'Claire' };

function sync(...docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

const titles = (doc: Y.Doc) => getGroups(doc).map((g) => g.title);
const stored = (doc: Y.Doc, id: string) => (roots(doc).stickies.get(id) as Y.Map<unknown> | undefined)?.get('groupId');

describe('a group created under a title another reads', () => {
  it('is found whatever its case, accents and spaces, the earliest first', () => {
    const doc = new Y.Doc();
    createGroup(doc, ana, 'Trésorerie', { id: 'g2', at: 2 });
    createGroup(doc, ana, 'Compétences', { id: 'g1', at: 1 });
    for (const typed of ['Trésorerie', 'trésorerie ', '  TRESORERIE', 'Tresorerie']) expect(findGroupByTitle(doc, typed)?.id).toBe('g2');
    expect(findGroupByTitle(doc, 'Tré sorerie')).toBeUndefined();
    expect(findGroupByTitle(doc, '   ')).toBeUndefined();
    renameGroup(doc, 'g1', 'tresorerie');
    expect(findGroupByTitle(doc, 'Trésorerie')?.id).toBe('g1');
  });

  it('is taken instead of a second one', () => {
    const doc = new Y.Doc();
    createGroup(doc, ana, 'Financement', { id: 'g' });
    expect(groupTitled(doc, bruno, ' financement')).toEqual({ id: 'g', created: false });
    const other = groupTitled(doc, bruno, 'Trésorerie');
    expect(other.created).toBe(true);
    // Created in the same millisecond, their order is their ids': one of each, whatever it is.
    expect(titles(doc).sort()).toEqual(['Financement', 'Trésorerie']);
  });
});

describe('groups of one title created at once', () => {
  function twoPhones() {
    const [board, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    createGroup(board, host, 'Compétences', { id: 'skills', at: 1 });
    addSticky(board, host, { text: 'Former les régleurs', x: 0, y: 0, groupId: 'skills' }, { id: 's0', at: 1 });
    setVoteTarget(board, 'groups');
    setVotingOpen(board, true, 2);
    setHideCounts(board, false);
    sync(board, a, b);
    // Each phone, before it sees the other's, makes its own "Financement", with its ideas
    // laid on the same spots, and gives it points.
    createGroup(a, ana, 'Financement', { id: 'ga', at: 10 });
    createGroup(b, bruno, 'financement ', { id: 'gb', at: 11 });
    for (const [doc, who, group, ids] of [[a, ana, 'ga', ['a1', 'a2']], [b, bruno, 'gb', ['b1', 'b2']]] as const) {
      ids.forEach((id, i) => {
        addSticky(doc, who, { text: id, x: 400, y: 300 }, { id, at: 20 + i });
        groupSticky(doc, id, group);
      });
      castVote(doc, who, group, { id: `v-${group}` });
    }
    sync(board, a, b);
    return { board, a, b };
  }

  it('end as the earliest, with every idea laid in its grid and every point on it', () => {
    const { board, a, b } = twoPhones();
    setFocus(board, host, { kind: 'group', groupId: 'gb' }, 'brainstorm', 3);
    expect(titles(board)).toEqual(['Compétences', 'Financement', 'financement ']);
    expect(mergeGroupsOfOneTitle(board, ['gb'], 100)).toEqual([{ into: 'ga', merged: ['gb'] }]);
    sync(board, a, b);
    for (const doc of [board, a, b]) {
      expect(titles(doc)).toEqual(['Compétences', 'Financement']);
      for (const id of ['a1', 'a2', 'b1', 'b2']) expect(stored(doc, id)).toBe('ga');
      expect(misplacedStickies(getStickies(doc), new Set(['a1', 'a2', 'b1', 'b2']))).toEqual([]);
      // Bruno's point, under its id and in his name, now on the group kept.
      expect(getVotes(doc).map((v) => [v.id, v.voterId, v.stickyId])).toEqual(expect.arrayContaining([['v-ga', 'a', 'ga'], ['v-gb', 'b', 'ga']]));
      expect(rankedGroups(doc).map((r) => [r.group.title, r.votes, r.stickyIds.length])).toEqual([['Financement', 2, 4], ['Compétences', 0, 1]]);
      // The room's screen showed Bruno's group: it shows the one kept.
      expect(getFocus(doc)?.groupId).toBe('ga');
      expect(liveGroupId(roots(doc), 'gb')).toBe('ga');
    }
  });

  it('whichever device sees them first merges them alike (two servers), and converge', () => {
    const one = twoPhones();
    const [x, y] = [new Y.Doc(), new Y.Doc()];
    sync(one.board, x, y);
    mergeGroupsOfOneTitle(x, ['ga'], 100);
    mergeGroupsOfOneTitle(y, ['gb'], 101);
    sync(x, y);
    expect(titles(x)).toEqual(['Compétences', 'Financement']);
    expect(getStickies(x)).toEqual(getStickies(y));
    expect(getVotes(x)).toEqual(getVotes(y));
    expect(getVotes(x).filter((v) => v.stickyId === 'ga')).toHaveLength(2);
  });

  it('only groups added start a merge: a title the host gives by renaming merges nothing', () => {
    const { board } = twoPhones();
    mergeGroupsOfOneTitle(board, ['gb'], 100);
    createGroup(board, host, 'Trésorerie', { id: 'gt', at: 30 });
    renameGroup(board, 'skills', 'Trésorerie');
    expect(mergeGroupsOfOneTitle(board, ['ga'], 101)).toEqual([]);
    expect(titles(board)).toEqual(['Trésorerie', 'Financement', 'Trésorerie']);
  });

  it('a group merged into one merged in its turn stands for the last', () => {
    const { board } = twoPhones();
    mergeGroupsOfOneTitle(board, ['gb'], 100);
    // A phone offline since long ago, its clock behind, made one earlier still.
    createGroup(board, ana, 'FINANCEMENT', { id: 'g0', at: 5 });
    expect(mergeGroupsOfOneTitle(board, ['g0'], 101)).toEqual([{ into: 'g0', merged: ['ga'] }]);
    expect(liveGroupId(roots(board), 'gb')).toBe('g0');
    expect(getSticky(board, 'b1')?.groupId).toBe('g0');
    expect(getVotes(board).map((v) => v.stickyId)).toEqual(['g0', 'g0']);
  });

  it('an idea written privately in a merged group reads, and is revealed, in the group kept', () => {
    const board = new Y.Doc();
    const own = new Y.Doc();
    setPrivateWriting(board, true);
    createGroup(board, ana, 'Financement', { id: 'ga', at: 10 });
    createGroup(board, bruno, 'Financement', { id: 'gb', at: 11 });
    addSticky(own, bruno, { text: 'Crédit-bail', x: 900, y: 0, groupId: 'gb' }, { id: 'p1', at: 12 });
    mergeGroupsOfOneTitle(board, ['gb'], 100);
    expect(stored(own, 'p1')).toBe('gb');
    expect(getPrivateSticky(own, board, 'p1')?.groupId).toBe('ga');
    revealPrivateStickies(board, [{ participantId: 'b', doc: own }], 200);
    expect(stored(board, 'p1')).toBe('ga');
  });

  it('a point given in a round that hides its counts, on a merged group, counts on the group kept', () => {
    const board = new Y.Doc();
    const own = new Y.Doc();
    setVoteTarget(board, 'groups');
    setVotingOpen(board, true, 1);
    createGroup(board, ana, 'Financement', { id: 'ga', at: 10 });
    createGroup(board, bruno, 'Financement', { id: 'gb', at: 11 });
    castVote(own, bruno, 'gb', { id: 'hidden' }, board);
    mergeGroupsOfOneTitle(board, ['gb'], 100);
    expect(currentTarget(board, 'gb')).toBe('ga');
    expect(ownTally(board, own, 'b')).toEqual({ bySticky: { ga: 1 }, used: 1 });
    setVotingOpen(board, false, 200);
    expect(moveHiddenVotes(board, [{ participantId: 'b', doc: own }])).toBe(1);
    expect(getVotes(board).map((v) => [v.id, v.stickyId])).toEqual([['hidden', 'ga']]);
  });
});
