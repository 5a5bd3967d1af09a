import { useTranslation } from 'react-i18next';
import { useRoom } from '../../room/room-context.ts';
import { SessionReadout } from '../../summary/SessionReadout.tsx';
import { summaryUrl } from '../../sync/api.ts';

export default function ClosedPhase() {
  const { t } = useTranslation();
  const { info, token } = useRoom();
  return (
    <section className="phase closed" aria-labelledby="closed-title">
      <h2 id="closed-title">{t('closed.title')}</h2>
      <p>{t('closed.intro')}</p>
      <p className="row">
        <a href={summaryUrl(info.id, token, 'md')} target="_blank" rel="noreferrer" data-testid="summary-link">{t('closed.summary')}</a>
        <a href={summaryUrl(info.id, token, 'json')} target="_blank" rel="noreferrer">{t('closed.summaryJson')}</a>
      </p>
      <SessionReadout />
    </section>
  );
}
