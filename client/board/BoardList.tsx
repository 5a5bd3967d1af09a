// The board as a list, for phones: one section per group, then the ideas without a group;
// each idea with its votes, its author's actions and the group it belongs to. Ideas keep
// their creation order, so nothing jumps under a finger while the room votes.
import { memo, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  can, getPrivateSticky, getSticky, getStickyText, groupSticky, groupTitled, isStickyVisibleTo, roots,
} from '../../shared/session/index.ts';
import type { ActionRequest, Group, RuleState } from '../../shared/session/index.ts';
import { CollabTextarea } from '../components/CollabTextarea.tsx';
import { useYValue } from '../hooks/useYValue.ts';
import { useVoting } from '../facilitation/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { giveVote, shareLateIdea, shownAuthor, stickyHome, takeBackVote, useBoard, useConfirmStep } from './board-context.ts';

interface Props {
  readonly ids: readonly string[];
  readonly groupOf: Readonly<Record<string, string>>;
  readonly groups: readonly Group[];
  readonly votes: Readonly<Record<string, number>>;
  readonly mine: Readonly<Record<string, number>>;
  readonly canVoteNow: boolean;
  readonly rules: RuleState;
  /** Those of `ids` in my private document. */
  readonly privateIds: ReadonlySet<string>;
  /** Others' ideas written privately, not shown to me yet. */
  readonly hiddenFromMe: number;
  /** A round is open with hidden counts: `votes` are my own points. */
  readonly countsHidden: boolean;
  /** I may start a group (the host, or anyone while brainstorming): each idea's menu offers one. */
  readonly canCreateGroup: boolean;
}

/** An idea to bring into view once it is drawn in its new section ('' for no group). */
interface Follow {
  readonly id: string;
  readonly section: string;
}

/** The *Groupe* menu's last entry, *Nouveau groupe…*: no group id has a space. */
const NEW_GROUP = ' new';

