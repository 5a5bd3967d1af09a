import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { SaveStatus } from '../sync/save-tracker.ts';

/** "Enregistré sur le serveur", "Non enregistré : gardé sur cet appareil", "Gardé sur cet appareil", "Hors ligne" (screen), "Synchronisation…", "Reconnexion…". */
/**
 * `announce`: one badge per page speaks to screen readers; copies lower on the page stay quiet.
 * `dotWhenSaved`: all being well, the dot alone is drawn (the words stay for screen readers):
 * the room's screen, where the words are noise projected to everyone; trouble is said in full.
 * `troubleOnly`: a copy beside a form, drawn only while what is written there is not on the
 * server (kept on the device, refused, reconnecting): the header's badge says all is well.
 */
export function ConnectionBadge({ save, announce = true, dotWhenSaved = false, troubleOnly = false }: {
  save: SaveStatus;
  announce?: boolean;
  dotWhenSaved?: boolean;
  troubleOnly?: boolean;
}) {
  const { t } = useTranslation();
  const state = useExternal(save, (s) => s.state);
  const words = t(`saveState.${state}`);
  // "Synchronisation…" flashes with every note sent: not trouble.
  if (troubleOnly && (state === 'saved' || state === 'syncing')) return null;
  return (
    <p className={`save-state save-${state}`} role={announce ? 'status' : undefined} aria-live={announce ? 'polite' : undefined} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {dotWhenSaved && state === 'saved' ? <span className="visually-hidden">{words}</span> : <span className="save-words">{words}</span>}
    </p>
  );
}
