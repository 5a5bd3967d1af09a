import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS, addVisitNote } from '../../../shared/session/index.ts';
import type { NoteKind, VisitStation } from '../../../shared/session/index.ts';
import { useRoom } from '../../room/room-context.ts';
import { useDeviceDraft } from '../../room/useDeviceDraft.ts';
import { readStored, writeStored } from '../../sync/device.ts';

const LAST_STATION_KEY = 'entraide:lastStation';
/** How much of the note just added is said back under the field. */
const ADDED_CHARS = 60;

export function NoteForm({ stations }: { stations: readonly VisitStation[] }) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  // Kept on the device: the host moving the phase, or a reload, took a half-written note.
  const [text, setText] = useDeviceDraft('visit-note');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [kind, setKind] = useState<NoteKind>('strength');
  // Walking from place to place: the place stays as chosen for the next note.
  const [stationId, setStationId] = useState<string>(() => readStored(LAST_STATION_KEY, 'session') ?? '');
  const station = stations.some((s) => s.id === stationId) ? stationId : '';
  // The note just added, said under the field (the list of notes is below the fold on a
  // phone, and nothing said it was taken), with its type: the next note keeps it.
  const [added, setAdded] = useState<{ text: string; kind: NoteKind } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    addVisitNote(doc, me, { stationId: station || null, kind, text: trimmed });
    setAdded({ text: trimmed.length > ADDED_CHARS ? `${trimmed.slice(0, ADDED_CHARS - 1)}…` : trimmed, kind });
    setText('');
    // Walking and typing: the next note starts right away.
    textRef.current?.focus();
  };
  return (
    <form className="card stack note-form" onSubmit={submit}>
      {/* The note first: on a phone it is in the first screen, the place and kind below it. */}
      <div className="field">
        <label htmlFor="note-text">{t('visit.text')}</label>
        <textarea id="note-text" ref={textRef} value={text} maxLength={2000} aria-describedby="note-public" onChange={(e) => setText(e.target.value)} />
        {/* Who reads it, before the first: a frank *Risque* went to every phone and the
            room's screen, with its author's name, and nothing said so. */}
        <p className="hint note-added" id="note-public" role="status" data-testid="note-added">
          {added ? t('visit.added', { kind: t(`visit.kinds.${added.kind}`), text: added.text }) : t('visit.public')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="note-station">{t('visit.station')}</label>
        <select
          id="note-station"
          value={station}
          onChange={(e) => {
            setStationId(e.target.value);
            writeStored(LAST_STATION_KEY, e.target.value, 'session');
          }}
        >
          <option value="">{t('visit.noStation')}</option>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </div>
      <fieldset className="kinds">
        <legend>{t('visit.kind')}</legend>
        {NOTE_KINDS.map((k) => (
          <label key={k} className={`kind-option kind-${k}`}>
            <input type="radio" name="note-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`visit.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={!text.trim()}>
        {t('visit.add')}
      </button>
    </form>
  );
}
