// The board as a list, for phones: one section per group, then the ideas without a group;
// each idea with its votes, its author's actions and the group it belongs to. Ideas keep
// their creation order, so nothing jumps under a finger while the room votes.
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  can, getPrivateSticky, getSticky, getStickyText, groupSticky, isStickyVisibleTo, roots,
} from '../../shared/session/index.ts';
import type { ActionRequest, Group, RuleState } from '../../shared/session/index.ts';
import { CollabTextarea } from '../components/CollabTextarea.tsx';
import { useYValue } from '../hooks/useYValue.ts';
import { useVoting } from '../facilitation/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { giveVote, shownAuthor, stickyHome, takeBackVote, useBoard, useConfirmStep } from './board-context.ts';

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
}

export function BoardList({ ids, groupOf, groups, votes, mine, canVoteNow, rules, privateIds, hiddenFromMe, countsHidden }: Props) {
  const { t } = useTranslation();
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
    <div className="board-list" data-testid="board-list">
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
              <IdeaItem key={id} id={id} votes={votes[id] ?? 0} mine={mine[id] ?? 0} canVoteNow={canVoteNow} groups={groups} rules={rules} isPrivate={privateIds.has(id)} countsHidden={countsHidden} pointsShown={pointsShown} anonymous={voting.anonymous} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const IdeaItem = memo(function IdeaItem({ id, votes, mine, canVoteNow, groups, rules, isPrivate, countsHidden, pointsShown, anonymous }: {
  id: string;
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
  useEffect(() => {
    if (pendingEdit.current === id) {
      pendingEdit.current = null;
      setEditing(true);
    }
  }, [id, pendingEdit]);
  if (!sticky || !isStickyVisibleTo(sticky, me.participantId)) return null;

  // A private idea outside private writing (not shared) takes no change but its removal (StickyCard.tsx).
  const frozen = isPrivate && !rules.privateWriting;
  const allowed = (request: ActionRequest) => !readOnly && !frozen && can(me, rules, request).ok;
  const canEdit = allowed({ kind: 'editSticky', authorId: sticky.authorId });
  const canDelete = frozen ? !readOnly : allowed({ kind: 'deleteSticky', authorId: sticky.authorId });
  // One's own idea comes back with "Annuler"; any other removal is confirmed first.
  const undoable = !frozen && sticky.authorId === me.participantId;
  const canRetract = mine > 0 && allowed({ kind: 'retractVote', voterId: me.participantId });
  const canGroup = allowed({ kind: 'groupSticky', authorId: sticky.authorId }) && groups.length > 0;
  const ytext = editing ? getStickyText(home, id) : undefined;
  const label = sticky.text || t('board.newText');
  return (
    <li className={`idea-item sticky-${sticky.color}`} data-testid="idea" data-idea-id={id}>
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
                setEditing(false);
              }
            }}
          />
          <button type="button" className="primary" onClick={() => setEditing(false)}>{t('board.done')}</button>
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
            − <span className="visually-hidden">{t('board.unvoteOn', { text: label })}</span>
          </button>
        )}
        {!readOnly && canVoteNow && !isPrivate && (
          <button type="button" className="primary" onClick={() => giveVote(doc, privateDoc, me, rules.countsHidden, id)}>
            + {t('board.vote')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canEdit && !ytext && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('common.edit')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canDelete && !ytext && (
          <button
            type="button"
            className={confirmDelete.armed ? 'danger' : undefined}
            onClick={() => (undoable ? deleteIdea(home, id, true) : confirmDelete.press(() => deleteIdea(home, id, false)))}
          >
            {t(confirmDelete.armed ? 'board.confirmDeleteShort' : 'common.delete')} <span className="visually-hidden">: {label}</span>
          </button>
        )}
        {canGroup && (
          <select
            aria-label={t('board.groupOf', { text: label })}
            value={sticky.groupId ?? ''}
            onChange={(e) => groupSticky(home, id, e.target.value || null, undefined, around)}
          >
            <option value="">{t('board.ungrouped')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>{g.title}</option>
            ))}
          </select>
        )}
      </div>
    </li>
  );
});
