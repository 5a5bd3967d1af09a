// The host's notebook during the brainstorm (issue 12): he listens instead of arguing, and
// sorts each idea into garder, creuser or écarter, with a note of his own if he likes. It
// lives in his own document (conn.notebook, client/sync/own-document.ts): nobody else sees it,
// not the members, not the screen, not the summary.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  NOTEBOOK_VERDICTS, getNotebook, getNotebookEntry, getStickies, roots, setNotebookNote, setNotebookVerdict,
} from '../../shared/session/index.ts';
import type { NotebookEntry, NotebookVerdict, Sticky } from '../../shared/session/index.ts';
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
  // Listen first: the ideas still to sort on top, the newest first (the one just said), then
  // those sorted, by verdict.
  const unsorted = ideas.filter((s) => !entries[s.id]?.verdict).sort((a, b) => b.createdAt - a.createdAt);
  const toSort = unsorted.length;
  const sections: Array<{ key: 'toSort' | NotebookVerdict; list: Sticky[] }> = [
    { key: 'toSort', list: unsorted },
    ...NOTEBOOK_VERDICTS.map((v) => ({ key: v, list: ideas.filter((s) => entries[s.id]?.verdict === v) })),
  ];
  const listRef = useRef<HTMLDetailsElement>(null);
  // Sorting an idea moves it out of the list to sort: the next one to sort takes the focus.
  const focusNextToSort = (sortedId: string) => {
    const next = unsorted[unsorted.findIndex((s) => s.id === sortedId) + 1] ?? unsorted.find((s) => s.id !== sortedId);
    requestAnimationFrame(() => {
      const row = next && listRef.current?.querySelector<HTMLElement>(`[data-notebook-idea="${CSS.escape(next.id)}"] button`);
      row?.focus();
    });
  };
  return (
    <details ref={listRef} className="card notebook" open={open} onToggle={(e) => e.currentTarget.open !== open && setChosen(e.currentTarget.open)} data-testid="host-notebook">
      <summary>
        <h3>{t('notebook.title')}</h3> <span className="tag">{t('notebook.onlyYou')}</span>{' '}
        {ideas.length > 0 && <span className="hint" data-testid="notebook-to-sort">{t('notebook.toSort', { count: toSort })}</span>}
      </summary>
      <p className="hint">{t('notebook.hint')}</p>
      {ideas.length === 0 ? (
        <p>{t('notebook.empty')}</p>
      ) : (
        open &&
        sections.map(({ key, list }) =>
          list.length === 0 ? null : (
            <section key={key} className={`notebook-section notebook-${key}`} aria-labelledby={`notebook-${key}-title`} data-testid={`notebook-${key}`}>
              <h4 id={`notebook-${key}-title`}>{t(`notebook.section.${key}`, { count: list.length })}</h4>
              <ul className="notebook-ideas">
                {list.map((idea) => (
                  <NotebookRow key={idea.id} notebook={notebook} idea={idea} entry={entries[idea.id]} onSorted={key === 'toSort' ? focusNextToSort : undefined} />
                ))}
              </ul>
            </section>
          ),
        )
      )}
    </details>
  );
}

/** One idea: its text, the three verdicts, and a private note. */
function NotebookRow({ notebook, idea, entry, onSorted }: { notebook: Y.Doc; idea: Sticky; entry: NotebookEntry | undefined; onSorted?: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <li data-testid="notebook-idea" data-notebook-idea={idea.id} data-verdict={entry?.verdict ?? ''}>
      <p className="idea-text">{idea.text}</p>
      <div className="row" role="group" aria-label={t('notebook.verdictFor', { idea: idea.text })}>
        {NOTEBOOK_VERDICTS.map((v: NotebookVerdict) => (
          <button
            key={v}
            type="button"
            className={`small verdict verdict-${v}`}
            aria-pressed={entry?.verdict === v}
            onClick={() => {
              setNotebookVerdict(notebook, idea.id, entry?.verdict === v ? null : v);
              onSorted?.(idea.id);
            }}
          >
            {t(`notebook.verdict.${v}`)}
          </button>
        ))}
      </div>
      <label className="visually-hidden" htmlFor={`notebook-note-${idea.id}`}>{t('notebook.noteFor', { idea: idea.text })}</label>
      <NoteField notebook={notebook} ideaId={idea.id} stored={entry?.note ?? ''} placeholder={t('notebook.notePlaceholder')} />
    </li>
  );
}

/** How long after the last key a note is saved (and on leaving the field, at once). */
const NOTE_SAVE_MS = 600;

/**
 * The private note on one idea: saved while he types (a pause of NOTE_SAVE_MS), when he
 * leaves the field, and when the row goes (a verdict moves it to another list). A note
 * written on another tab of his shows here unless he is typing in this field.
 */
function NoteField({ notebook, ideaId, stored, placeholder }: { notebook: Y.Doc; ideaId: string; stored: string; placeholder: string }) {
  const [draft, setDraft] = useState(stored);
  const typing = useRef(false);
  const latest = useRef(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (latest.current !== getNotebookEntry(notebook, ideaId).note) setNotebookNote(notebook, ideaId, latest.current);
  }, [notebook, ideaId]);
  useEffect(() => {
    if (!typing.current) {
      latest.current = stored;
      setDraft(stored);
    }
  }, [stored]);
  // The row goes (sorted into another list, or the idea deleted): what was typed is kept.
  useEffect(() => () => {
    if (timer.current) save();
  }, [save]);
  return (
    <textarea
      id={`notebook-note-${ideaId}`}
      rows={1}
      maxLength={2000}
      placeholder={placeholder}
      value={draft}
      onFocus={() => (typing.current = true)}
      onChange={(e) => {
        latest.current = e.target.value;
        setDraft(e.target.value);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(save, NOTE_SAVE_MS);
      }}
      onBlur={() => {
        typing.current = false;
        save();
      }}
    />
  );
}
