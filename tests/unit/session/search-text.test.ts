import { describe, expect, it } from 'vitest';
import { foldText, matchRanges, searchWords, splitMarked } from '../../../shared/search-text.ts';

describe('accent-insensitive words', () => {
  it('folds case and diacritics, as FTS5 remove_diacritics 2 and unaccent do', () => {
    expect(foldText('Trésorerie À Genève, ÉCOLE, maïs, garçon')).toBe('tresorerie a geneve, ecole, mais, garcon');
  });

  it('takes the words of a query, without punctuation or repeats, eight at most', () => {
    expect(searchWords('  l’hydrogène, "TRÉSORERIE" trésorerie ')).toEqual(['l', 'hydrogene', 'tresorerie']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords(' * " ( ')).toEqual([]);
  });

  it('marks every whole word of the text that starts with a query word, accents or not', () => {
    const text = 'Notre trésorerie, la Trésorerie du groupe, et le trésor.';
    const ranges = matchRanges(text, searchWords('tresor'));
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['trésorerie', 'Trésorerie', 'trésor']);
    expect(splitMarked(text, ranges).filter((p) => p.mark).map((p) => p.text)).toEqual(['trésorerie', 'Trésorerie', 'trésor']);
    expect(splitMarked(text, ranges).map((p) => p.text).join('')).toBe(text);
    expect(matchRanges(text, searchWords('hydrogène'))).toEqual([]);
  });
});
