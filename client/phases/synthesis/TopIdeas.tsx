import { useTranslation } from 'react-i18next';
import { getActionItems, rankLabel, rankedStickies, roots, topWithTies } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useRoom } from '../../room/room-context.ts';

const SHOWN = 5;

export function TopIdeas({ onPick }: { onPick: ((text: string, stickyId: string) => void) | null }) {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  // Ideas nobody voted for are not "top ideas".
  const ranked = useYValue([r.stickies, r.votes, r.board], () => topWithTies(rankedStickies(doc).filter((x) => x.votes > 0), SHOWN), [doc]);
  const inPlan = useIdeasInPlan();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <section className="card" aria-labelledby="top-ideas-title">
      <h3 id="top-ideas-title">{t('synthesis.topIdeas')}</h3>
      {ranked.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ol className="top-ideas">
          {ranked.map(({ sticky, votes, rank, tied }) => (
            <li key={sticky.id} data-testid="top-idea">
              <span className="rank">{rankLabel(rank, tied, lang)}</span>
              <span className="idea-text">{sticky.text}</span> <span className="tag">{t('board.votes', { count: votes })}</span>
              {onPick && <ToActionButton text={sticky.text} inPlan={inPlan.has(sticky.id)} onClick={() => onPick(sticky.text, sticky.id)} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The ideas an action of the plan was made from ("En faire une action"). */
export function useIdeasInPlan(): ReadonlySet<string> {
  const { doc } = useRoom();
  const ids = useYValue(roots(doc).actions, () => getActionItems(doc).flatMap((a) => a.sourceStickyIds).sort().join('\n'), [doc]);
  return new Set(ids ? ids.split('\n') : []);
}

/**
 * "En faire une action", naming the idea for a screen reader; once an action was made from
 * it, "Au plan d'action" says so beside (an idea may give more than one).
 */
export function ToActionButton({ text, inPlan, onClick }: { text: string; inPlan: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {inPlan && <span className="tag ok" data-testid="in-plan">{t('synthesis.inPlan')}</span>}
      <button type="button" className="small" onClick={onClick}>
        {t(inPlan ? 'synthesis.toAnotherAction' : 'synthesis.toAction')} <span className="visually-hidden">: {text}</span>
      </button>
    </>
  );
}
