import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClosingRound } from '../phases/synthesis/ClosingRound.tsx';
import { useRoundPeople } from '../phases/synthesis/useRoundPeople.ts';
import { useFitToHeight } from './useFitToHeight.ts';

/** Down to half the screen's type: 30 names, or a long learning, stand whole. */
const SCREEN_FIT_STEPS: readonly number[] = [1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5];

/**
 * The closing round on the room's screen: the words of the one speaking, when the host has
 * put them there, large; and always who has written what he brought and takes away, the
 * room's progress round the table.
 */
export function ClosingRoundScreen() {
  const { t } = useTranslation();
  const round = useClosingRound();
  const people = useRoundPeople();
  const fitted = useRef<HTMLDivElement>(null);
  useFitToHeight(fitted, SCREEN_FIT_STEPS);
  const shown = people.find((p) => p.participantId === round.shownId) ?? null;
  const wrote = people.filter((p) => p.learning !== null).length;
  return (
    <div ref={fitted} className={`screen-closing${shown ? ' with-shown' : ''}`} data-testid="screen-closing-round">
      {shown && (
        <section className="screen-closing-shown" aria-labelledby="screen-closing-name" data-testid="screen-closing-shown">
          <h2 id="screen-closing-name">{shown.name}</h2>
          {shown.learning?.brought && (
            <p>
              <span className="screen-closing-label">{t('synthesis.broughtBy')}</span> {shown.learning.brought}
            </p>
          )}
          {shown.learning?.takeAway && (
            <p>
              <span className="screen-closing-label">{t('synthesis.takeAwayBy')}</span> {shown.learning.takeAway}
            </p>
          )}
          {!shown.learning && <p className="screen-byline">{shown.name} {t('closingRound.screenNothing')}</p>}
        </section>
      )}
      <section className="screen-closing-people" aria-label={t('closingRound.title')}>
        <p className="screen-byline" data-testid="screen-closing-count">
          {t('closingRound.screenCount', { count: wrote, total: people.length })}
        </p>
        <ul>
          {people.map((p) => (
            <li key={p.participantId} className={p.learning ? 'wrote' : undefined} aria-current={p.participantId === round.shownId || undefined} data-testid="screen-closing-person">
              <span aria-hidden="true">{p.learning ? '✓' : '·'}</span> {p.name}
              {p.offline && <span className="screen-closing-offline"> · {t('closingRound.offline')}</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
