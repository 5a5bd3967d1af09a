import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createGroup, deleteGroup, renameGroup } from '../../shared/session/index.ts';
import type { Group } from '../../shared/session/index.ts';
import { useRoom } from '../room/room-context.ts';

/** The titled groups: drop targets for stickies, with their count and votes. */
export function GroupPanel({ groups, counts, votes, canCreate, canManage, canShow }: {
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
}) {
  const { t } = useTranslation();
  const { conn, doc, me } = useRoom();
  const [title, setTitle] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    createGroup(doc, me, title.trim());
    setTitle('');
  };
  return (
    <section className="group-panel" aria-labelledby="groups-title">
      <h3 id="groups-title">{t('board.groups')}</h3>
      <ul>
        {groups.map((g) => (
          <li key={g.id} className="group-drop" data-group-drop={g.id} data-testid="group">
            {canManage ? (
              <input
                aria-label={t('board.renameGroup', { title: g.title })}
                value={g.title}
                maxLength={80}
                onChange={(e) => renameGroup(doc, g.id, e.target.value)}
              />
            ) : (
              <strong>{g.title}</strong>
            )}
            <span className="hint">
              {t('board.ideasCount', { count: counts[g.id] ?? 0 })}
              {votes && <> · {t('board.votes', { count: votes[g.id] ?? 0 })}</>}
            </span>
            {canShow && (
              <button
                type="button"
                className="small"
                aria-label={t('facilitation.showGroup', { title: g.title })}
                onClick={() => conn.presence.facilitate({ kind: 'focus', target: { kind: 'group', groupId: g.id } })}
              >
                {t('facilitation.showGroupShort')}
              </button>
            )}
            {canManage && (
              <button type="button" className="small" onClick={() => deleteGroup(doc, g.id)}>
                {t('board.removeGroup')} <span className="visually-hidden">{g.title}</span>
              </button>
            )}
          </li>
        ))}
        {canCreate && groups.length > 0 && (
          <li className="group-drop ungroup" data-group-drop="">{t('board.ungrouped')}</li>
        )}
      </ul>
      {canCreate && (
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor="new-group" className="visually-hidden">{t('board.groupTitle')}</label>
          <input id="new-group" placeholder={t('board.groupTitle')} value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} />
          <button type="submit">{t('board.createGroup')}</button>
        </form>
      )}
      {canCreate && (
        <>
          <p className="hint keyboard-only">{t('board.groupHint')}</p>
          <p className="hint touch-only">{t('board.groupHintTouch')}</p>
        </>
      )}
    </section>
  );
}
