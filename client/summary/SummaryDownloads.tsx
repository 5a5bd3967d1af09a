import { useTranslation } from 'react-i18next';
import { summaryUrl } from '../sync/api.ts';

/** The summary as files to keep: Markdown and JSON, in the language of the page. */
export function SummaryDownloads({ sessionId, token, title }: { sessionId: string; token: string; title: string }) {
  const { t, i18n } = useTranslation();
  const base = (title || 'compte-rendu').normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'compte-rendu';
  return (
    <p className="row summary-downloads">
      <a className="button-link" href={summaryUrl(sessionId, token, 'md', i18n.language)} download={`${base}.md`} data-testid="summary-md">
        {t('summary.downloadMd')}
      </a>
      <a className="button-link" href={summaryUrl(sessionId, token, 'json', i18n.language)} download={`${base}.json`} data-testid="summary-json">
        {t('summary.downloadJson')}
      </a>
    </p>
  );
}
