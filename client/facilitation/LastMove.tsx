import { useTranslation } from 'react-i18next';
import { getPhaseHistory, roots } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { formatTime } from '../i18n/format.ts';
import { useRoom } from '../room/room-context.ts';

/** Who made the last phase move, and when: a host on two devices, or a facilitator's move, is seen live. */
export function LastMove() {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const last = useYValue(roots(doc).phaseHistory, () => getPhaseHistory(doc).at(-1) ?? null, [doc]);
  if (!last) return null;
  return (
    <p className="hint last-move" data-testid="last-move">
      {t('facilitation.lastMove', { phase: t(`phases.${last.to}.name`), name: last.byName, time: formatTime(last.at, i18n.language) })}
    </p>
  );
}
