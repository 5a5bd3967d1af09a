// Dates and ranks as readers read them (issue 11): "30 septembre 2026", "1, 2 ex aequo".
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addSticky, buildSummary, castVote, formatLongDate, formatLongDay, frenchPlace, initSessionDocument, ofName, queName, rankLabel,
  renderSummaryMarkdown, setPhase, sharedRanks, tiedBeyond, topWithTies,
} from '../../../shared/session/index.ts';

describe('dates', () => {
  it('are written the French way in French, the English way in English', () => {
    expect(formatLongDate('2026-09-30', 'fr')).toBe('30 septembre 2026');
    expect(formatLongDate('2027-03-01', 'fr')).toBe('1er mars 2027');
    expect(formatLongDate('2026-08-15', 'fr')).toBe('15 août 2026');
    expect(formatLongDate('2026-09-30', 'en')).toBe('30 September 2026');
    expect(formatLongDay(Date.UTC(2026, 11, 3, 23, 59), 'fr')).toBe('3 décembre 2026');
  });

  it('leave anything that is not a date as it was', () => {
    expect(formatLongDate('', 'fr')).toBe('');
    expect(formatLongDate('2026-13-01', 'fr')).toBe('2026-13-01');
    expect(formatLongDate('demain', 'fr')).toBe('demain');
  });
});

describe('names and places in French', () => {
  it('elide "de" before a vowel, not before a consonant nor an "h"', () => {
    expect(ofName('Isabelle Rousseau')).toBe('d’Isabelle Rousseau');
    expect(ofName('Élodie Favre')).toBe('d’Élodie Favre');
    expect(ofName('Marc Vidal')).toBe('de Marc Vidal');
    expect(ofName('Hugues Martin')).toBe('de Hugues Martin');
  });

  it('elide "que" before a vowel the same way ("Ce qu’Éric Gaillard a apporté")', () => {
    expect(queName('Éric Gaillard')).toBe('qu’Éric Gaillard');
    expect(queName('Anne Perrin')).toBe('qu’Anne Perrin');
    expect(queName('Marc Duret')).toBe('que Marc Duret');
    expect(queName('Hélène Roux')).toBe('que Hélène Roux');
  });

  it('write the first place 1ʳᵉ, the others 2ᵉ', () => {
    expect([1, 2, 11].map(frenchPlace)).toEqual(['1ʳᵉ', '2ᵉ', '11ᵉ']);
  });
});

describe('ranks', () => {
  it('say which ranks are shared', () => {
    const ranks = [1, 2, 2, 4].map((rank) => ({ rank }));
    const tied = sharedRanks(ranks);
    expect(ranks.map((r) => rankLabel(r.rank, tied.has(r.rank), 'fr'))).toEqual(['1', '2 ex aequo', '2 ex aequo', '4']);
    expect(rankLabel(2, true, 'en')).toBe('2 (tied)');
  });

  it('show in the Markdown summary as ranks, not as a list Markdown would renumber; 0-vote ideas left out', () => {
    const doc = new Y.Doc();
    const host = { participantId: 'h', name: 'Claire', role: 'host' } as const;
    initSessionDocument(doc, { title: 'T', hostCompany: 'C', hostName: 'Claire', date: '2026-09-30' });
    setPhase(doc, host, 'brainstorm');
    const a = addSticky(doc, host, { text: 'Idée A', x: 0, y: 0 }, { at: 1 });
    const b = addSticky(doc, host, { text: 'Idée B', x: 0, y: 0 }, { at: 2 });
    const c = addSticky(doc, host, { text: 'Idée C', x: 0, y: 0 }, { at: 3 });
    addSticky(doc, host, { text: 'Idée sans vote', x: 0, y: 0 }, { at: 4 });
    castVote(doc, host, a);
    castVote(doc, host, a);
    castVote(doc, host, b);
    castVote(doc, host, c);
    const summary = buildSummary(doc);
    expect(summary.brainstorm.topIdeas.map((i) => i.text)).toEqual(['Idée A', 'Idée B', 'Idée C']);
    const md = renderSummaryMarkdown(summary, 'fr');
    expect(md).toContain('- **1** — Idée A');
    expect(md).toContain('- **2 ex aequo** — Idée B');
    expect(md).toContain('- **2 ex aequo** — Idée C');
    expect(md).toContain('- **Date** : 30 septembre 2026');
    expect(md).not.toContain('Idée sans vote (');
  });
});

describe('tiedBeyond', () => {
  it('counts those past the cut that share the last shown rank, and none when the cut falls between ranks', () => {
    const ranked = [1, 2, 2, 2, 2, 2, 7].map((rank, i) => ({ id: String(i), rank }));
    expect(tiedBeyond(ranked, 5)).toBe(1);
    expect(tiedBeyond(ranked, 6)).toBe(0);
    expect(tiedBeyond(ranked, 2)).toBe(4);
    expect(tiedBeyond(ranked, 10)).toBe(0);
    expect(tiedBeyond([], 5)).toBe(0);
  });
});

describe('topWithTies', () => {
  it('reads ties on the whole ranking, not on the rows it keeps', () => {
    const ranked = [{ id: 'a', rank: 1 }, { id: 'b', rank: 2 }, { id: 'c', rank: 2 }, { id: 'd', rank: 4 }, { id: 'e', rank: 5 }, { id: 'f', rank: 5 }];
    expect(topWithTies(ranked, 5).map((r) => `${r.id}:${r.tied}`)).toEqual(['a:false', 'b:true', 'c:true', 'd:false', 'e:true']);
    expect(topWithTies(ranked, 2).map((r) => r.tied)).toEqual([false, true]);
  });
});
