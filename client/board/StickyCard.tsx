import { memo, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  STICKY_COLORS, can, getPrivateSticky, getSticky, getStickyText, groupSticky, isStickyVisibleTo, moveSticky,
  roots, setStickyColor,
} from '../../shared/session/index.ts';
import type { ActionRequest, Group, RuleState } from '../../shared/session/index.ts';
import { CollabTextarea } from '../components/CollabTextarea.tsx';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';
import { giveVote, shareLateIdea, shownAuthor, stickyHome, takeBackVote, useBoard, useConfirmStep } from './board-context.ts';
import { useStickyDrag } from './useStickyDrag.ts';
import { LARGE_TYPE_CLASS, useLargeType } from './useLargeType.ts';

export interface StickyCardProps {
  readonly id: string;
  /** The idea's points, or mine alone while a round hides the counts (`countsHidden`). */
  readonly votes: number;
  readonly countsHidden: boolean;
  readonly mine: number;
  /** Whether I may cast one more vote now (a boolean, so using a dot re-renders no other sticky). */
  readonly canVoteNow: boolean;
  readonly groups: readonly Group[];
  readonly rules: RuleState;
  /** In my private document (conn.privateBoard), not the session's. */
  readonly isPrivate: boolean;
  /** The board is anonymous: no author's name but one's own ("Vous"). */
  readonly anonymous: boolean;
}

