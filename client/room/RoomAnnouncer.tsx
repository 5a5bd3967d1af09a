// What changes for the whole room, said to a screen reader: a phase move or a vote round
// opened or closed changed the page under a member's fingers, and VoiceOver said nothing
// (seen in an exploratory run: the phase form went, the focus fell to the page's body).
// One polite live region, empty until something changes after the page opened.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPhaseHistory } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { useVoting } from '../facilitation/hooks.ts';
import { useRoom } from './room-context.ts';

export function RoomAnnouncer({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const voting = useVoting();
  const [said, setSaid] = useState('');
  // The first values are the page's opening, not a change.
  const last = useRef({ phase, open: voting.open });
  useEffect(() => {
    const before = last.current;
    last.current = { phase, open: voting.open };
    if (phase !== before.phase) {
      // Read when the phase has come: the move and who made it are written together.
      const mover = getPhaseHistory(doc).at(-1)?.byName;
      setSaid(mover ? t('announce.phaseBy', { phase: t(`phases.${phase}.name`), name: mover }) : t('announce.phase', { phase: t(`phases.${phase}.name`) }));
    } else if (voting.open !== before.open) {
      const by = voting.by?.name;
      const what = t(voting.open ? 'voting.isOpen' : 'voting.isClosed');
      setSaid(by ? `${what}, ${t('voting.by', { name: by })}` : what);
    }
  }, [phase, voting.open, voting.by, doc, t]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="room-announcer">
      {said}
    </p>
  );
}
