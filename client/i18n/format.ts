import { formatLongDate } from '../../shared/session/index.ts';

/** A `YYYY-MM-DD` date in words, in the interface language ("3 décembre 2026", "1er mars 2027"). */
export function formatDate(iso: string, lang: string): string {
  return formatLongDate(iso, lang === 'en' ? 'en' : 'fr');
}

export function formatTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short' }).format(new Date(ms));
}
