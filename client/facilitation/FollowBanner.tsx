import { useTranslation } from 'react-i18next';
import type { FollowState } from './useFollow.ts';

/** Shown to a member who stepped away from what the host shows: one tap brings him back. */
export function FollowBanner({ follow }: { follow: FollowState }) {
  const { t } = useTranslation();
  if (follow.following) {
    if (!follow.hostShows || follow.viewing !== follow.hostShows) return null;
    return (
      <p className="follow-banner" role="status">
        {t('follow.showing', { phase: t(`phases.${follow.hostShows}.name`) })}{' '}
        <button type="button" className="small" onClick={() => follow.view(null)}>
          {t('follow.stepAway')}
        </button>
      </p>
    );
  }
  if (!follow.hostShows) return null;
  return (
    <p className="follow-banner away" role="status">
      {t('follow.away')}{' '}
      <button type="button" className="small primary" onClick={follow.follow}>
        {t('follow.back')}
      </button>
    </p>
  );
}
