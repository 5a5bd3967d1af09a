import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubView } from '../../shared/club.ts';
import { longDate, summaryFileName, type Lang, type SessionSummary } from '../../shared/session/index.ts';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { clubPath } from '../router.ts';
import { ApiError } from '../sync/api.ts';
import { ConfidentialFooter } from '../summary/ConfidentialFooter.tsx';
import { SummaryView } from '../summary/SummaryView.tsx';
import { fetchClub, fetchSummary } from './club-api.ts';
import { NotAMember } from './NotAMember.tsx';
import { useClubCredential } from './useClubCredential.ts';

/**
 * `/c/<club>/s/<session>?q=`: a session's summary for the club's members, to read on a
 * phone, print or export (PDF, Markdown), each with the club's confidentiality footer.
 */
export default function ClubSummaryPage({ clubId, sessionId, query }: { clubId: string; sessionId: string; query: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'fr';
  const credential = useClubCredential(clubId);
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  const [club, setClub] = useState<ClubView | null>(null);
  const [failure, setFailure] = useState<'unauthorized' | 'notFound' | 'server' | null>(null);
  useEffect(() => {
    if (!credential) return;
    const fail = (err: unknown) => setFailure(err instanceof ApiError && err.status === 401 ? 'unauthorized' : err instanceof ApiError && err.status === 404 ? 'notFound' : 'server');
    fetchSummary(sessionId, credential.credential).then(setSummary, fail);
    fetchClub(credential).then(setClub, fail);
  }, [credential, sessionId]);
  useEffect(() => {
    if (!summary) return;
    document.title = `${summary.title} · Entraide`;
    // From a search: the first hit in view.
    if (query) document.querySelector('.summary mark')?.scrollIntoView({ block: 'center' });
  }, [summary, query]);

  if (!credential) return <NotAMember />;
  if (failure) return <ErrorPage reason={failure} />;
  if (!summary || !club) return <Loading />;
  return (
    <main className="page summary-page stack">
      <nav className="row no-print">
        <a href={clubPath(clubId)}>← {club.name}</a>
        <LanguageSwitch />
      </nav>
      <header>
        <h1>{summary.title}</h1>
        <p className="lead">
          {summary.hostCompany} ({summary.hostName}) · <time dateTime={summary.date}>{longDate(summary.date, lang)}</time> · {club.name}
        </p>
        <div className="row no-print">
          <button type="button" onClick={() => window.print()}>
            {t('summary.print')}
          </button>
          <ExportButton sessionId={sessionId} credential={credential.credential} format="pdf" lang={lang} name={summaryFileName(summary)} />
          <ExportButton sessionId={sessionId} credential={credential.credential} format="md" lang={lang} name={summaryFileName(summary)} />
        </div>
      </header>
      <SummaryView summary={summary} lang={lang} query={query} />
      <ConfidentialFooter summary={summary} clubName={club.name} lang={lang} />
    </main>
  );
}

/**
 * An export of the summary, fetched with the member's credential in a header and saved as a
 * file. It was a link with the credential in its address: forwarded (or kept in a history,
 * a proxy's log), the link opened the whole club as that member.
 */
function ExportButton({ sessionId, credential, format, lang, name }: { sessionId: string; credential: string; format: 'pdf' | 'md'; lang: Lang; name: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const save = async () => {
    setState('busy');
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/summary?format=${format}&lang=${lang}`, { headers: { authorization: `Bearer ${credential}` } });
      if (!res.ok) throw new ApiError(res.status, res.statusText);
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${name}.${format}`;
      link.click();
      // The click has read the address; the file is the browser's now.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" data-testid={`export-${format}`} disabled={state === 'busy'} onClick={() => void save()}>
        {state === 'busy' ? t('summary.exporting') : t(format === 'pdf' ? 'summary.pdf' : 'summary.markdown')}
      </button>
      {state === 'failed' && (
        <span className="error" role="alert">
          {t('summary.exportFailed')}
        </span>
      )}
    </>
  );
}
