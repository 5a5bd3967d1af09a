import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem, getActionItems, getDecision, getDecisionText, getLearnings, removeActionItem, setDecision, setLearning,
  updateActionItem,
} from '../../../shared/session/index.ts';

const laurent = { participantId: 'h', name: 'Laurent' };
const nadia = { participantId: 'n', name: 'Nadia' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('action plan', () => {
  it('holds text, owner, due date, status and source stickies', () => {
    const doc = new Y.Doc();
    addActionItem(doc, { text: 'Diagnostic ISO', owner: nadia, due: '2026-06-30', sourceStickyIds: ['s1'] }, { id: 'a1', at: 3 });
    addActionItem(doc, { text: 'Sans porteur' }, { id: 'a2', at: 4 });
    expect(getActionItems(doc)).toEqual([
      { id: 'a1', text: 'Diagnostic ISO', ownerId: 'n', ownerName: 'Nadia', due: '2026-06-30', status: 'todo', sourceStickyIds: ['s1'], createdAt: 3 },
      { id: 'a2', text: 'Sans porteur', ownerId: null, ownerName: '', due: null, status: 'todo', sourceStickyIds: [], createdAt: 4 },
    ]);
    updateActionItem(doc, 'a2', { owner: laurent, status: 'doing', due: '2026-04-01' });
    expect(getActionItems(doc)[1]).toMatchObject({ ownerId: 'h', ownerName: 'Laurent', status: 'doing', due: '2026-04-01' });
    updateActionItem(doc, 'a2', { owner: null });
    expect(getActionItems(doc)[1]).toMatchObject({ ownerId: null, ownerName: '' });
    removeActionItem(doc, 'a1');
    expect(getActionItems(doc).map((a) => a.id)).toEqual(['a2']);
  });
});

describe('decision', () => {
  it('is a collaborative text the host writes in his words', () => {
    const doc = new Y.Doc();
    setDecision(doc, 'Je commence par le client.');
    setDecision(doc, 'Je commence par le client que j’ai déjà.');
    expect(getDecision(doc)).toBe('Je commence par le client que j’ai déjà.');
    expect(getDecisionText(doc)).toBeInstanceOf(Y.Text);
  });
});

describe('learnings', () => {
  it('keeps what each member brought and takes away', () => {
    const doc = new Y.Doc();
    setLearning(doc, nadia, 'brought', 'Mon réseau', { at: 1 });
    setLearning(doc, laurent, 'takeAway', 'Commencer petit', { at: 2 });
    setLearning(doc, nadia, 'takeAway', 'Le banc mutualisé', { at: 3 });
    expect(getLearnings(doc)).toEqual([
      { participantId: 'h', name: 'Laurent', brought: '', takeAway: 'Commencer petit', updatedAt: 2 },
      { participantId: 'n', name: 'Nadia', brought: 'Mon réseau', takeAway: 'Le banc mutualisé', updatedAt: 3 },
    ]);
  });

  it('merges the two fields written on two devices of one member', () => {
    const phone = new Y.Doc();
    const laptop = new Y.Doc();
    setLearning(phone, nadia, 'brought', 'Mon réseau', { at: 1 });
    setLearning(laptop, nadia, 'takeAway', 'Le banc mutualisé', { at: 2 });
    sync(phone, laptop);
    expect(getLearnings(phone)).toEqual([{ participantId: 'n', name: 'Nadia', brought: 'Mon réseau', takeAway: 'Le banc mutualisé', updatedAt: 2 }]);
    expect(getLearnings(laptop)).toEqual(getLearnings(phone));
  });

  it('sorts names with accents where a reader expects them', () => {
    const doc = new Y.Doc();
    setLearning(doc, { participantId: 'e', name: 'Élodie' }, 'brought', 'x');
    setLearning(doc, { participantId: 't', name: 'Thomas' }, 'brought', 'y');
    setLearning(doc, { participantId: 'c', name: 'Claire' }, 'brought', 'z');
    expect(getLearnings(doc).map((l) => l.name)).toEqual(['Claire', 'Élodie', 'Thomas']);
  });
});
