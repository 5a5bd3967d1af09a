import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createGroup, deleteGroup, findGroupByTitle, renameGroup } from '../../shared/session/index.ts';
import type { Group } from '../../shared/session/index.ts';
import { useRoom } from '../room/room-context.ts';
import { useCommandButton } from '../room/useRoomLink.ts';
import { useConfirmStep } from './board-context.ts';

/** The titled groups: drop targets for stickies, with their count and votes. */
export function GroupPanel({ groups, counts, votes, canCreate, canManage, canShow, shownId = null, listMode = false }: {
  groups: readonly Group[];
  counts: Readonly<Record<string, number>>;
  /** Each group's points, or null while a round hides the counts. */
  votes: Readonly<Record<string, number>> | null;
  /** Members create groups while brainstorming... */
  canCreate: boolean;
  /** ...the host and facilitators rename and delete them. */
  canManage: boolean;
  /** Leaders point the room's screen at a group. */
  canShow: boolean;
  /** The group the room's screen shows (on the screen itself). */
  shownId?: string | null;
  /** Beside the list (phones), where ideas are sorted with their *Groupe* menu, not dragged. */
  listMode?: boolean;
}) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const [title, setTitle] = useState('');
  // The group already there under the title typed (case, accents and spaces aside): taken
  // instead of a second one, and said so.
  const [existing, setExisting] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    const found = findGroupByTitle(doc, title);
    if (!found) createGroup(doc, me, title.trim());
    setExisting(found ? found.title : null);
    setTitle('');
  };
  return (
    <section className="group-panel" aria-labelledby="groups-title">
      <h3 id="groups-title">{t('board.groups')}</h3>
      <ul>
        {groups.map((g) => (
          <GroupRow key={g.id} group={g} count={counts[g.id] ?? 0} votes={votes && (votes[g.id] ?? 0)} canManage={canManage} canShow={canShow} shown={g.id === shownId} />
        ))}
        {canCreate && groups.length > 0 && (
          <li className="group-drop ungroup" data-group-drop="">{t('board.ungrouped')}</li>
        )}
      </ul>
      {canCreate && (
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor="new-group" className="visually-hidden">{t('board.groupTitle')}</label>
          <input
            id="new-group"
            placeholder={t('board.groupTitle')}
            value={title}
            maxLength={80}
            onChange={(e) => {
              setTitle(e.target.value);
              setExisting(null);
            }}
          />
          <button type="submit">{t('board.createGroup')}</button>
        </form>
      )}
      {canCreate && existing !== null && (
        <p className="hint" role="status" data-testid="group-exists">{t('board.groupExists', { title: existing })}</p>
      )}
      {canCreate && listMode && <p className="hint">{t('board.groupHintList')}</p>}
      {canCreate && !listMode && (
        <>
          <p className="hint keyboard-only">{t('board.groupHint')}</p>
          <p className="hint touch-only">{t('board.groupHintTouch')}</p>
        </>
      )}
    </section>
  );
}

/**
 * A group in the list: its title (a field for those who manage groups), then on one row its
 * count, *Montrer* (the room's screen) and *Supprimer*, which asks a second press (*Supprimer ?*):
 * its ideas would lose their group, with no undo. Each group took 110 px, its two buttons
 * stacked at full width, and the host could not see an idea and the lower groups at once to
 * drag one onto the other.
 */
function GroupRow({ group, count, votes, canManage, canShow, shown }: {
  group: Group;
  /** The one the room's screen shows: marked, so the room sees which of the list it is. */
  shown: boolean;
  count: number;
  votes: number | null;
  canManage: boolean;
  canShow: boolean;
}) {
  const command = useCommandButton();
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const confirmDelete = useConfirmStep();
  return (
    <li className={shown ? 'group-drop shown' : 'group-drop'} data-group-drop={group.id} data-testid="group" aria-current={shown ? 'true' : undefined}>
      {canManage ? (
        <input aria-label={t('board.renameGroup', { title: group.title })} value={group.title} maxLength={80} onChange={(e) => renameGroup(doc, group.id, e.target.value)} />
      ) : (
        <strong>{group.title}</strong>
      )}
      <div className="group-foot">
        <span className="hint">
          {t('board.ideasCount', { count })}
          {votes !== null && <> · {t('board.votes', { count: votes })}</>}
        </span>
        {canShow && (
          <button
            type="button"
            className="small"
            aria-label={t('facilitation.showGroup', { title: group.title })}
            {...command}
            onClick={() => conn.presence.facilitate({ kind: 'focus', target: { kind: 'group', groupId: group.id } })}
          >
            {t('facilitation.showGroupShort')}
          </button>
        )}
        {canManage && (
          <button type="button" className={confirmDelete.armed ? 'small danger' : 'small'} onClick={(e) => confirmDelete.press(() => deleteGroup(doc, group.id), e)}>
            {confirmDelete.armed ? t('board.confirmDeleteShort') : t('common.delete')}{' '}
            <span className="visually-hidden">{t('board.removeWhichGroup', { title: group.title })}</span>
          </button>
        )}
      </div>
      {confirmDelete.armed && (
        <span className="visually-hidden" role="status">
          {t('board.confirmDeleteGroupHint', { title: group.title })}
        </span>
      )}
    </li>
  );
}
