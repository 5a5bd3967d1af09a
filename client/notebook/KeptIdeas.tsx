// The Synthèse opens, for the host, with the ideas he kept in his notebook (issue 12), most
// voted first, each one tap from becoming an action; then those he wanted to explore.
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { getNotebook, getStickies, keptIdeas, roots, tally } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { ToActionButton, useIdeasInPlan } from '../phases/synthesis/TopIdeas.tsx';
import { useRoom } from '../room/room-context.ts';

export function KeptIdeas({ notebook, onPick }: { notebook: Y.Doc; onPick: ((text: string, stickyId: string) => void) | null }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const stickies = useYValue([r.stickies, r.votes, r.board], () => ({ all: getStickies(doc), votes: tally(doc).bySticky }), [doc]);
  const entries = useYValue(notebook, () => getNotebook(notebook), [notebook]);
  const kept = keptIdeas(entries, stickies.all, stickies.votes);
  const explore = stickies.all.filter((s) => entries[s.id]?.verdict === 'explore');
  const inPlan = useIdeasInPlan();
  return (
    <section className="card notebook" aria-labelledby="kept-title" data-testid="kept-ideas">
      <h3 id="kept-title">{t('notebook.kept')}</h3>
      <p className="hint">{t('notebook.keptHint')}</p>
      {kept.length === 0 ? (
        <p>{t('notebook.noneKept')}</p>
      ) : (
        <ul className="top-ideas">
          {kept.map((idea) => (
            <li key={idea.id} data-testid="kept-idea">
              <span className="idea-text">{idea.text}</span>
              {entries[idea.id]?.note && <span className="hint"> — {entries[idea.id]?.note}</span>}
              {onPick && <ToActionButton text={idea.text} inPlan={inPlan.has(idea.id)} onClick={() => onPick(idea.text, idea.id)} />}
            </li>
          ))}
        </ul>
      )}
      {explore.length > 0 && (
        <>
          <h4>{t('notebook.explored')}</h4>
          <ul>
            {explore.map((idea) => (
              <li key={idea.id} data-testid="explore-idea">
                {idea.text}
                {entries[idea.id]?.note && <span className="hint"> — {entries[idea.id]?.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
