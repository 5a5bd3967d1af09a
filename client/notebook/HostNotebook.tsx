// The host's notebook during the brainstorm (issue 12): he listens instead of arguing, and
// sorts each idea into garder, creuser or écarter, with a note of his own if he likes. It
// lives in his own document (conn.notebook, client/sync/own-document.ts): nobody else sees it,
// not the members, not the screen, not the summary.
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  NOTEBOOK_VERDICTS, getNotebook, getStickies, roots, setNotebookNote, setNotebookVerdict,
} from '../../shared/session/index.ts';
import type { NotebookVerdict } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

export function HostNotebook({ notebook }: { notebook: Y.Doc }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const ideas = useYValue(roots(doc).stickies, () => getStickies(doc).filter((s) => !s.hidden), [doc]);
  const entries = useYValue(notebook, () => getNotebook(notebook), [notebook]);
  const toSort = ideas.filter((s) => !entries[s.id]?.verdict).length;
  return (
    <details className="card notebook" open data-testid="host-notebook">
      <summary>
        <h3>{t('notebook.title')}</h3> <span className="tag">{t('notebook.onlyYou')}</span>
      </summary>
      <p className="hint">{t('notebook.hint')}</p>
      {ideas.length === 0 ? (
        <p>{t('notebook.empty')}</p>
      ) : (
        <>
          <p className="hint" data-testid="notebook-to-sort">{t('notebook.toSort', { count: toSort })}</p>
          <ul className="notebook-ideas">
            {ideas.map((idea) => {
              const entry = entries[idea.id];
              return (
                <li key={idea.id} data-testid="notebook-idea" data-verdict={entry?.verdict ?? ''}>
                  <p className="idea-text">{idea.text}</p>
                  <div className="row" role="group" aria-label={t('notebook.verdictFor', { idea: idea.text })}>
                    {NOTEBOOK_VERDICTS.map((v: NotebookVerdict) => (
                      <button
                        key={v}
                        type="button"
                        className={`small verdict verdict-${v}`}
                        aria-pressed={entry?.verdict === v}
                        onClick={() => setNotebookVerdict(notebook, idea.id, entry?.verdict === v ? null : v)}
                      >
                        {t(`notebook.verdict.${v}`)}
                      </button>
                    ))}
                  </div>
                  <label className="visually-hidden" htmlFor={`notebook-note-${idea.id}`}>{t('notebook.noteFor', { idea: idea.text })}</label>
                  <textarea
                    // Remounted when the stored note changes (loaded, or written on another device).
                    key={entry?.note ?? ''}
                    id={`notebook-note-${idea.id}`}
                    rows={1}
                    maxLength={2000}
                    placeholder={t('notebook.notePlaceholder')}
                    defaultValue={entry?.note ?? ''}
                    onBlur={(e) => {
                      if (e.target.value !== (entry?.note ?? '')) setNotebookNote(notebook, idea.id, e.target.value);
                    }}
                  />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </details>
  );
}
