import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as S from '../../../shared/session/index.ts';
import type { Sticky } from '../../../shared/session/index.ts';

const sticky = (id: string, text: string): Sticky => ({ id, text, authorId: 'p', authorName: 'P', x: 0, y: 0, color: 'yellow', groupId: null, createdAt: 0, hidden: false });

describe('the host’s notebook', () => {
  it('holds one verdict and one note per idea; null and an empty note take them back', () => {
    const doc = new Y.Doc();
    S.setNotebookVerdict(doc, 'a', 'keep');
    S.setNotebookVerdict(doc, 'a', 'explore');
    S.setNotebookNote(doc, 'a', 'à voir');
    S.setNotebookVerdict(doc, 'b', 'drop');
    expect(S.getNotebookEntry(doc, 'a')).toEqual({ verdict: 'explore', note: 'à voir' });
    expect(Object.keys(S.getNotebook(doc)).sort()).toEqual(['a', 'b']);
    S.setNotebookVerdict(doc, 'b', null);
    S.setNotebookNote(doc, 'a', '   ');
    expect(S.getNotebookEntry(doc, 'a')).toEqual({ verdict: 'explore', note: '' });
    expect(S.getNotebook(doc)).not.toHaveProperty('b');
    expect(S.getNotebookEntry(doc, 'c')).toEqual({ verdict: null, note: '' });
  });

  it('reads what another writer left leniently, and cuts a note at the length of a visit note', () => {
    const doc = new Y.Doc();
    doc.getMap('notebook').set('verdict:x', 'peut-être');
    doc.getMap('notebook').set('note:x', 42);
    expect(S.getNotebookEntry(doc, 'x')).toEqual({ verdict: null, note: '' });
    S.setNotebookNote(doc, 'y', 'n'.repeat(3000));
    expect(S.getNotebookEntry(doc, 'y').note).toHaveLength(2000);
  });

  it('lists the kept ideas most voted first, then by text; explored and dropped ones stay out', () => {
    const doc = new Y.Doc();
    const ideas = [sticky('1', 'Bêta'), sticky('2', 'Alpha'), sticky('3', 'Gamma'), sticky('4', 'Delta')];
    S.setNotebookVerdict(doc, '1', 'keep');
    S.setNotebookVerdict(doc, '2', 'keep');
    S.setNotebookVerdict(doc, '3', 'keep');
    S.setNotebookVerdict(doc, '4', 'explore');
    expect(S.keptIdeas(S.getNotebook(doc), ideas, { '3': 4 }).map((s) => s.text)).toEqual(['Gamma', 'Alpha', 'Bêta']);
  });
});
