import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, allowedPhaseMoves, getPhaseHistory, phaseIndex, roots, setPhase } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { LastMove } from '../facilitation/LastMove.tsx';
import { useSelfId } from '../facilitation/hooks.ts';
import { useJustChanged } from '../hooks/useJustChanged.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useScrollEdges } from '../hooks/useScrollEdges.ts';
import { useRoundPeople } from '../phases/synthesis/useRoundPeople.ts';
import { useRuleState } from './hooks.ts';
import { useRoom } from './room-context.ts';

/**
 * The six phases, the current one marked; the host (or a facilitator) moves the session.
 * Who made the last move sits beside the buttons that make one: on its own line it pushed
 * the host's board further below his laptop's first screen.
 */
export function PhaseStepper({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const edges = useScrollEdges<HTMLOListElement>();
  const { doc, me } = useRoom();
  const state = useRuleState();
  const moves = allowedPhaseMoves(me, state);
  const current = phaseIndex(phase);
  const next = PHASES[current + 1];
  const previous = PHASES[current - 1];
  // Closing is final: asked twice. Whoever moves the session meanwhile cancels the question.
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [phase]);
  // Another leader moved the session a moment ago: *Revenir à : Questions* under one's finger
  // had become *Revenir à : Visite*, and two leaders pressing it together took the room back
  // two steps. A tap so soon after another's move is not taken; the line beside says who moved.
  const selfId = useSelfId();
  const lastBy = useYValue(roots(doc).phaseHistory, () => getPhaseHistory(doc).at(-1)?.byId ?? null, [doc]);
  const justMoved = useJustChanged(phase);
  const [notTaken, setNotTaken] = useState(false);
  useEffect(() => setNotTaken(false), [phase]);
  const go = (to: Phase) => {
    if (justMoved() && lastBy !== null && lastBy !== selfId && lastBy !== me.participantId) {
      setNotTaken(true);
      return;
    }
    setNotTaken(false);
    if (to === 'closed' && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setPhase(doc, me, to);
  };
  const blocked =
    state.privateWriting && allowedPhaseMoves(me, { ...state, privateWriting: false }).length > 0
      ? 'reveal-first'
      : !state.privateWriting && state.countsHidden && allowedPhaseMoves(me, { ...state, countsHidden: false }).length > 0
        ? 'close-vote-first'
        : null;
  const blockedLine = blocked && (
    <strong className="phase-rule stepper-blocked" data-testid={blocked}>
      {t(blocked === 'reveal-first' ? 'stepper.revealFirst' : 'stepper.closeVoteFirst')}
    </strong>
  );
  return (
    <nav className="stepper" aria-label={t('stepper.label')}>
      <ol className="scroll-row" ref={edges}>
        {PHASES.map((p, i) => (
          <li key={p} className={i < current ? 'done' : i === current ? 'current' : undefined} aria-current={p === phase ? 'step' : undefined}>
            {moves.includes(p) ? (
              <button type="button" className="step-button" onClick={() => go(p)}>
                <span className="step-number" aria-hidden="true">{i + 1}</span>
                <span className="visually-hidden">{t('stepper.goToPrefix')}</span>
                <span className="step-name">{t(`phases.${p}.name`)}</span>
              </button>
            ) : (
              <>
                <span className="step-number" aria-hidden="true">{i + 1}</span>
                <span className="step-name">{t(`phases.${p}.name`)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="phase-rule" data-testid="phase-rule">{t(`phases.${phase}.rule`)}</p>
      {/* Why the session cannot move yet, for whoever moves it: beside the buttons, where the
          last move was (on a line of its own it pushed the host's board further down). */}
      {blocked === null && moves.length === 0 && <LastMove />}
      {blocked !== null && moves.length === 0 && blockedLine}
      {moves.length > 0 && (
        <div className="stepper-actions">
          {previous && moves.includes(previous) && (
            <button type="button" onClick={() => go(previous)}>
              {t('stepper.back', { phase: t(`phases.${previous}.name`) })}
            </button>
          )}
          {confirming ? (
            <>
              <button type="button" className="primary" onClick={() => go('closed')}>
                {t('stepper.confirmClose')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <SilentMembers />
            </>
          ) : (
            next &&
            moves.includes(next) && (
              <button type="button" className="primary" onClick={() => go(next)}>
                {t('stepper.next', { phase: t(`phases.${next}.name`) })}
              </button>
            )
          )}
          {blocked === null ? <LastMove /> : blockedLine}
          {notTaken && (
            <strong className="phase-rule" role="status" data-testid="move-not-taken">
              {t('stepper.notTaken')}
            </strong>
          )}
        </div>
      )}
    </nav>
  );
}

/**
 * Before the close, who in the room has not said what he brought and takes away: after it,
 * nobody can (the club's rule is that each brings something). The host saw only those who
 * had written, with no count.
 */
function SilentMembers() {
  const { t } = useTranslation();
  // The members present who have written nothing: the same people as the closing round's.
  const silent = useRoundPeople()
    .filter((p) => p.present && p.role === 'member' && p.learning === null)
    .map((p) => p.name);
  if (silent.length === 0) return null;
  return (
    <p className="phase-rule" role="status" data-testid="silent-members">
      {t('stepper.silentMembers', { count: silent.length, names: silent.join(', ') })}
    </p>
  );
}
