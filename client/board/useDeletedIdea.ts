// The board's "Annuler" after one's own idea is deleted: the last such removal can be undone
// for a few seconds (DeletedIdeaNotice: a button, or Ctrl/⌘+Z outside a text field), as the
// best boards do, instead of asking for a confirmation before every removal. Undone, the
// idea comes back under its id with its text, place, colour and group, so the points given
// to it count again (a voter who spent that point elsewhere meanwhile then has his latest
// one left out by the tally, past the budget). The server takes it back as what it is: its
// author adding his own idea.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { deleteSticky, roots } from '../../shared/session/index.ts';

/** The origin of a removal this device may undo: the undo managers track it alone. */
const DELETE_ORIGIN = Symbol('entraide:delete-idea');
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
  // One undo manager per document an idea was deleted from (the session's, my private one).
  const managers = useMemo(() => new Map<Y.Doc, Y.UndoManager>(), []);
  useEffect(() => () => {
    for (const m of managers.values()) m.destroy();
    managers.clear();
  }, [managers]);
  const [deleted, setDeleted] = useState<{ readonly home: Y.Doc; readonly seq: number } | null>(null);
  const seq = useRef(0);

  const forget = useCallback(() => {
    for (const m of managers.values()) m.clear();
    setDeleted(null);
  }, [managers]);

  const deleteIdea = useCallback((home: Y.Doc, id: string, undoable: boolean) => {
    if (!undoable) {
      deleteSticky(home, id);
      return;
    }
    // Only the last removal comes back: an older one is forgotten.
    for (const m of managers.values()) m.clear();
    let manager = managers.get(home);
    if (!manager) {
      manager = new Y.UndoManager(roots(home).stickies, { trackedOrigins: new Set([DELETE_ORIGIN]), captureTimeout: 0 });
      managers.set(home, manager);
    }
    home.transact(() => deleteSticky(home, id), DELETE_ORIGIN);
    setDeleted({ home, seq: ++seq.current });
  }, [managers]);

  const undo = useCallback(() => {
    if (deleted) managers.get(deleted.home)?.undo();
    forget();
  }, [deleted, managers, forget]);

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
