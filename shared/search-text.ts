// Accent-insensitive words, the same way on the server (search) and in the browser
// (highlighting a hit on the summary page): "Trésorerie" and "tresorerie" are one word.

/** Lower case, without diacritics: what SQLite's `remove_diacritics 2` and unaccent do. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 8;

/** The words of a query, folded; every one must match (as a word or the start of one). */
export function searchWords(query: string): string[] {
  const words = foldText(query).match(WORD) ?? [];
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/**
 * Where the query's words occur in `text`, as [start, end) ranges of `text` itself (the
 * whole word that starts with a query word), in order and without overlap.
 */
export function matchRanges(text: string, words: readonly string[]): Array<[number, number]> {
  if (words.length === 0) return [];
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(WORD)) {
    const folded = foldText(match[0]);
    if (words.some((w) => folded.startsWith(w))) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

/** Splits text into plain and marked pieces, for rendering a highlight. */
export function splitMarked(text: string, ranges: ReadonlyArray<readonly [number, number]>): Array<{ text: string; mark: boolean }> {
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
