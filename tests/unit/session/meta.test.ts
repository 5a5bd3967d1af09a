import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CURRENT_SCHEMA_VERSION, ROOT, getFacilitators, getMeta, getParticipants, getPhase, getPhaseHistory, grantFacilitator,
  initSessionDocument, isFacilitator, registerParticipant, roots, setPhase, updateMeta, getBoardSettings,
} from '../../../shared/session/index.ts';

const meta = { title: 'Hydrogène', hostCompany: 'Arvéa Précision', hostName: 'Laurent Pellet', date: '2026-03-12' };
const host = { participantId: 'h', name: 'Laurent', role: 'host' } as const;

function newDoc(): Y.Doc {
  const doc = new Y.Doc({ guid: 'sess-1' });
  initSessionDocument(doc, meta, { at: 1000 });
  return doc;
}

describe('initSessionDocument', () => {
  it('writes meta, the first phase, the board defaults and the schema version', () => {
    const doc = newDoc();
    expect(getMeta(doc)).toEqual({ ...meta, schemaVersion: CURRENT_SCHEMA_VERSION, phase: 'presentation', createdAt: 1000 });
    expect(getBoardSettings(doc)).toEqual({ privateWriting: false, voteBudget: 5 });
    expect(getPhaseHistory(doc)).toEqual([]);
  });

  it('refuses to initialise a document twice', () => {
    const doc = newDoc();
    expect(() => initSessionDocument(doc, meta)).toThrow(/already initialised/);
  });

  it('sends one update for the whole initialisation', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    initSessionDocument(doc, meta);
    expect(updates).toBe(1);
  });

  it('updates meta fields one by one', () => {
    const doc = newDoc();
    updateMeta(doc, { title: 'Marché hydrogène' });
    expect(getMeta(doc).title).toBe('Marché hydrogène');
    expect(getMeta(doc).hostCompany).toBe('Arvéa Précision');
  });
});

describe('phase', () => {
  it('records who moved the phase and when', () => {
    const doc = newDoc();
    setPhase(doc, host, 'visit', { at: 2000 });
    setPhase(doc, host, 'visit', { at: 2500 });
    setPhase(doc, { participantId: 'c', name: 'Claire', role: 'member' }, 'questions', { at: 3000 });
    expect(getPhase(doc)).toBe('questions');
    expect(getPhaseHistory(doc)).toEqual([
      { from: 'presentation', to: 'visit', byId: 'h', byName: 'Laurent', at: 2000 },
      { from: 'visit', to: 'questions', byId: 'c', byName: 'Claire', at: 3000 },
    ]);
  });

  it('reads an unknown phase written by a bad client as presentation', () => {
    const doc = newDoc();
    roots(doc).meta.set('phase', 'party');
    expect(getPhase(doc)).toBe('presentation');
  });
});

describe('facilitators and participants', () => {
  it('grants and lists facilitators by participantId with their name', () => {
    const doc = newDoc();
    grantFacilitator(doc, { participantId: 'c', name: 'Claire' }, { at: 5 });
    grantFacilitator(doc, { participantId: 'b', name: 'Bruno' }, { at: 5 });
    expect(isFacilitator(doc, 'c')).toBe(true);
    expect(isFacilitator(doc, 'x')).toBe(false);
    expect(getFacilitators(doc)).toEqual([
      { participantId: 'b', name: 'Bruno', grantedAt: 5 },
      { participantId: 'c', name: 'Claire', grantedAt: 5 },
    ]);
  });

  it('registers a participant once, and again only when his name changes', () => {
    const doc = newDoc();
    let updates = 0;
    doc.on('update', () => updates++);
    const claire = { participantId: 'c', name: 'Claire', role: 'member' } as const;
    registerParticipant(doc, claire, { at: 10 });
    registerParticipant(doc, claire, { at: 20 });
    expect(updates).toBe(1);
    registerParticipant(doc, { ...claire, name: 'Claire B.' }, { at: 30 });
    expect(getParticipants(doc)).toEqual([{ participantId: 'c', name: 'Claire B.', role: 'member', joinedAt: 10 }]);
  });
});

describe('schema roots', () => {
  it('names each root once', () => {
    const names = Object.values(ROOT);
    expect(new Set(names).size).toBe(names.length);
  });
});
