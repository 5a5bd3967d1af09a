// The host's (and facilitators') controls: timer, floor, what the room follows, the join
// panel, the anonymous board, who facilitates. Every control is a command the server checks.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeFocus, getFacilitators, isJoinPanelShown, getShownSection, roots } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { distinctNames } from '../components/people-names.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';
import { useJoinedPeople } from '../room/useJoinedPeople.ts';
import { useRoomLink } from '../room/useRoomLink.ts';
import { useFloor, useFocus, usePhaseTimer, useRemaining, useVoting } from './hooks.ts';

/** Where the panel is open, its fold hidden (facilitation.css). */
const WIDE = '(min-width: 701px)';

export function FacilitatorPanel({ phase, shownPhase }: { phase: Phase; shownPhase: Phase }) {
  const { t, i18n } = useTranslation();
  const { conn, me } = useRoom();
  const [refusal, setRefusal] = useState<string | null>(null);
  // Said in the host's language by its reason (a rule's, or the command's own); the server's
  // English words only for a reason this page does not know.
  useEffect(
    () =>
      conn.presence.onRefusal((message, reason) => {
        const key = reason === null ? null : [`facilitationRefusal.${reason}`, `rule.${reason}`].find((k) => i18n.exists(k));
        setRefusal(key ? t(key) : message);
      }),
    [conn, t, i18n],
  );
  useEffect(() => setRefusal(null), [phase]);
  // Offline, every control here is off (the stepper says why): sent later, a timer started
  // or a view shown to all would reach the room at the reconnection.
  const linked = useRoomLink('commands');
  // On a phone the panel starts folded into one row ("Animation"): the phase's own action
  // comes first, as with the presence list. Wider, it is open, with no fold to see.
  const [open, setOpen] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const unfold = (e: MediaQueryListEvent) => e.matches && setOpen(true);
    wide.addEventListener('change', unfold);
    return () => wide.removeEventListener('change', unfold);
  }, []);
  // A new phase folds it again on a phone: opened for the timer, it filled the next phase's
  // first screen.
  useEffect(() => {
    if (!window.matchMedia(WIDE).matches) setOpen(false);
  }, [phase]);
  return (
    <section className="facilitator-panel" aria-label={t('facilitation.label')}>
      <details className="facilitator-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('facilitation.label')}</summary>
        <fieldset className="facilitator-groups" disabled={!linked} aria-describedby={linked ? undefined : 'leader-offline'}>
          <TimerControls phase={phase} />
          <FloorControls />
          <ScreenControls phase={phase} shownPhase={shownPhase} />
          {me.role === 'host' && <FacilitatorsEditor />}
        </fieldset>
      </details>
      {refusal && (
        <p className="error" role="alert">
          {t('facilitation.refused', { message: refusal })}
        </p>
      )}
    </section>
  );
}

function TimerControls({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const timer = usePhaseTimer(phase);
  const left = useRemaining(timer);
  const [minutes, setMinutes] = useState(10);
  const running = timer?.endsAt != null && (left ?? 0) > 0;
  const paused = timer !== null && timer.endsAt === null && (left ?? 0) > 0;
  return (
    <div className="row facilitator-group" role="group" aria-label={t('timer.label')}>
      <span className="hint">{t('timer.label')}</span>
      <label className="inline-field">
        <input
          type="number"
          min={1}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(Math.max(1, Math.min(240, Number(e.target.value) || 1)))}
          aria-label={t('timer.minutes')}
        />
        <span aria-hidden="true">min</span>
      </label>
      <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'timer', action: 'start', minutes })}>
        {/* While one runs or waits, this starts it again, from the minutes given. */}
        {t(running || paused ? 'timer.restart' : 'timer.start', { minutes })}
      </button>
      {running && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'timer', action: 'pause' })}>
          {t('timer.pause')}
        </button>
      )}
      {paused && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'timer', action: 'start' })}>
          {t('timer.resume')}
        </button>
      )}
      {timer && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'timer', action: 'addTime', minutes: 2 })}>
          {t('timer.addTwo')}
        </button>
      )}
    </div>
  );
}

