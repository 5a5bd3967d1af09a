import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { SaveTracker } from '../sync/save-tracker.ts';

/** "Enregistré sur le serveur", "Gardé sur cet appareil", "Synchronisation…", "Reconnexion…". */
export function ConnectionBadge({ save }: { save: SaveTracker }) {
  const { t } = useTranslation();
  const state = useExternal(save, (s) => s.state);
  return (
    <p className={`save-state save-${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {t(`saveState.${state}`)}
    </p>
  );
}
