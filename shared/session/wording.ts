// How dates and ranks are written for readers, French first: "30 septembre 2026",
// "2 ex aequo". Pure and the same on every machine (no dependence on the ICU data of the
// runtime), so the Markdown summary and the summary page say the same thing.
import type { Lang } from './strings.ts';

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `YYYY-MM-DD` in words: "30 septembre 2026", "1er mars 2027", "30 September 2026"; anything else as given. */
export function formatLongDate(iso: string, lang: Lang = 'fr'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[lang][Number(match[2]) - 1] : undefined;
  if (!match || !month) return iso;
  const day = Number(match[3]);
  if (day < 1 || day > 31) return iso;
  return `${lang === 'fr' && day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/** A moment (ms since the epoch) as its UTC day in words. */
export function formatLongDay(ms: number, lang: Lang = 'fr'): string {
  return formatLongDate(new Date(ms).toISOString().slice(0, 10), lang);
}

/** The ranks that more than one item shares. */
export function sharedRanks(items: ReadonlyArray<{ readonly rank: number }>): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const { rank } of items) (seen.has(rank) ? shared : seen).add(rank);
  return shared;
}

/**
 * The first `n` of a ranking, each with whether its rank is shared, read on the whole
 * ranking: a fifth tied with a sixth left out is "5 ex aequo" all the same.
 */
export function topWithTies<T extends { readonly rank: number }>(ranked: readonly T[], n: number): Array<T & { readonly tied: boolean }> {
  const shared = sharedRanks(ranked);
  return ranked.slice(0, n).map((item) => ({ ...item, tied: shared.has(item.rank) }));
}

/**
 * How many past the first `n` share the last one's rank: the top five of a vote cut among
 * four ideas of one point showed one of them, at random to the room, and said nothing of
 * the three others.
 */
export function tiedBeyond<T extends { readonly rank: number }>(ranked: readonly T[], n: number): number {
  const last = ranked[n - 1];
  return last === undefined ? 0 : ranked.slice(n).filter((item) => item.rank === last.rank).length;
}

/** What says a rank is shared: "ex aequo" ("(tied)" in English). */
export function tiedWord(lang: Lang = 'fr'): string {
  return lang === 'fr' ? 'ex aequo' : '(tied)';
}

/** "2" or, shared with another, "2 ex aequo" ("2 (tied)" in English). */
export function rankLabel(rank: number, tied: boolean, lang: Lang = 'fr'): string {
  return tied ? `${rank} ${tiedWord(lang)}` : String(rank);
}

/**
 * "de Marc", "d’Isabelle", "d’Yves": French elides "de" before a vowel. Not before an "h",
 * which a name may aspirate or not ("de Hugues", "d’Hélène"): "de" stays, as a form would
 * write it.
 */
export function ofName(name: string): string {
  return elided('de', name);
}

/** "de"/"que" before `name`, elided before a vowel ("d’", "qu’"), not before an "h". */
function elided(word: 'de' | 'que', name: string): string {
  const whole = name.trim();
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(whole) ? `${word.slice(0, -1)}’${whole}` : `${word} ${whole}`;
}

/** "que Marc", "qu’Éric": French elides "que" before a vowel as it does "de" (ofName). */
export function queName(name: string): string {
  return elided('que', name);
}

/** A place in French: "1ʳᵉ", "2ᵉ" (of a queue, a ranking: "la place" is feminine). */
export function frenchPlace(place: number): string {
  return place === 1 ? '1ʳᵉ' : `${place}ᵉ`;
}