/** One sticky. Memoized: a drag, an edit or a vote re-renders this sticky alone. */
export const StickyCard = memo(function StickyCard({ id, votes, countsHidden, mine, canVoteNow, groups, rules, isPrivate, anonymous }: StickyCardProps) {
  const { t } = useTranslation();
  const { doc, me, conn } = useRoom();
  const { viewport, pendingEdit, readOnly, largeType, dragging, deleteIdea } = useBoard();
  const privateDoc = conn.privateBoard?.doc ?? null;
  const { home, around } = stickyHome(doc, privateDoc, isPrivate);
  const entity = roots(home).stickies.get(id);
  const sticky = useYValue(
    entity instanceof Y.Map ? entity : null,
    () => (home === doc ? getSticky(doc, id) : getPrivateSticky(home, doc, id)),
    [doc, home, id, rules.privateWriting, groups],
  );
  const [editing, setEditing] = useState(false);
  const cardRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const textEm = useLargeType(textRef, largeType && sticky?.text ? sticky.text : null);

  // A private idea outside private writing (not shared: past the reveal, or past the limit
  // at it) takes no change but its removal: the server refuses any other until the next
  // private writing.
  const frozen = isPrivate && !rules.privateWriting;
  const allowed = (request: ActionRequest) => !readOnly && !frozen && can(me, rules, request).ok;
  const authorId = sticky?.authorId ?? '';
  const canMove = allowed({ kind: 'moveSticky' });
  const canEdit = allowed({ kind: 'editSticky', authorId });
  const canDelete = frozen ? !readOnly : allowed({ kind: 'deleteSticky', authorId });
  // Left out of the reveal (its phone was offline then): offered to the board now.
  const canShareLate = frozen && !readOnly && privateDoc !== null && can(me, rules, { kind: 'addSticky' }).ok;
  // One's own idea comes back with "Annuler"; any other removal is confirmed first.
  const undoable = !frozen && authorId === me.participantId;
  const confirmDelete = useConfirmStep();
  // A private idea is not on the board yet: nobody votes on it.
  const canVote = !readOnly && canVoteNow && !isPrivate;
  const canRetract = mine > 0 && allowed({ kind: 'retractVote', voterId: me.participantId });
  const canGroup = allowed({ kind: 'groupSticky', authorId });
  const drag = useStickyDrag(home, id, viewport, dragging, sticky ?? { x: 0, y: 0, groupId: null }, canMove && !editing, canGroup, around, isPrivate ? null : conn.provider.awareness);

  useEffect(() => {
    if (pendingEdit.current === id) {
      pendingEdit.current = null;
      setEditing(true);
    }
  }, [id, pendingEdit]);
  // A sticky that goes away while selected (deleted, or the board left) leaves no selection behind.
  useEffect(() => {
    const awareness = conn.provider.awareness;
    return () => {
      if (awareness.getLocalState()?.selection === id) awareness.setLocalStateField('selection', null);
    };
  }, [conn, id]);

  if (!sticky || !isStickyVisibleTo(sticky, me.participantId)) return null;
  const x = drag.pos?.x ?? sticky.x;
  const y = drag.pos?.y ?? sticky.y;
  const group = groups.find((g) => g.id === sticky.groupId);
  const author = shownAuthor(sticky, me.participantId, anonymous, anonymous ? t('board.mine') : null);
  // What a screen reader says of it: whose (one's own on an anonymous board as "Votre idée"), and its words.
  const words = sticky.text || t('board.newText');
  const label = anonymous && sticky.authorId === me.participantId
    ? t('board.stickyLabelMine', { text: words })
    : author ? t('board.stickyLabel', { name: author, text: words }) : t('board.stickyLabelAnonymous', { text: words });

  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => cardRef.current?.focus());
  };
  const remove = (event?: { readonly detail: number }) => {
    const del = () => {
      const next = neighbourToFocus(cardRef.current);
      deleteIdea(home, id, undoable);
      next?.focus();
    };
    if (undoable) del();
    else confirmDelete.press(del, event);
  };
  const nextGroup = () => {
    const order = [null, ...groups.map((g) => g.id)];
    const at = order.indexOf(sticky.groupId);
    groupSticky(home, id, order[(at + 1) % order.length] ?? null, undefined, around);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing && e.key === 'Escape') {
      e.preventDefault();
      stopEditing();
      return;
    }
    if (editing || e.target !== e.currentTarget) return;
    const step = e.shiftKey ? 50 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[e.key];
    if (move && canMove) {
      e.preventDefault();
      moveSticky(home, id, sticky.x + move[0], sticky.y + move[1]);
    } else if (e.key === 'Enter' && canEdit) {
      e.preventDefault();
      setEditing(true);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && canDelete) {
      e.preventDefault();
      remove();
    } else if ((e.key === 'v' || e.key === 'V') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      if (e.shiftKey && canRetract) takeBackVote(doc, privateDoc, me.participantId, rules.countsHidden, id);
      else if (!e.shiftKey && canVote) giveVote(doc, privateDoc, me, rules.countsHidden, id);
    } else if ((e.key === 'g' || e.key === 'G') && canGroup && groups.length > 0) {
      e.preventDefault();
      nextGroup();
    }
  };
  const setSelection = (selected: boolean) => {
    // Others cannot see a private idea: nothing to point them at.
    if (readOnly || isPrivate) return;
    const awareness = conn.provider.awareness;
    if (selected) awareness.setLocalStateField('selection', id);
    else if (awareness.getLocalState()?.selection === id) awareness.setLocalStateField('selection', null);
  };
  const ytext = editing ? getStickyText(home, id) : undefined;

  return (
    <div
      ref={cardRef}
      className={`sticky sticky-${sticky.color}${drag.pos ? ' dragging' : ''}${editing ? ' editing' : ''}${sticky.hidden ? ' hidden-sticky' : ''}`}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      data-sticky-id={id}
      data-testid="sticky"
      role="group"
      aria-roledescription={t('board.idea')}
      aria-label={label}
      aria-describedby={readOnly ? undefined : 'board-help'}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onDoubleClick={() => canEdit && setEditing(true)}
      onFocus={(e) => e.target === e.currentTarget && setSelection(true)}
      onBlur={(e) => e.target === e.currentTarget && setSelection(false)}
      {...drag.handlers}
    >
      {ytext ? (
        <div className="sticky-edit">
          <CollabTextarea
            ytext={ytext}
            aria-label={t('board.editText')}
            autoFocus
            maxLength={500}
            onKeyDown={(e) => {
              if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
                e.preventDefault();
                stopEditing();
              }
            }}
          />
          <div className="swatches" role="group" aria-label={t('board.color')}>
            {STICKY_COLORS.map((c) => (
              <button
                key={c}
                type="button"
                className="swatch"
                style={{ background: `var(--sticky-${c})` }}
                aria-label={t(`board.colors.${c}`)}
                aria-pressed={sticky.color === c}
                onClick={() => setStickyColor(home, id, c)}
              />
            ))}
          </div>
          <button type="button" className="small" onClick={stopEditing}>{t('board.done')}</button>
        </div>
      ) : (
        <p
          ref={textRef}
          className={`sticky-text${textEm === null ? textFit(sticky.text) : ` ${LARGE_TYPE_CLASS}`}`}
          style={textEm === null ? undefined : { fontSize: `${textEm}em` }}
        >{sticky.text || <span className="placeholder">{t('board.newText')}</span>}</p>
      )}
      {/* Two rows at most, each on one line (what does not fit ends in "…"): the idea's
          text keeps room for its lines, never a line cut in half. */}
      <div className="sticky-foot">
        <div className="sticky-foot-row">
          <span className="sticky-author">{author}</span>
          {canEdit && !ytext && (
            <button type="button" className="vote-btn" tabIndex={-1} aria-label={t('board.editIdea')} onClick={() => setEditing(true)}>✎</button>
          )}
          {canDelete && !ytext && (
            <button
              type="button"
              className={`vote-btn delete-btn${confirmDelete.armed ? ' armed' : ''}`}
              tabIndex={-1}
              aria-label={t(confirmDelete.armed ? 'board.confirmDelete' : 'board.deleteIdea')}
              onClick={(e) => remove(e)}
            >{confirmDelete.armed ? t('board.confirmDeleteShort') : '×'}</button>
          )}
          {/* Armed from the keyboard, the focus stays on the idea: said aloud. */}
          {confirmDelete.armed && <span role="status" className="visually-hidden">{t('board.confirmDeleteHint')}</span>}
        </div>
        {(sticky.hidden || (group && !largeType) || votes > 0 || canVote || canRetract) && (
          <div className="sticky-foot-row">
            {sticky.hidden && <span className="tag state-tag">{t(isPrivate && !rules.privateWriting ? 'board.notShared' : 'board.private')}</span>}
            {canShareLate && (
              <button type="button" className="vote-btn" tabIndex={-1} onClick={() => shareLateIdea(doc, privateDoc, me, sticky)}>
                {t('board.shareLate')}
              </button>
            )}
            {/* In large type (the room's screen) the group's frame names it: the sticky keeps its room for the text. */}
            {group && !largeType && <span className="tag group-tag">{group.title}</span>}
            {(votes > 0 || canVote || canRetract) && (
              <span className="votes">
                <span className="visually-hidden">{t(countsHidden ? 'board.myVotes' : 'board.votes', { count: votes })}</span>
                {canRetract && (
                  <button type="button" className="vote-btn" tabIndex={-1} aria-label={t('board.unvote')} onClick={() => takeBackVote(doc, privateDoc, me.participantId, rules.countsHidden, id)}>−</button>
                )}
                {/* Counts hidden, "● 0" read as nobody having voted: one's own points show once there are some. */}
                {(!countsHidden || votes > 0) && <span className="vote-count" aria-hidden="true">● {votes}</span>}
                {canVote && (
                  <button type="button" className="vote-btn" tabIndex={-1} aria-label={t('board.vote')} onClick={() => giveVote(doc, privateDoc, me, rules.countsHidden, id)}>+</button>
                )}
              </span>
            )}
          </div>
        )}
      </div>
    </div>
  );
});

/**
 * A longer idea is set smaller, in more lines, so that it shows whole on its sticky up to
 * about 180 characters, as a paper sticky is written smaller (board.css, .fit-*); past that
 * its last line ends in "…", and the list view and the editor show every word.
 */
function textFit(text: string): string {
  const n = text.length;
  return n <= 55 ? '' : n <= 95 ? ' fit-1' : n <= 140 ? ' fit-2' : ' fit-3';
}

/**
 * After a delete, focus goes to the next sticky of the board, else the previous one, else
 * the board itself: never lost on the page's body.
 */
function neighbourToFocus(card: HTMLElement | null): HTMLElement | null {
  if (!card) return null;
  const all = [...(card.parentElement?.querySelectorAll<HTMLElement>('[data-sticky-id]') ?? [])];
  const at = all.indexOf(card);
  return all[at + 1] ?? all[at - 1] ?? card.closest<HTMLElement>('[data-testid="board"]');
}
