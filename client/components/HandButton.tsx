import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceClient } from '../sync/presence-client.ts';

/** Ask for the floor: the hand shows next to one's name in everybody's list. */
export function HandButton({ presence }: { presence: PresenceClient }) {
  const { t } = useTranslation();
  const [raised, setRaised] = useState(false);
  return (
    <button
      type="button"
      className="chip hand-button"
      aria-pressed={raised}
      onClick={() => {
        presence.raiseHand(!raised);
        setRaised(!raised);
      }}
    >
      {raised ? t('presence.lowerHand') : t('presence.raiseHand')}
    </button>
  );
}
