import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, createGroup, deleteGroup, deleteSticky, getBoardSettings, getGroups, getSticky, getStickies, getStickyText,
  isStickyVisibleTo, moveSticky, renameGroup, reveal, roots, setPrivateWriting, setStickyColor, setStickyGroup,
  setStickyText, setVoteBudget,
} from '../../../shared/session/index.ts';

const marc = { participantId: 'm', name: 'Marc' };
const nadia = { participantId: 'n', name: 'Nadia' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  return [a, b];
}

describe('stickies', () => {
  it('holds text, author, position, colour, group and creation time', () => {
    const doc = new Y.Doc();
    const g = createGroup(doc, marc, 'Normes', { id: 'g1', at: 1 });
    addSticky(doc, marc, { text: 'ISO 19880', x: 10, y: 20, color: 'blue', groupId: g }, { id: 's1', at: 5 });
    expect(getSticky(doc, 's1')).toEqual({
      id: 's1', text: 'ISO 19880', authorId: 'm', authorName: 'Marc', x: 10, y: 20, color: 'blue', groupId: 'g1', createdAt: 5, hidden: false,
    });
    expect(getStickyText(doc, 's1')).toBeInstanceOf(Y.Text);
    setStickyColor(doc, 's1', 'pink');
    moveSticky(doc, 's1', 30, 40);
    expect(getSticky(doc, 's1')).toMatchObject({ x: 30, y: 40, color: 'pink' });
  });

  it('converges concurrent moves field by field, the same on both replicas', () => {
    const [a, b] = pair();
    addSticky(a, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    sync(a, b);
    moveSticky(a, 's', 100, 100);
    moveSticky(b, 's', 200, 200);
    sync(a, b);
    expect(getSticky(a, 's')).toEqual(getSticky(b, 's'));
    expect([100, 200]).toContain(getSticky(a, 's')?.x);
  });

  it('merges concurrent edits of one sticky text without losing either', () => {
    const [a, b] = pair();
    addSticky(a, marc, { text: 'Salon Hyvolution', x: 0, y: 0 }, { id: 's' });
    sync(a, b);
    setStickyText(a, 's', 'Exposer au salon Hyvolution');
    setStickyText(b, 's', 'Salon Hyvolution à Paris');
    sync(a, b);
    expect(getSticky(a, 's')?.text).toBe('Exposer au salon Hyvolution à Paris');
    expect(getSticky(b, 's')?.text).toBe('Exposer au salon Hyvolution à Paris');
  });

  it('ignores writes to a deleted sticky', () => {
    const doc = new Y.Doc();
    addSticky(doc, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    deleteSticky(doc, 's');
    moveSticky(doc, 's', 1, 1);
    setStickyText(doc, 's', 'y');
    expect(getStickies(doc)).toEqual([]);
  });
});

describe('groups', () => {
  it('lists groups and renames them', () => {
    const doc = new Y.Doc();
    createGroup(doc, marc, 'Clients', { id: 'g2', at: 2 });
    createGroup(doc, marc, 'Normes', { id: 'g1', at: 1 });
    renameGroup(doc, 'g2', 'Aller chercher les clients');
    expect(getGroups(doc).map((g) => g.title)).toEqual(['Normes', 'Aller chercher les clients']);
  });

  it('ungroups the stickies of a deleted group', () => {
    const doc = new Y.Doc();
    const g = createGroup(doc, marc, 'Normes');
    addSticky(doc, marc, { text: 'x', x: 0, y: 0, groupId: g }, { id: 's' });
    deleteGroup(doc, g);
    expect(roots(doc).stickies.toJSON()['s']?.groupId).toBeNull();
    expect(getSticky(doc, 's')?.groupId).toBeNull();
  });

  it('reads a sticky put into a group deleted concurrently as ungrouped', () => {
    const [a, b] = pair();
    const g = createGroup(a, marc, 'Normes', { id: 'g' });
    addSticky(a, marc, { text: 'x', x: 0, y: 0 }, { id: 's' });
    sync(a, b);
    deleteGroup(a, g);
    setStickyGroup(b, 's', g);
    sync(a, b);
    expect(getSticky(a, 's')?.groupId).toBeNull();
    expect(getSticky(b, 's')?.groupId).toBeNull();
  });
});

describe('private writing', () => {
  it('never hides a sticky added to the session document: private ones go to their author’s own document', () => {
    const doc = new Y.Doc();
    setPrivateWriting(doc, true);
    addSticky(doc, marc, { text: 'posé sur le tableau', x: 0, y: 0 }, { id: 'pub' });
    expect(getSticky(doc, 'pub')?.hidden).toBe(false);
    expect(roots(doc).stickies.toJSON()['pub']?.hidden).toBe(false);
  });

  it('hides a sticky of the old kind (hidden in the session document) from the others until the reveal', () => {
    const doc = new Y.Doc();
    setPrivateWriting(doc, true);
    addSticky(doc, marc, { text: 'secret', x: 0, y: 0 }, { id: 'sec' });
    (roots(doc).stickies.get('sec') as Y.Map<unknown>).set('hidden', true);
    const secret = getSticky(doc, 'sec');
    expect(secret?.hidden).toBe(true);
    expect(secret && isStickyVisibleTo(secret, 'm')).toBe(true);
    expect(secret && isStickyVisibleTo(secret, 'n')).toBe(false);
    reveal(doc);
    expect(getBoardSettings(doc).privateWriting).toBe(false);
    expect(getSticky(doc, 'sec')?.hidden).toBe(false);
    expect(roots(doc).stickies.toJSON()['sec']?.hidden).toBe(false);
  });

  it('sets the vote budget to whole numbers only', () => {
    const doc = new Y.Doc();
    setVoteBudget(doc, 3);
    expect(getBoardSettings(doc).voteBudget).toBe(3);
    expect(() => setVoteBudget(doc, -1)).toThrow(RangeError);
    expect(() => setVoteBudget(doc, 2.5)).toThrow(RangeError);
  });
});