export function BoardList({ ids, groupOf, groups, votes, mine, canVoteNow, rules, privateIds, hiddenFromMe, countsHidden, canCreateGroup }: Props) {
  const { t } = useTranslation();
  // An idea this device has just put in a group: it is drawn again in that group's section,
  // which the view follows to it (it would otherwise leave the screen, screens away).
  const follow = useRef<Follow | null>(null);
  // Points mean something once a round has opened: before, "0 point" under every idea is noise.
  const voting = useVoting();
  const pointsShown = voting.open || voting.closedAt !== null;
  const sections = [
    ...groups.map((g) => ({ key: g.id, title: g.title, ids: ids.filter((id) => groupOf[id] === g.id) })),
    { key: '', title: t('board.ungrouped'), ids: ids.filter((id) => groupOf[id] === undefined) },
  ].filter((s) => s.ids.length > 0);
  // "No ideas yet" under "3 ideas hidden from other members" read as a contradiction.
  if (ids.length === 0) return <p className="hint board-list-empty">{t(hiddenFromMe > 0 ? 'board.emptyListHidden' : 'board.emptyList')}</p>;
  return (
    <div ref={keepFocusedIdeaInPlace} className="board-list" data-testid="board-list">
      {sections.map((s) => (
        <section key={s.key} className="idea-section" aria-labelledby={`ideas-${s.key || 'loose'}`}>
          <h3 id={`ideas-${s.key || 'loose'}`}>
            {s.title}{' '}
            <span className="hint">
              {t('board.ideasCount', { count: s.ids.length })}
              {/* Counts hidden: a section's total of one's own points read as the room's. */}
              {!countsHidden && pointsShown && <> · {t('board.votes', { count: s.ids.reduce((n, id) => n + (votes[id] ?? 0), 0) })}</>}
            </span>
          </h3>
          <ul>
            {s.ids.map((id) => (
              <IdeaItem key={id} id={id} votes={votes[id] ?? 0} mine={mine[id] ?? 0} canVoteNow={canVoteNow} groups={groups} rules={rules} isPrivate={privateIds.has(id)} countsHidden={countsHidden} pointsShown={pointsShown} anonymous={voting.anonymous} canCreateGroup={canCreateGroup} follow={follow} section={s.key} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * The idea that holds the focus keeps its place on the screen while the list changes around
 * it: ideas sorted into the group above it by the others, a section that grows, an idea that
 * gets longer. Chrome's own scroll anchoring holds the first idea on screen instead, and the
 * one in hand went down the page as the room sorted theirs (7 phones moving theirs into a
 * group pushed the eighth's below the fold). The page is the scroller (a phone's list view).
 */
function keepFocusedIdeaInPlace(list: HTMLDivElement): () => void {
  let held: { el: Element; top: number } | null = null;
  const focused = () => document.activeElement?.closest('.idea-item') ?? null;
  // Held while it is on the screen: scrolled away from, it leaves what the member reads now
  // to the browser's anchoring.
  const remember = () => {
    const el = focused();
    const box = el && list.contains(el) ? el.getBoundingClientRect() : null;
    held = el && box && box.bottom > 0 && box.top < window.innerHeight ? { el, top: box.top } : null;
  };
  const mutated = () => {
    const el = focused();
    // The same idea, drawn again in another section, is another element with the same id.
    if (el && held && el !== held.el && el.getAttribute('data-idea-id') !== held.el.getAttribute('data-idea-id')) held = null;
    if (el && held) {
      const shift = el.getBoundingClientRect().top - held.top;
      if (Math.abs(shift) >= 1) window.scrollBy(0, shift);
    }
    remember();
  };
  const observer = new MutationObserver(mutated);
  observer.observe(list, { childList: true, subtree: true, characterData: true });
  list.addEventListener('focusin', remember);
  window.addEventListener('scroll', remember, { passive: true });
  return () => {
    observer.disconnect();
    list.removeEventListener('focusin', remember);
    window.removeEventListener('scroll', remember);
  };
}

const IdeaItem = memo(function IdeaItem({ id, votes, mine, canVoteNow, groups, rules, isPrivate, countsHidden, pointsShown, anonymous, canCreateGroup, follow, section }: {
  id: string;
  canCreateGroup: boolean;
  /** The idea to bring into view when it is drawn in its new section (BoardList). */
  follow: { current: Follow | null };
  /** The section this item is drawn in: its group's id, '' for none. */
  section: string;
  /** The board is anonymous: no author's name but one's own ("Vous"). */
  anonymous: boolean;
  /** A round has opened (or one has closed): the idea's points are read. */
  pointsShown: boolean;
  /** The idea's points, or mine alone while counts are hidden. */
  votes: number;
  countsHidden: boolean;
  mine: number;
  canVoteNow: boolean;
  groups: readonly Group[];
  rules: RuleState;
  isPrivate: boolean;
}) {
  const { t } = useTranslation();
  const { doc, me, conn } = useRoom();
  const { pendingEdit, readOnly, deleteIdea } = useBoard();
  const confirmDelete = useConfirmStep();
  const privateDoc = conn.privateBoard?.doc ?? null;
  const { home, around } = stickyHome(doc, privateDoc, isPrivate);
  const entity = roots(home).stickies.get(id);
  const sticky = useYValue(
    entity instanceof Y.Map ? entity : null,
    () => (home === doc ? getSticky(doc, id) : getPrivateSticky(home, doc, id)),
    [doc, home, id, rules.privateWriting, groups],
  );
  const [editing, setEditing] = useState(false);
  // The title of a group this idea starts (*Nouveau groupe…*), null while none is asked for.
  const [newGroup, setNewGroup] = useState<string | null>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (pendingEdit.current === id) {
      pendingEdit.current = null;
      setEditing(true);
    }
  }, [id, pendingEdit]);
  useEffect(() => {
    if (follow.current?.id !== id || follow.current.section !== section || !itemRef.current) return;
    follow.current = null;
    itemRef.current.scrollIntoView({ block: 'center' });
    itemRef.current.focus({ preventScroll: true });
  });
  if (!sticky || !isStickyVisibleTo(sticky, me.participantId)) return null;

  // A private idea outside private writing (not shared) takes no change but its removal (StickyCard.tsx).
  const frozen = isPrivate && !rules.privateWriting;
  const allowed = (request: ActionRequest) => !readOnly && !frozen && can(me, rules, request).ok;
  const canEdit = allowed({ kind: 'editSticky', authorId: sticky.authorId });
  const canDelete = frozen ? !readOnly : allowed({ kind: 'deleteSticky', authorId: sticky.authorId });
  // Left out of the reveal (its phone was offline then): offered to the board now.
  const canShareLate = frozen && !readOnly && privateDoc !== null && can(me, rules, { kind: 'addSticky' }).ok;
  // One's own idea comes back with "Annuler"; any other removal is confirmed first.
  const undoable = !frozen && sticky.authorId === me.participantId;
  const canRetract = mine > 0 && allowed({ kind: 'retractVote', voterId: me.participantId });
  const canGroup = allowed({ kind: 'groupSticky', authorId: sticky.authorId }) && (groups.length > 0 || canCreateGroup);
  const ytext = editing ? getStickyText(home, id) : undefined;
  const label = sticky.text || t('board.newText');
  const moveTo = (groupId: string | null) => {
    if (groupId === (sticky.groupId ?? null)) return;
    follow.current = { id, section: groupId ?? '' };
    groupSticky(home, id, groupId, undefined, around);
  };
  // A title another group already reads (case, accents and spaces aside) puts the idea in
  // that group, not in a second one. A new group and the idea's move into it are one change
  // of the board: should another phone make a group of that title at the same moment, the
  // server's merge (group-merge.ts) finds the idea in it. A private idea lives in its
  // author's own document: its group's id there reads through the merge (liveGroupId).
  const startGroup = (event: FormEvent) => {
    event.preventDefault();
    const title = newGroup?.trim();
    if (!title) return;
    setNewGroup(null);
    doc.transact(() => moveTo(groupTitled(doc, me, title).id));
  };
  // Done writing, the focus goes back to the idea's *Modifier*: the editor and its *Terminé*
  // went, and the focus fell to the page's body (a keyboard or a screen reader lost its place).
  const finishEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => {
      const item = itemRef.current;
      if (item && (!document.activeElement || document.activeElement === document.body)) {
        (item.querySelector<HTMLElement>('[data-edit-idea]') ?? item).focus({ preventScroll: true });
      }
    });
  };
  return (
    <li ref={itemRef} tabIndex={-1} className={`idea-item sticky-${sticky.color}`} data-testid="idea" data-idea-id={id}>
      {ytext ? (
        <div className="stack">
          <CollabTextarea
            ytext={ytext}
            aria-label={t('board.editText')}
            autoFocus
            maxLength={500}
            onKeyDown={(e) => {
              if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
                e.preventDefault();
                finishEditing();
              }
            }}
          />
          <button type="button" className="primary" onClick={finishEditing}>{t('board.done')}</button>
        </div>
      ) : (
        <p className="idea-text">{sticky.text || <span className="placeholder">{t('board.newText')}</span>}</p>
      )}
      <p className="idea-meta">
        <span className="idea-author">{shownAuthor(sticky, me.participantId, anonymous, t('board.mine'))}</span>
        {sticky.hidden && <span className="tag">{t(isPrivate && !rules.privateWriting ? 'board.notShared' : 'board.private')}</span>}
      </p>
      <div className="idea-actions">
        {/* A private idea gets no points, and none are read before a round. */}
        {!isPrivate && (pointsShown || votes > 0) && (
          <span className="idea-votes" data-testid="idea-votes">{t(countsHidden ? 'board.myVotes' : 'board.votes', { count: votes })}</span>
        )}
        {canRetract && (
          <button type="button" onClick={() => takeBackVote(doc, privateDoc, me.participantId, rules.countsHidden, id)}>
            <span aria-hidden="true">−</span> <span className="visually-hidden">{t('board.unvoteOn', { text: label })}</span>
          </button>
        )}
        {!readOnly && canVoteNow && !isPrivate && (
          <button type="button" className="primary" onClick={() => giveVote(doc, privateDoc, me, rules.countsHidden, id)}>
            <span aria-hidden="true">+</span> {t('board.vote')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canEdit && !ytext && (
          <button type="button" data-edit-idea onClick={() => setEditing(true)}>
            {t('common.edit')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canShareLate && (
          <button type="button" className="primary" onClick={() => shareLateIdea(doc, privateDoc, me, sticky)}>
            {t('board.shareLate')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canDelete && !ytext && (
          <button
            type="button"
            className={confirmDelete.armed ? 'danger' : undefined}
            onClick={(e) => (undoable ? deleteIdea(home, id, true) : confirmDelete.press(() => deleteIdea(home, id, false), e))}
          >
            {t(confirmDelete.armed ? 'board.confirmDeleteShort' : 'common.delete')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canGroup && newGroup === null && (
          <select
            aria-label={t('board.groupOf', { text: label })}
            value={sticky.groupId ?? ''}
            onChange={(e) => (e.target.value === NEW_GROUP ? setNewGroup('') : moveTo(e.target.value || null))}
          >
            <option value="">{t('board.ungrouped')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>{g.title}</option>
            ))}
            {canCreateGroup && <option value={NEW_GROUP}>{t('board.newGroupOption')}</option>}
          </select>
        )}
      </div>
      {/* A group started from an idea, where the phone is: the group form is at the list's end. */}
      {canGroup && newGroup !== null && (
        <form className="inline-form new-group-form" onSubmit={startGroup}>
          <input
            aria-label={t('board.newGroupFor', { text: label })}
            placeholder={t('board.groupTitle')}
            value={newGroup}
            maxLength={80}
            autoFocus
            onChange={(e) => setNewGroup(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setNewGroup(null);
            }}
          />
          <button type="submit" className="primary" disabled={!newGroup.trim()}>{t('board.createGroupShort')}</button>
          <button type="button" onClick={() => setNewGroup(null)}>{t('common.cancel')}</button>
        </form>
      )}
    </li>
  );
});
