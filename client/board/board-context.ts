import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { isSecondHalf, pressOf, type Press } from '../hooks/useJustChanged.ts';
import type * as Y from 'yjs';
import { addSticky, castVote, deleteSticky, retractVote, roots, voteHome } from '../../shared/session/index.ts';
import type { Person, Sticky } from '../../shared/session/index.ts';
import type { Viewport } from './viewport.ts';

/** What every sticky needs from its board, all stable for the board's life. */
export interface BoardApi {
  readonly viewport: Viewport;
  /** A sticky just created here: it opens in edit mode when it mounts. */
  readonly pendingEdit: { current: string | null };
  readonly readOnly: boolean;
  /** Each idea's text as large as its sticky holds it (the room's screen, read from afar: useLargeType). */
  readonly largeType: boolean;
  /** Stickies this device is dragging now: nothing else moves them meanwhile. */
  readonly dragging: Set<string>;
  /**
   * Deletes an idea. With `undoable` (one's own, shared or private while private writing is
   * on: what the server lets its author add back), the board offers "Annuler" for a while;
   * the callers ask for a confirmation of any other removal instead (another's idea deleted
   * by a lead, an idea kept as not shared), which the server would not let this device undo.
   */
  readonly deleteIdea: (home: Y.Doc, id: string, undoable: boolean) => void;
}

export const BoardContext = createContext<BoardApi | null>(null);

export function useBoard(): BoardApi {
  const api = useContext(BoardContext);
  if (!api) throw new Error('useBoard() outside a board');
  return api;
}

/**
 * Whose an idea is, as this device shows it: one's own as `you` (the list's "Vous"; null: his
 * name), another's by name, except on an anonymous board, where nobody else's is shown.
 */
export function shownAuthor(sticky: { readonly authorId: string; readonly authorName: string }, meId: string, anonymous: boolean, you: string | null): string {
  if (sticky.authorId === meId) return you ?? sticky.authorName;
  return anonymous ? '' : sticky.authorName;
}

/**
 * Where a sticky lives, and the board's other document (for the layout writers): my private
 * document for a private idea, else the session's.
 */
export function stickyHome(doc: Y.Doc, privateDoc: Y.Doc | null, isPrivate: boolean): { home: Y.Doc; around: Y.Doc | null } {
  return isPrivate && privateDoc ? { home: privateDoc, around: doc } : { home: doc, around: privateDoc };
}

/**
 * Puts one of my points on an idea or a group: on the board, or in my private document
 * while the round hides its counts (the server moves it onto the board at the close).
 */
export function giveVote(doc: Y.Doc, privateDoc: Y.Doc | null, me: Person, countsHidden: boolean, targetId: string): void {
  const { home, around } = voteHome(doc, privateDoc, countsHidden);
  castVote(home, me, targetId, undefined, around);
}

/**
 * Takes back my latest point on an idea or a group: on the board, or in my private document
 * while the round hides its counts (outside one, what it may still hold never counts).
 */
export function takeBackVote(doc: Y.Doc, privateDoc: Y.Doc | null, voterId: string, countsHidden: boolean, targetId: string): void {
  retractVote(doc, voterId, targetId, countsHidden ? privateDoc : null);
}

/** How long a delete button waits for its confirmation before it goes back to what it was. */
const CONFIRM_MS = 4000;

/**
 * A removal in two steps, for those the board cannot undo: the first press arms it (the
 * button then reads "Supprimer ?"), a second within a few seconds confirms.
 */
export function useConfirmStep(): { readonly armed: boolean; readonly press: (confirmed: () => void, event?: { readonly detail: number }) => void } {
  const [armed, setArmed] = useState(false);
  const armedBy = useRef<Press | null>(null);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [armed]);
  return {
    armed,
    press: (confirmed, event) => {
      if (!armed) {
        armedBy.current = pressOf(event);
        return setArmed(true);
      }
      // The second half of a double click (or Enter pressed twice) is no second press: it
      // confirmed at once, and an idea or a group went with no question asked.
      if (event && isSecondHalf(event, armedBy.current)) return;
      setArmed(false);
      confirmed();
    },
  };
}

/**
 * An idea written in private that missed the reveal (its phone was offline then): put on the
 * board now, in its author's name, at its place, with its colour and group, and gone from his
 * own document. It said "copy it to offer it again", with no way to copy on the idea.
 */
export function shareLateIdea(doc: Y.Doc, privateDoc: Y.Doc, me: Person, sticky: Sticky): string {
  const groupId = sticky.groupId !== null && roots(doc).groups.has(sticky.groupId) ? sticky.groupId : null;
  const id = addSticky(doc, me, { text: sticky.text, x: sticky.x, y: sticky.y, color: sticky.color, groupId });
  deleteSticky(privateDoc, sticky.id);
  return id;
}
