import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getClosingRound, roots, setClosingRound, showLearningsOf, type ClosingRound } from '../../../shared/session/index.ts';
import { isSecondHalf, pressOf, type Press } from '../../hooks/useJustChanged.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { useRoomLink } from '../../room/useRoomLink.ts';
import { useRoundPeople } from './useRoundPeople.ts';

export function useClosingRound(): ClosingRound {
  const { doc } = useRoom();
  return useYValue(roots(doc).meta, () => getClosingRound(doc), [doc]);
}

/** When a leader last pressed the panel's buttons: the panel opened is mounted anew (his learnings card goes first), its refs with it. */
let panelPressedAt = 0;
/** The last of those presses (a double press's first half). */
let lastPanelPress: Press | null = null;

/**
 * The host's (or a facilitator's) closing round: opened, the room's screen shows who has
 * written what he brought and takes away; as he goes round the table, he puts the words of
 * the one speaking on the screen (*À l'écran*, or *Suivant*), and ends the round.
 */
export function ClosingRoundPanel() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const round = useClosingRound();
  const people = useRoundPeople();
  // Offline, the round would open (or the words go on the screen) on this device alone.
  const linked = useRoomLink('document');
  const off = linked ? {} : { disabled: true, 'aria-describedby': 'leader-offline' };
  // The button pressed often goes with the press (*Ouvrir le tour de clôture*, *Montrer qui a
  // écrit*, *Terminer…*), and the focus fell to the page's body: a keyboard or a screen
  // reader lost its place. It goes to the panel's next step instead.
  const panel = useRef<HTMLDivElement>(null);
  // The second half of a double click (or Enter pressed twice) is no press of its own: the
  // round opened put the host on the screen too; *À l’écran : Anne* skipped her for Marc.
  const act = (change: () => void) => (event: { readonly detail: number }) => {
    if (isSecondHalf(event, lastPanelPress)) return;
    lastPanelPress = pressOf(event);
    panelPressedAt = lastPanelPress.at;
    change();
  };
  // After each render: the render that takes the button away may come a moment after the press.
  useEffect(() => {
    if (performance.now() - panelPressedAt > 1000) return;
    // Gone with the press: the body, or (until the browser fixes the focus up) the removed button.
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    panelPressedAt = 0;
    const buttons = panel.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)');
    const to = panel.current?.querySelector<HTMLButtonElement>('button.primary:not(:disabled)') ?? buttons?.[0];
    to?.focus();
  });
  if (!useCan({ kind: 'runClosingRound' })) return null;
  if (!round.open) {
    return (
      <div className="stack closing-round" data-testid="closing-round-panel" ref={panel}>
        <p className="hint">{t('closingRound.openHint')}</p>
        <p className="row">
          <button type="button" {...off} className="primary" onClick={act(() => setClosingRound(doc, true))}>
            {t('closingRound.open')}
          </button>
        </p>
      </div>
    );
  }
  const wrote = people.filter((p) => p.learning !== null).length;
  // The next one round the table: after the one shown, the first in the list.
  const at = people.findIndex((p) => p.participantId === round.shownId);
  const next = people[(at + 1) % Math.max(1, people.length)];
  return (
    <div className="stack closing-round" data-testid="closing-round-panel" ref={panel}>
      <p role="status">{t('closingRound.count', { count: wrote, total: people.length })}</p>
      <p className="row">
        {next && next.participantId !== round.shownId && (
          <button type="button" {...off} className="primary" onClick={act(() => showLearningsOf(doc, next.participantId))}>
            {t('closingRound.next', { name: next.name })}
          </button>
        )}
        {round.shownId !== null && (
          <button type="button" {...off} onClick={act(() => showLearningsOf(doc, null))}>
            {t('closingRound.showAll')}
          </button>
        )}
        <button type="button" {...off} onClick={act(() => setClosingRound(doc, false))}>
          {t('closingRound.end')}
        </button>
      </p>
      <ul className="plain-list closing-people">
        {people.map((p) => (
          <li key={p.participantId} className="row" data-testid="closing-person">
            <span className="closing-name">
              {p.name} <span className={p.learning ? 'tag closing-wrote' : 'tag'}>{t(p.learning ? 'closingRound.wrote' : 'closingRound.notYet')}</span>
              {/* His phone offline, or he left: he is of the round still, the host asks him. */}
              {p.offline && <> <span className="tag closing-offline" data-testid="closing-offline">{t('closingRound.offline')}</span></>}
            </span>
            <button
              type="button"
              className="small"
              {...off}
              aria-pressed={round.shownId === p.participantId}
              aria-label={t('closingRound.showOf', { name: p.name })}
              onClick={act(() => showLearningsOf(doc, round.shownId === p.participantId ? null : p.participantId))}
            >
              {t('closingRound.show')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
