import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { SaveStatus } from '../sync/save-tracker.ts';

/** "Enregistré sur le serveur", "Non enregistré : gardé sur cet appareil", "Gardé sur cet appareil", "Hors ligne" (screen), "Synchronisation…", "Reconnexion…". */
/** `announce`: one badge per page speaks to screen readers; copies lower on the page stay quiet. */
export function ConnectionBadge({ save, announce = true }: { save: SaveStatus; announce?: boolean }) {
  const { t } = useTranslation();
  const state = useExternal(save, (s) => s.state);
  return (
    <p className={`save-state save-${state}`} role={announce ? 'status' : undefined} aria-live={announce ? 'polite' : undefined} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {t(`saveState.${state}`)}
    </p>
  );
}
