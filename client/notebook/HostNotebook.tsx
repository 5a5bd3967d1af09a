// The host's notebook during the brainstorm (issue 12): he listens instead of arguing, and
// sorts each idea into garder, creuser or écarter, with a note of his own if he likes. It
// lives in his own document (conn.notebook, client/sync/own-document.ts): nobody else sees it,
// not the members, not the screen, not the summary.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  NOTEBOOK_VERDICTS, getNotebook, getStickies, roots, setNotebookNote, setNotebookVerdict,
} from '../../shared/session/index.ts';
import type { NotebookVerdict } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

/** Ideas on the board up to which the notebook opens by itself (a session has about forty). */
const OPEN_UP_TO = 100;

export function HostNotebook({ notebook }: { notebook: Y.Doc }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const ideas = useYValue(roots(doc).stickies, () => getStickies(doc).filter((s) => !s.hidden), [doc]);
  // Open by itself on a board of a session's size, until the host opens or closes it; its
  // rows are drawn only while it is open.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? ideas.length <= OPEN_UP_TO;
  const entries = useYValue(notebook, () => getNotebook(notebook), [notebook]);
  const toSort = ideas.filter((s) => !entries[s.id]?.verdict).length;
  return (
    <details className="card notebook" open={open} onToggle={(e) => e.currentTarget.open !== open && setChosen(e.currentTarget.open)} data-testid="host-notebook">
      <summary>
        <h3>{t('notebook.title')}</h3> <span className="tag">{t('notebook.onlyYou')}</span>{' '}
        {ideas.length > 0 && <span className="hint" data-testid="notebook-to-sort">{t('notebook.toSort', { count: toSort })}</span>}
      </summary>
      <p className="hint">{t('notebook.hint')}</p>
      {ideas.length === 0 ? (
        <p>{t('notebook.empty')}</p>
      ) : (
        open && (
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
        )
      )}
    </details>
  );
}
