import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../shared/session/index.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { useCommandButton } from '../room/useRoomLink.ts';
import { useFloor, useSelfId } from './hooks.ts';

/** Who has the floor and who is next, for everyone; a member raises or lowers his hand here. */
export function FloorStrip({ canRaise }: { canRaise: boolean }) {
  // Raised offline, the hand went nowhere and nothing said so.
  const command = useCommandButton();
  const { t } = useTranslation();
  const { conn } = useRoom();
  const { speaker, hands } = useFloor();
  const { phase } = useRuleState();
  const self = useSelfId();
  const raised = hands.some((h) => h.participantId === self);
  const place = hands.findIndex((h) => h.participantId === self) + 1;
  // Moving to another phase lowers every hand (the server does it): the member whose hand
  // was up is told, rather than finding it down with no word, or thinking it still up.
  const upIn = useRef<Phase | null>(null);
  const [lowered, setLowered] = useState(false);
  useEffect(() => {
    if (raised) {
      upIn.current ??= phase;
      setLowered(false);
      return;
    }
    if (upIn.current !== null && upIn.current !== phase && speaker?.participantId !== self) setLowered(true);
    upIn.current = null;
  }, [raised, phase, speaker, self]);
  if (!speaker && hands.length === 0 && !canRaise) return null;
  return (
    <div className="floor-strip" data-testid="floor">
      {speaker && (
        <p className="floor-speaker">
          <span className="floor-label">{t('floor.speaking')}</span> <strong data-testid="floor-speaker">{speaker.name}</strong>
        </p>
      )}
      {hands.length > 0 && (
        <p className="floor-next">
          <span className="floor-label">{t('floor.next')}</span>{' '}
          <span data-testid="floor-queue">{hands.map((h) => h.name).join(', ')}</span>
        </p>
      )}
      {canRaise && (
        <button
          type="button"
          className={`chip hand-button${raised ? ' raised' : ''}`}
          aria-pressed={raised}
          {...command}
          onClick={() => conn.presence.facilitate({ kind: 'hand', raised: !raised })}
        >
          {raised ? t('floor.lowerHand', { place }) : t('presence.raiseHand')}
        </button>
      )}
      {canRaise && lowered && (
        <p className="hint" role="status" data-testid="hand-lowered">
          {t('floor.handLowered')}{' '}
          <button type="button" className="small" onClick={() => setLowered(false)}>
            {t('facilitation.noticeSeen')}
          </button>
        </p>
      )}
    </div>
  );
}
