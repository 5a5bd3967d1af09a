import { useTranslation } from 'react-i18next';
import { summaryFileName, type SessionSummary } from '../../shared/session/index.ts';
import { summaryUrl } from '../sync/api.ts';

/** The summary as files to keep: Markdown and JSON, in the language of the page. */
export function SummaryDownloads({ sessionId, token, summary }: { sessionId: string; token: string; summary: Pick<SessionSummary, 'date' | 'title'> }) {
  const { t, i18n } = useTranslation();
  const base = summaryFileName(summary);
  return (
    <p className="row summary-downloads no-print">
      <a className="button-link" href={summaryUrl(sessionId, token, 'md', i18n.language)} download={`${base}.md`} data-testid="summary-md">
        {t('summary.downloadMd')}
      </a>
      <a className="button-link" href={summaryUrl(sessionId, token, 'json', i18n.language)} download={`${base}.json`} data-testid="summary-json">
        {t('summary.downloadJson')}
      </a>
    </p>
  );
}
