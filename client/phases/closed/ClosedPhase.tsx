import { useTranslation } from 'react-i18next';
import { buildSummary } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useRoom } from '../../room/room-context.ts';
import { SummaryDownloads } from '../../summary/SummaryDownloads.tsx';
import { SummaryView } from '../../summary/SummaryView.tsx';
import { savedCredential } from '../../club/club-credentials.ts';
import { clubSummaryPath } from '../../router.ts';
import { summaryPageUrl } from '../../sync/api.ts';

/**
 * Clôture: the session read-only, as its summary; the same page opens later from the link.
 * A club member who came in as himself reads it on the club's summary page (its footer,
 * print and exports): the session's own page took his club credential in its address, and
 * so did its downloads, which forwarded opened the whole club as him.
 */
export default function ClosedPhase() {
  const { t, i18n } = useTranslation();
  const { doc, info, token } = useRoom();
  const summary = useYValue(doc, () => buildSummary(doc), [doc]);
  const asClubMember = info.clubId ? savedCredential(info.clubId)?.credential === token : false;
  return (
    <section className="phase closed" aria-labelledby="closed-title">
      <h2 id="closed-title">{t('closed.title')}</h2>
      <p>{t('closed.intro')}</p>
      <p className="row">
        <a className="button-link primary" href={asClubMember && info.clubId ? clubSummaryPath(info.clubId, info.id) : summaryPageUrl(info.id, token, i18n.language)} data-testid="summary-link">
          {t('closed.summary')}
        </a>
      </p>
      {!asClubMember && <SummaryDownloads sessionId={info.id} token={token} summary={summary} />}
      <SummaryView summary={summary} lang={i18n.language === 'en' ? 'en' : 'fr'} query="" />
    </section>
  );
}
