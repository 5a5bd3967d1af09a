import { useTranslation } from 'react-i18next';
import { getStations, getVisitNotes, roots } from '../../../shared/session/index.ts';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { NoteForm } from './NoteForm.tsx';
import { NoteList } from './NoteList.tsx';
import { StationsEditor } from './StationsEditor.tsx';

/** Phone first: the form on top, big targets, and beside it any trouble saving what is written. */
export default function VisitPhase() {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const r = roots(doc);
  const stations = useYValue(r.stations, () => getStations(doc), [doc]);
  const notes = useYValue([r.visitNotes, r.stations], () => getVisitNotes(doc), [doc]);
  const canAdd = useCan({ kind: 'addVisitNote' });
  const canEditStations = useCan({ kind: 'editStations' });
  return (
    <section className="phase visit" aria-labelledby="visit-title">
      <div className="visit-head">
        <h2 id="visit-title">{t('visit.title')}</h2>
        <ConnectionBadge save={conn.save} announce={false} troubleOnly />
      </div>
      {canAdd && <NoteForm stations={stations} />}
      {canEditStations && <StationsEditor stations={stations} />}
      <NoteList notes={notes} stations={stations} />
    </section>
  );
}
