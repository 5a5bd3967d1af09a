import { matchRanges, searchWords, splitMarked } from '../../shared/search-text.ts';

/** Text with some ranges highlighted (`<mark>`), or the words of `query` found in it. */
export function Marked({ text, ranges, query }: { text: string; ranges?: ReadonlyArray<readonly [number, number]>; query?: string }) {
  const marks = ranges ?? (query ? matchRanges(text, searchWords(query)) : []);
  if (marks.length === 0) return <>{text}</>;
  return (
    <>
      {splitMarked(text, marks).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
