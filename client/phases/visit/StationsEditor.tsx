import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addStation, removeStation } from '../../../shared/session/index.ts';
import type { VisitStation } from '../../../shared/session/index.ts';
import { useRoom } from '../../room/room-context.ts';

/** The host names the places of the visit (workshop, design office...). */
export function StationsEditor({ stations }: { stations: readonly VisitStation[] }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    addStation(doc, name.trim());
    setName('');
  };
  return (
    <details className="card stations">
      <summary>{t('visit.stations')} ({stations.length})</summary>
      <ul>
        {stations.map((s) => (
          <li key={s.id} className="row">
            <span>{s.name}</span>
            <button type="button" className="small" onClick={() => removeStation(doc, s.id)}>
              {t('common.delete')} <span className="visually-hidden">{s.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="new-station" className="visually-hidden">{t('visit.newStation')}</label>
        <input id="new-station" placeholder={t('visit.newStation')} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <button type="submit">{t('visit.addStation')}</button>
      </form>
    </details>
  );
}
