import { useTranslation } from 'react-i18next';
import { can, removeVisitNote, roots } from '../../../shared/session/index.ts';
import type { VisitNote, VisitStation } from '../../../shared/session/index.ts';
import { useLeads, useOffScreenNotes } from '../../facilitation/hooks.ts';
import { useExternal } from '../../hooks/useExternal.ts';
import { formatTime } from '../../i18n/format.ts';
import { entryItemId } from '../../sync/save-tracker.ts';
import { useRuleState } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { useCommandButton } from '../../room/useRoomLink.ts';

/**
 * Notes grouped by place, newest first; a member can delete his own. The host and the
 * facilitators take one off the room's screen (or put it back); every phone says which are.
 */
export function NoteList({ notes, stations, readOnly = false }: { notes: readonly VisitNote[]; stations: readonly VisitStation[]; readOnly?: boolean }) {
  const command = useCommandButton();
  const { t, i18n } = useTranslation();
  const { doc, me, conn } = useRoom();
  const state = useRuleState();
  const leads = useLeads() && !readOnly;
  const offScreen = useOffScreenNotes();
  // A note this device has not got onto the server yet says so, where it is read: the
  // badge saying it sits in the header, out of sight once the phone scrolls to its notes.
  const save = conn.documentSave;
  useExternal(save, (s) => s.state);
  useExternal(save, (s) => s.known);
  const unsent = (id: string) => {
    const item = entryItemId(roots(doc).visitNotes, id);
    return item !== null && !save.isOnServer(item);
  };
  const groups = [...stations.map((s) => ({ id: s.id as string | null, name: s.name })), { id: null, name: t('visit.noStation') }]
    .map((g) => ({ ...g, notes: notes.filter((n) => n.stationId === g.id).reverse() }))
    .filter((g) => g.notes.length > 0);
  return (
    <section aria-label={t('visit.notes', { count: notes.length })} className="note-list">
      <p className="hint">{t('visit.notes', { count: notes.length })}</p>
      {groups.map((g) => (
        <div key={g.id ?? 'general'} className="note-group">
          <h3>{g.name}</h3>
          <ul>
            {g.notes.map((n) => (
              <li key={n.id} className={`note kind-${n.kind}`} data-testid="visit-note">
                <span className="tag">{t(`visit.kinds.${n.kind}`)}</span> <span className="note-text">{n.text}</span>
                <span className="note-meta">
                  {n.authorId === me.participantId ? t('visit.mine') : n.authorName} · {formatTime(n.at, i18n.language)}
                  {unsent(n.id) && <span className="tag unsent" data-testid="note-unsent">{t('visit.unsent')}</span>}
                </span>
                {!readOnly && offScreen.includes(n.id) && <span className="tag" data-testid="note-off-screen">{t('visit.offScreen')}</span>}
                {leads && (
                  <button type="button" className="small" {...command} onClick={() => conn.presence.facilitate({ kind: 'screenNote', noteId: n.id, shown: offScreen.includes(n.id) })}>
                    {t(offScreen.includes(n.id) ? 'visit.putOnScreen' : 'visit.takeOffScreen')}
                  </button>
                )}
                {!readOnly && can(me, state, { kind: 'editVisitNote', authorId: n.authorId }).ok && (
                  <button type="button" className="small" onClick={() => removeVisitNote(doc, n.id)}>
                    {t('visit.removeNote')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
