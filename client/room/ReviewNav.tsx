import { useTranslation } from 'react-i18next';
import { PHASES } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { useScrollEdges } from '../hooks/useScrollEdges.ts';

/**
 * Look back at an earlier phase (the visit notes during the questions, say) without
 * moving the session; the rules of the current phase still decide what one may change.
 */
export function ReviewNav({ phase, viewing, onView, onLead }: {
  phase: Phase;
  viewing: Phase | null;
  onView: (phase: Phase | null) => void;
  /** Host only: bring everybody back to the current phase. */
  onLead: (() => void) | null;
}) {
  const { t } = useTranslation();
  const edges = useScrollEdges<HTMLElement>();
  const earlier = PHASES.slice(0, PHASES.indexOf(phase));
  if (phase === 'closed' || earlier.length === 0) return null;
  return (
    <div className="review">
      {viewing ? (
        <p className="review-banner" role="status">
          {t('review.viewing', { phase: t(`phases.${viewing}.name`) })}{' '}
          <button type="button" className="small primary" onClick={() => onView(null)}>
            {t('review.back', { phase: t(`phases.${phase}.name`) })}
          </button>
        </p>
      ) : (
        <nav className="row review-nav scroll-row" aria-label={t('review.label')} ref={edges}>
          {/* On a phone one word: the earlier steps then fit a 390 px screen up to the
              brainstorm ("Questions" ran past its edge). */}
          <span className="hint">
            <span className="words-full">{t('review.label')}</span>
            <span className="words-short" aria-hidden="true">{t('review.labelShort')}</span>
          </span>
          {earlier.map((p) => (
            <button key={p} type="button" className="small" onClick={() => onView(p)}>
              {t(`phases.${p}.name`)}
            </button>
          ))}
        </nav>
      )}
      {/* Beside the row, not at its end: on a phone the row scrolls sideways, and a
          facilitator's *Ramener tout le monde* lay past its edge. */}
      {!viewing && onLead && (
        <button type="button" className="small review-lead" onClick={onLead}>
          {t('review.lead')}
        </button>
      )}
    </div>
  );
}
