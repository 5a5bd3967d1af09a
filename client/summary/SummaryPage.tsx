// The summary of a session as its own page, opened from a link weeks later: no name to
// give, nothing to connect; read from GET /api/sessions/<id>/summary.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { fetchSummary } from '../sync/api.ts';
import type { SummaryResult } from '../sync/api.ts';
import { ConfidentialFooter } from './ConfidentialFooter.tsx';
import { SummaryDownloads } from './SummaryDownloads.tsx';
import { STRINGS, formatLongDate, formatLongDay } from '../../shared/session/index.ts';
import { SummaryView } from './SummaryView.tsx';

/** The summary from the API; `enabled` false fetches nothing. */
export function useSummary(sessionId: string, token: string, enabled = true): SummaryResult | null {
  const [result, setResult] = useState<SummaryResult | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void fetchSummary(sessionId, token).then((r) => {
      if (live) setResult(r);
    });
    return () => {
      live = false;
    };
  }, [sessionId, token, enabled]);
  return result;
}

/** The route /s/<id>/summary?token=&lang=. */
export function SummaryPage({ sessionId, token }: { sessionId: string; token: string }) {
  return <SummaryReader sessionId={sessionId} token={token} result={useSummary(sessionId, token)} />;
}

/** A fetched summary as a page, with its downloads and the language switch. */
export function SummaryReader({ sessionId, token, result: r }: { sessionId: string; token: string; result: SummaryResult | null }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (r?.ok) document.title = `${r.summary.title} · ${t('summary.title')}`;
  }, [r, t]);
  if (!r) return <Loading />;
  if (!r.ok) return <ErrorPage reason={r.reason} />;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <main className="page summary-page" id="main">
      {/* Printed, its buttons and languages go (the print sheet's rule); whether it is the
          final summary or a draft stays. */}
      <div className="summary-tools">
        <p className="tag">{r.summary.phase === 'closed' ? t('summary.closed') : t('summary.draft')}</p>
        <button type="button" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
        <LanguageSwitch />
      </div>
      <header className="summary-head">
        <h1>{r.summary.title || STRINGS[lang].session}</h1>
        <dl className="summary-facts">
          <dt>{STRINGS[lang].host}</dt>
          <dd>{r.summary.hostCompany} ({r.summary.hostName})</dd>
          <dt>{STRINGS[lang].date}</dt>
          <dd><time dateTime={r.summary.date}>{formatLongDate(r.summary.date, lang)}</time></dd>
          {r.summary.closedAt !== null && (
            <>
              <dt>{STRINGS[lang].closedOn}</dt>
              <dd>{formatLongDay(r.summary.closedAt, lang)}</dd>
            </>
          )}
        </dl>
      </header>
      <SummaryView summary={r.summary} lang={lang} query="" />
      <SummaryDownloads sessionId={sessionId} token={token} summary={r.summary} />
      <ConfidentialFooter summary={r.summary} clubName={r.summary.clubName ?? null} lang={lang} />
    </main>
  );
}
