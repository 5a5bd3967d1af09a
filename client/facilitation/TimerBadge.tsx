import { useTranslation } from 'react-i18next';
import type { Phase } from '../../shared/session/index.ts';
import { formatClock, usePhaseTimer, useRemaining } from './hooks.ts';

/**
 * The phase's timer as everybody sees it; at the end a gentle pulse, never a siren.
 * `onEnd` fires once per timer run that reaches zero while shown (the screen's sound).
 */
export function TimerBadge({ phase, large = false }: { phase: Phase; large?: boolean }) {
  const { t } = useTranslation();
  const timer = usePhaseTimer(phase);
  const left = useRemaining(timer);
  if (!timer || left === null) return null;
  const ended = left === 0;
  const paused = timer.endsAt === null && !ended;
  return (
    <p
      className={`timer-badge${large ? ' large' : ''}${ended ? ' ended' : ''}${paused ? ' paused' : ''}`}
      data-testid="timer"
      data-ended={ended}
      aria-label={ended ? t('timer.ended') : paused ? t('timer.pausedAt', { time: formatClock(left) }) : t('timer.left', { time: formatClock(left) })}
    >
      <span aria-hidden="true" className="timer-icon">⏱</span>
      <span className="timer-time">{ended ? t('timer.endedShort') : formatClock(left)}</span>
      {paused && <span className="timer-state">{t('timer.paused')}</span>}
    </p>
  );
}
