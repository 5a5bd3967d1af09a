// The room's screen: a status bar (phase, timer, floor, who is here) over the phase's view,
// scaled to the screen (type in vw: nothing under ~28 px at 1080p), dark or light.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { getShownSection, isJoinPanelShown, roots } from '../../shared/session/index.ts';
import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { peopleOf } from '../components/PresenceList.tsx';
import { formatClock, useFloor, usePhaseTimer, useRemaining } from '../facilitation/hooks.ts';
import { useExternal } from '../hooks/useExternal.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useFollowUpRoundOn } from '../followup/useFollowUpRoundOn.ts';
import { useClosingRound } from '../phases/synthesis/ClosingRound.tsx';
import { useMeta } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { JoinPanel } from './JoinPanel.tsx';
import { ScreenPhase } from './ScreenPhase.tsx';
import { Chime, useEndChime } from './useEndChime.ts';

type Theme = 'dark' | 'light';
const THEME_KEY = 'entraide:screen-theme';
/** How long the mouse rests before the screen's own buttons and the pointer leave the projection. */
const IDLE_AFTER_MS = 4000;

/**
 * Whether nobody has touched the screen's mouse or keyboard for `ms`: its buttons (theme,
 * sound, full screen) and the pointer then leave the projection, as a video player's do, and
 * come back with the first move, press or key.
 */
function useIdle(ms: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), ms);
    const wake = () => {
      clearTimeout(timer);
      setIdle(false);
      timer = setTimeout(() => setIdle(true), ms);
    };
    const events = ['pointermove', 'pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, wake, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, wake);
    };
  }, [ms]);
  return idle;
}

export function ScreenView() {
  const { t } = useTranslation();
  const { conn, doc, info } = useRoom();
  const meta = useMeta();
  const r = roots(doc);
  const people = peopleOf(useExternal(conn.presence, (p) => p.entries)).filter((p) => p.role !== 'screen');
  // No count until the server's list is here: "0 présent" was projected while it came.
  const listed = useExternal(conn.presence, (p) => p.connected);
  const joinShown = useYValue([r.facilitation, r.presentation, r.meta], () => isJoinPanelShown(doc, meta.phase, getShownSection(doc) !== null), [doc, meta.phase]);
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'));
  const chime = useMemo(() => new Chime(), []);
  const [sound, setSound] = useState(false);
  const idle = useIdle(IDLE_AFTER_MS);
  const title = meta.title || info.title;
  // A club session opens with its follow-up round, before the Présentation: the bar names it.
  const followUp = useFollowUpRoundOn(meta.phase);
  // And the Synthèse ends with its closing round, which the bar names too.
  const closing = useClosingRound().open && meta.phase === 'synthesis';
  useEffect(() => {
    document.title = `${title} · Entraide`;
  }, [title]);
  return (
    <div className="screen" data-phase={meta.phase} data-theme={theme} data-idle={idle || undefined}>
      <header className="screen-bar">
        <div className="screen-title">
          <h1>{title}</h1>
          <p className="screen-phase-name" data-testid="screen-phase">{followUp ? t('followUp.title') : closing ? t('closingRound.title') : t(`phases.${meta.phase}.name`)}</p>
        </div>
        <ScreenTimer phase={meta.phase} chime={chime} />
        <ScreenFloor />
        <div className="screen-meta">
          {listed && <p data-testid="screen-here">{t('screenView.here', { count: people.length })}</p>}
          <ConnectionBadge save={conn.save} dotWhenSaved />
        </div>
      </header>
      <main className={`screen-body${joinShown ? ' with-join' : ''}`}>
        <div className="screen-main">
          <ScreenPhase phase={meta.phase} />
        </div>
        {joinShown && <JoinPanel sessionId={info.id} />}
      </main>
      <div className="screen-tools">
        <button
          type="button"
          onClick={() => {
            const next = theme === 'dark' ? 'light' : 'dark';
            localStorage.setItem(THEME_KEY, next);
            setTheme(next);
          }}
        >
          {t('screenView.theme')}
        </button>
        {!sound && (
          <button
            type="button"
            onClick={() => {
              chime.unlock();
              setSound(true);
            }}
          >
            {t('screenView.sound')}
          </button>
        )}
        <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t('screenView.fullscreen')}
        </button>
        {/* The room's language, set once on the screen's computer (kept there); a host leading
            in English had a French screen unless its link was given ?lang=en. */}
        <LanguageSwitch />
      </div>
    </div>
  );
}

function ScreenTimer({ phase, chime }: { phase: import('../../shared/session/index.ts').Phase; chime: Chime }) {
  const { t } = useTranslation();
  const timer = usePhaseTimer(phase);
  const left = useRemaining(timer);
  useEndChime(timer, left, chime);
  if (!timer || left === null) return <div className="screen-timer empty" />;
  const ended = left === 0;
  const paused = timer.endsAt === null && !ended;
  return (
    <div className={`screen-timer${ended ? ' ended' : ''}${paused ? ' paused' : ''}`} role="timer" data-testid="timer" data-ended={ended}>
      <span className="screen-timer-time">{ended ? t('timer.endedShort') : formatClock(left)}</span>
      {paused && <span className="screen-timer-state">{t('timer.paused')}</span>}
    </div>
  );
}

function ScreenFloor() {
  const { t } = useTranslation();
  const { speaker, hands } = useFloor();
  if (!speaker && hands.length === 0) return <div className="screen-floor empty" />;
  return (
    <div className="screen-floor" data-testid="floor">
      {speaker && (
        <p>
          <span className="floor-label">{t('floor.speaking')}</span> <strong data-testid="floor-speaker">{speaker.name}</strong>
        </p>
      )}
      {hands.length > 0 && (
        <p>
          <span className="floor-label">{t('floor.next')}</span> <span data-testid="floor-queue">{namesOnOneLine(hands.map((h) => h.name))}</span>
        </p>
      )}
    </div>
  );
}

/** Names separated by commas, each kept whole on its line ("Paul / Durand" was split). */
function namesOnOneLine(names: readonly string[]) {
  return names.map((name, i) => (
    <Fragment key={`${i}-${name}`}>
      {i > 0 && ', '}
      <span className="name">{name}</span>
    </Fragment>
  ));
}
