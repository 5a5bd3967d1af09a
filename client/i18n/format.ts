import { formatLongDate } from '../../shared/session/index.ts';

/** A `YYYY-MM-DD` date in words, in the interface language ("3 décembre 2026", "1er mars 2027"). */
export function formatDate(iso: string, lang: string): string {
  return formatLongDate(iso, lang === 'en' ? 'en' : 'fr');
}

export function formatTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short' }).format(new Date(ms));
}

/** Today's date on this device, `YYYY-MM-DD` (toISOString gives the UTC day: yesterday's just after midnight in Paris). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
