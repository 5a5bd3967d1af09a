import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import { useRoom } from '../room/room-context.ts';
import { nameKey } from '../../shared/name-key.ts';

/**
 * Another person here bears my name (two "Philippe", each typed his first name only): the
 * host could not tell which one to give an action to, nor the room who asked. Each of them
 * is asked, once per name, to add what tells him apart; the lists number them meanwhile.
 */
export function SharedNameNotice({ onRename }: { onRename: (name: string) => void }) {
  const { t } = useTranslation();
  const { conn, me } = useRoom();
  const entries = useExternal(conn.presence, (p) => p.entries);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [value, setValue] = useState<string | null>(null);
  const shared = me.role !== 'screen' && entries.some((e) => e.participantId !== me.participantId && e.role !== 'screen' && nameKey(e.name) === nameKey(me.name));
  if (!shared || dismissed === nameKey(me.name)) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = (value ?? me.name).trim();
    if (next && nameKey(next) !== nameKey(me.name)) onRename(next.slice(0, 80));
    setValue(null);
  };
  return (
    <form className="follow-banner shared-name" role="status" onSubmit={submit} data-testid="shared-name">
      <p>{t('presence.sharedName', { name: me.name })}</p>
      <div className="inline-form">
        <label htmlFor="shared-name-input" className="visually-hidden">{t('join.nameLabel')}</label>
        <input id="shared-name-input" value={value ?? `${me.name} `} maxLength={80} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="primary small">{t('common.save')}</button>
        <button type="button" className="small" onClick={() => setDismissed(nameKey(me.name))}>{t('presence.sharedNameKeep')}</button>
      </div>
    </form>
  );
}
