// The board's "Annuler" after one's own idea is deleted: the last such removal can be undone
// for a few seconds (DeletedIdeaNotice: a button, or Ctrl/⌘+Z outside a text field), as the
// best boards do, instead of asking for a confirmation before every removal. Undone, the
// idea comes back under its id with its text, place, colour and group, so the points given
// to it count again (a voter who spent that point elsewhere meanwhile then has his latest
// one left out by the tally, past the budget). It comes back from a copy taken as it was
// deleted (`restoreSticky`): as its author left it, whatever others wrote to it meanwhile.
// The server takes it back as what it is: its author adding his own idea.
import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { copySticky, deleteSticky, restoreSticky } from '../../shared/session/index.ts';
import type { StickyCopy } from '../../shared/session/index.ts';

/** How long "Annuler" stays after a removal. */
export const UNDO_DELETE_MS = 8000;

export interface DeletedIdea {
  /** Deletes an idea; `undoable` makes it the one "Annuler" brings back. Stable for the board's life. */
  readonly deleteIdea: (home: Y.Doc, id: string, undoable: boolean) => void;
  /** The document of the idea "Annuler" would bring back, while it may. */
  readonly home: Y.Doc | null;
  readonly undo: () => void;
}

export function useDeletedIdea(): DeletedIdea {
  // Only the last removal comes back: an older one is forgotten (each is a new value, so
  // its 8 s start again).
  const [deleted, setDeleted] = useState<{ readonly home: Y.Doc; readonly copy: StickyCopy } | null>(null);

  const forget = useCallback(() => setDeleted(null), []);

  const deleteIdea = useCallback((home: Y.Doc, id: string, undoable: boolean) => {
    const copy = undoable ? copySticky(home, id) : null;
    deleteSticky(home, id);
    if (copy) setDeleted({ home, copy });
  }, []);

  const undo = useCallback(() => {
    if (deleted) restoreSticky(deleted.home, deleted.copy);
    forget();
  }, [deleted, forget]);

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(forget, UNDO_DELETE_MS);
    return () => clearTimeout(timer);
  }, [deleted, forget]);

  return { deleteIdea, home: deleted?.home ?? null, undo };
}

/** Ctrl/⌘+Z outside a text field, while "Annuler" is offered. */
export function useUndoKey(undo: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('textarea, input, select, [contenteditable="true"]')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
}
