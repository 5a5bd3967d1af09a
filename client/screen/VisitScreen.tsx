// Visit notes on the screen: the newest first, as they arrive; when there are more than
// fit, a quiet rotation through the places, one every 15 seconds.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getStations, getVisitNotes, roots } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

const FITS = 6;
const ROTATE_MS = 15_000;

export function VisitScreen() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const notes = useYValue([r.visitNotes, r.stations], () => getVisitNotes(doc), [doc]);
  const stations = useYValue(r.stations, () => getStations(doc), [doc]);
  // Pages: the newest notes, then each place that has notes.
  const places = stations.filter((s) => notes.some((n) => n.stationId === s.id));
  const pages = notes.length > FITS ? [null, ...places.map((s) => s.id)] : [null];
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages.length < 2) return;
    const id = setInterval(() => setPage((p) => p + 1), ROTATE_MS);
    return () => clearInterval(id);
  }, [pages.length]);
  // A new note brings the newest page back.
  useEffect(() => setPage(0), [notes.length]);
  const stationId = pages[page % pages.length] ?? null;
  const shown = [...notes]
    .filter((n) => stationId === null || n.stationId === stationId)
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
    .slice(0, FITS);
  if (notes.length === 0) return <p className="screen-empty">{t('screenView.noNotes')}</p>;
  const stationName = (id: string | null) => stations.find((s) => s.id === id)?.name ?? t('visit.noStation');
  return (
    <div className="screen-visit">
      <p className="screen-kicker" aria-live="polite">
        {stationId === null ? t('screenView.allPlaces') : t('screenView.place', { name: stationName(stationId) })} ·{' '}
        {t('visit.notes', { count: notes.length })}
      </p>
      <ul className="screen-notes">
        {shown.map((n) => (
          <li key={n.id} className={`screen-note kind-${n.kind}`} data-testid="visit-note">
            <p className="screen-note-text">{n.text}</p>
            <p className="screen-byline">
              {t(`visit.kinds.${n.kind}`)} · {stationName(n.stationId)} · {n.authorName}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