function FloorControls() {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const { speaker, hands } = useFloor();
  const next = hands[0];
  if (!speaker && !next) return null;
  return (
    <div className="row facilitator-group" role="group" aria-label={t('floor.label')}>
      <span className="hint">{t('floor.label')}</span>
      {next && (
        <button type="button" className="small primary" onClick={() => conn.presence.facilitate({ kind: 'floor', action: 'next' })}>
          {t('floor.giveNext', { name: next.name })}
        </button>
      )}
      {speaker && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'floor', action: 'end' })}>
          {t('floor.end', { name: speaker.name })}
        </button>
      )}
    </div>
  );
}

function ScreenControls({ phase, shownPhase }: { phase: Phase; shownPhase: Phase }) {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const r = roots(doc);
  const focus = activeFocus(useFocus(), phase);
  const voting = useVoting();
  const joinShown = useYValue([r.facilitation, r.presentation, r.meta], () => isJoinPanelShown(doc, phase, getShownSection(doc) !== null), [doc, phase]);
  const showing = focus?.kind === 'phase' ? focus.phase : null;
  return (
    <div className="row facilitator-group" role="group" aria-label={t('facilitation.screen')}>
      <span className="hint">{t('facilitation.screen')}</span>
      {/* Only for an earlier phase he looks back at: for the current one, *Libérer l'écran*
          does the same, and the two side by side wrapped the panel onto a second row. */}
      {shownPhase !== showing && shownPhase !== phase && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'focus', target: { kind: 'phase', phase: shownPhase } })}>
          {t('facilitation.followMe', { phase: t(`phases.${shownPhase}.name`) })}
        </button>
      )}
      {/* What the room is shown, said when his own view is elsewhere: back on the current
          phase, he saw only *Libérer l'écran*, and the room stayed on the earlier one. */}
      {showing !== null && showing !== shownPhase && (
        <span className="tag" data-testid="room-sees">{t('facilitation.roomSees', { phase: t(`phases.${showing}.name`) })}</span>
      )}
      {focus && (
        <button type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'focus', target: null })}>
          {t('facilitation.release')}
        </button>
      )}
      <button type="button" className="small" aria-pressed={joinShown} onClick={() => conn.presence.facilitate({ kind: 'joinPanel', shown: !joinShown })}>
        {t('facilitation.joinPanel')}
      </button>
      <button type="button" className="small" aria-pressed={voting.anonymous} onClick={() => conn.presence.facilitate({ kind: 'anonymous', on: !voting.anonymous })}>
        {t('facilitation.anonymous')}
      </button>
    </div>
  );
}

function FacilitatorsEditor() {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const r = roots(doc);
  // The members of the session, their phones offline too (a facilitator whose phone had
  // dropped could not be unmade); the ids are the server's, the ones it checks facilitators by.
  const members = useJoinedPeople().filter((p) => p.role === 'member');
  // Two of one name told apart, as in the list of people.
  const labels = distinctNames(members);
  const facilitators = useYValue(r.facilitators, () => getFacilitators(doc).map((f) => f.participantId), [doc]);
  if (members.length === 0) return null;
  // A grant of one who is no member now (he opened the host link) counts for nothing here.
  const counted = members.filter((m) => facilitators.includes(m.participantId)).length;
  return (
    <details className="facilitators">
      <summary>{t('facilitation.facilitators', { count: counted })}</summary>
      <ul className="plain-list">
        {members.map((m) => {
          const on = facilitators.includes(m.participantId);
          return (
            <li key={m.participantId} className="row">
              <span>{labels.get(m.participantId)}</span>
              <button
                type="button"
                className="small"
                aria-pressed={on}
                onClick={() => conn.presence.facilitate({ kind: 'facilitator', participantId: m.participantId, name: m.name, granted: !on })}
              >
                {on ? t('facilitation.revoke', { name: labels.get(m.participantId) }) : t('facilitation.grant', { name: labels.get(m.participantId) })}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
