import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, allowedPhaseMoves, getPhaseHistory, phaseIndex, roots, setPhase } from '../../shared/session/index.ts';
import type { Phase, PhaseChange } from '../../shared/session/index.ts';
import { useExternal } from '../hooks/useExternal.ts';
import { LastMove } from '../facilitation/LastMove.tsx';
import { useSelfId } from '../facilitation/hooks.ts';
import { isDoublePress, useJustChanged } from '../hooks/useJustChanged.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useScrollEdges } from '../hooks/useScrollEdges.ts';
import { useRoundPeople } from '../phases/synthesis/useRoundPeople.ts';
import { useRuleState } from './hooks.ts';
import { useRoom } from './room-context.ts';
import { useRoomLink } from './useRoomLink.ts';

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
  // Offline, a move changed the leader's page and not the room's (he spoke of the Questions
  // while the screen showed the Visite): the buttons wait for the device to be synced again.
  const linked = useRoomLink('document');
  const roomLinked = useRoomLink('room');
  // Both presses left before either device saw the other's move: the server took the first
  // and refused the second (`moved-meanwhile`). Not an error: who moved the room, and where.
  // Said until another move, or this leader's next press.
  const crossed = useCrossedMove(phase);
  const go = (to: Phase, event: { readonly detail: number }) => {
    if (!linked) return;
    // A double press: its second half met the button's new meaning, not his choice.
    if (isDoublePress(event, justMoved)) return;
    crossed.seen();
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
              <button type="button" className="step-button" disabled={!linked} aria-describedby={linked ? undefined : 'leader-offline'} onClick={(e) => go(p, e)}>
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
      {/* For whoever leads (he has moves, or is told why not): his phase moves, the reveal and
          the vote round wait for his device to be synced with the server again. */}
      {!roomLinked && (moves.length > 0 || blocked !== null) && <LeaderOffline />}
      {/* Why the session cannot move yet, for whoever moves it: beside the buttons, where the
          last move was (on a line of its own it pushed the host's board further down). */}
      {blocked === null && moves.length === 0 && <LastMove />}
      {blocked !== null && moves.length === 0 && blockedLine}
      {moves.length > 0 && (
        <div className="stepper-actions">
          {previous && moves.includes(previous) && (
            <button type="button" disabled={!linked} aria-describedby={linked ? undefined : 'leader-offline'} onClick={(e) => go(previous, e)}>
              {t('stepper.back', { phase: t(`phases.${previous}.name`) })}
            </button>
          )}
          {confirming ? (
            <>
              <button type="button" className="primary" disabled={!linked} aria-describedby={linked ? undefined : 'leader-offline'} onClick={(e) => go('closed', e)}>
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
              <button type="button" className="primary" disabled={!linked} aria-describedby={linked ? undefined : 'leader-offline'} onClick={(e) => go(next, e)}>
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
          {!notTaken && crossed.by && (
            <strong className="phase-rule" role="status" data-testid="move-crossed">
              {t('stepper.alreadyMoved', { name: crossed.by.byName, phase: t(`phases.${crossed.by.to}.name`) })}
            </strong>
          )}
        </div>
      )}
    </nav>
  );
}

/** A leader's device is not synced with the server: what he moves now, the room would not see. */
function LeaderOffline() {
  const { t } = useTranslation();
  // Said once it lasts: a page connecting (or a blip) would flash it at every load.
  const [lasts, setLasts] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setLasts(true), 1000);
    return () => clearTimeout(id);
  }, []);
  if (!lasts) return null;
  return (
    <p className="phase-rule leader-offline" role="status" id="leader-offline" data-testid="leader-offline">
      {t('stepper.offline')}
    </p>
  );
}

/**
 * The move of another leader that crossed this leader's own (the server refused his as
 * `moved-meanwhile`): the last move of anyone else, to the phase the session is in. Said
 * from the refusal on (that move may reach this device just after it) until he presses again.
 */
function useCrossedMove(phase: Phase): { by: PhaseChange | null; seen: () => void } {
  const { conn, doc, me } = useRoom();
  const selfId = useSelfId();
  const refused = useExternal(conn.refusals, (r) => r.movesNotTaken);
  // This device's own refused entry is undone by the server: the others' moves alone.
  const last = useYValue(
    roots(doc).phaseHistory,
    () => getPhaseHistory(doc).findLast((c) => c.byId !== selfId && c.byId !== me.participantId) ?? null,
    [doc, selfId, me.participantId],
  );
  const [said, setSaid] = useState(false);
  const seenRefused = useRef(refused);
  useEffect(() => {
    if (refused === seenRefused.current) return;
    seenRefused.current = refused;
    setSaid(true);
  }, [refused]);
  return { by: said && last !== null && last.to === phase ? last : null, seen: () => setSaid(false) };
}

/**
 * Before the close, who of the session has not said what he brought and takes away: after it,
 * nobody can (the club's rule is that each brings something). The host saw only those who
 * had written, with no count.
 */
function SilentMembers() {
  const { t } = useTranslation();
  // The members who have written nothing: the same people as the closing round's, those
  // whose phone is offline said so (what they write there is refused after the close).
  const silent = useRoundPeople()
    .filter((p) => p.role === 'member' && p.learning === null)
    .map((p) => (p.offline ? t('closingRound.nameOffline', { name: p.name }) : p.name));
  if (silent.length === 0) return null;
  return (
    <p className="phase-rule" role="status" data-testid="silent-members">
      {t('stepper.silentMembers', { count: silent.length, names: silent.join(', ') })}
    </p>
  );
}
