import { useTranslation } from 'react-i18next';
import { rankLabel, rankedStickies, roots, sharedRanks } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useRoom } from '../../room/room-context.ts';

const SHOWN = 5;

export function TopIdeas({ onPick }: { onPick: ((text: string, stickyId: string) => void) | null }) {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  // Ideas nobody voted for are not "top ideas".
  const ranked = useYValue([r.stickies, r.votes, r.board], () => rankedStickies(doc).filter((x) => x.votes > 0).slice(0, SHOWN), [doc]);
  const tied = sharedRanks(ranked);
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <section className="card" aria-labelledby="top-ideas-title">
      <h3 id="top-ideas-title">{t('synthesis.topIdeas')}</h3>
      {ranked.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ol className="top-ideas">
          {ranked.map(({ sticky, votes, rank }) => (
            <li key={sticky.id} data-testid="top-idea">
              <span className="rank">{rankLabel(rank, tied.has(rank), lang)}</span>
              <span className="idea-text">{sticky.text}</span> <span className="tag">{t('board.votes', { count: votes })}</span>
              {onPick && <ToActionButton text={sticky.text} onClick={() => onPick(sticky.text, sticky.id)} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "En faire une action", naming the idea for a screen reader. */
export function ToActionButton({ text, onClick }: { text: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="small" onClick={onClick}>
      {t('synthesis.toAction')} <span className="visually-hidden">: {text}</span>
    </button>
  );
}
