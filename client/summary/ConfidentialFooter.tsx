import { STRINGS, longDate, type Lang, type SessionSummary } from '../../shared/session/index.ts';
import { localToday } from '../i18n/format.ts';

/**
 * The club's rule at the foot of a summary page, read today: who may read it, which session.
 * Printed, it stands in the bottom margin of every page (a page margin box), outside the
 * content, so no card, however long, runs under it.
 */
export function ConfidentialFooter({ summary, clubName, lang }: { summary: Pick<SessionSummary, 'date'>; clubName: string | null; lang: Lang }) {
  const today = localToday();
  const text = STRINGS[lang].confidential(clubName, longDate(summary.date, lang), longDate(today, lang), 'read');
  return (
    <>
      <footer className="confidential" data-testid="confidential">
        {text}
      </footer>
      <style>{printedFooter(text)}</style>
    </>
  );
}

function printedFooter(text: string): string {
  const quoted = `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
  return `@media print { @page { @bottom-center { content: ${quoted}; font: 8pt/1.3 system-ui, sans-serif; color: #333; border-top: 0.5pt solid #999; } } }`;
}
