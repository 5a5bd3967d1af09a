// Visit notes on the screen: the newest first, as they arrive, as many as the screen has
// room for (measured: six fixed slots left half of a 1080p screen empty); when there are
// more, the kicker says how many of how many, and a quiet rotation goes through the
// places that have notes the newest page could not hold, one every 15 seconds (visit-pages.ts).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getStations, getVisitNotes, roots } from '../../shared/session/index.ts';
import { useOffScreenNotes } from '../facilitation/hooks.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';
import { newestFirst, visitPages } from './visit-pages.ts';

/** The most notes one page renders (a screen of 4K at its smallest type holds fewer). */
const MAX_SHOWN = 40;
const ROTATE_MS = 15_000;

export function VisitScreen() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const allNotes = useYValue([r.visitNotes, r.stations], () => getVisitNotes(doc), [doc]);
  // Notes the host took off the screen are not shown, nor counted.
  const offScreen = useOffScreenNotes();
  const notes = offScreen.length ? allNotes.filter((n) => !offScreen.includes(n.id)) : allNotes;
  const stations = useYValue(r.stations, () => getStations(doc), [doc]);
  const listRef = useRef<HTMLUListElement>(null);
  // How many of the page's notes are whole on the screen (null: not measured yet).
  const [fits, setFits] = useState<number | null>(null);
  // How many the newest page holds: past that, the places take turns.
  const [newestFit, setNewestFit] = useState<number | null>(null);
  // Pages: the newest notes, then each place with a note the newest page could not hold.
  const pages = visitPages(notes, stations.map((s) => s.id), newestFit);
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages.length < 2) return;
    const id = setInterval(() => setPage((p) => p + 1), ROTATE_MS);
    return () => clearInterval(id);
  }, [pages.length]);
  // A new note brings the newest page back.
  useEffect(() => setPage(0), [notes.length]);
  const stationId = pages[page % pages.length] ?? null;
  const onPage = newestFirst(notes.filter((n) => stationId === null || n.stationId === stationId));
  const shown = onPage.slice(0, MAX_SHOWN);
  const shownKey = shown.map((n) => n.id).join();
  // Whole cards only: those below the list's bottom are laid out but not shown, so that
  // measuring again (a note longer, the window resized) reads the same layout.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => {
      let whole = 0;
      for (const item of list.children) {
        const el = item as HTMLElement;
        if (el.offsetTop + el.offsetHeight > list.clientHeight) break;
        whole++;
      }
      const n = Math.max(1, whole);
      setFits(n);
      if (stationId === null) setNewestFit(n);
    };
    measure();
    // The list's size, and each card's: a note edited or the type loaded late changes a card.
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    for (const item of list.children) observer.observe(item);
    return () => observer.disconnect();
  }, [shownKey, stationId]);
  if (notes.length === 0) return <p className="screen-empty">{t('screenView.noNotes')}</p>;
  const stationName = (id: string | null) => stations.find((s) => s.id === id)?.name ?? t('visit.noStation');
  const whole = Math.min(fits ?? shown.length, shown.length);
  return (
    <div className="screen-visit">
      <p className="screen-kicker" aria-live="polite" data-testid="screen-visit-kicker">
        {stationId === null ? t('screenView.allPlaces') : t('screenView.place', { name: stationName(stationId) })} ·{' '}
        {whole < onPage.length ? t('screenView.newestOf', { shown: whole, count: onPage.length }) : t('visit.notes', { count: onPage.length })}
      </p>
      <ul className="screen-notes" ref={listRef}>
        {shown.map((n, i) => (
          <li key={n.id} className={`screen-note kind-${n.kind}${i >= whole ? ' overflowed' : ''}`} data-testid="visit-note" aria-hidden={i >= whole || undefined}>
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
