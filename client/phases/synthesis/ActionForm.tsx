import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addActionItem } from '../../../shared/session/index.ts';
import { peopleOf } from '../../components/PresenceList.tsx';
import { useExternal } from '../../hooks/useExternal.ts';
import { useRoom } from '../../room/room-context.ts';

/** A new action: its owner is chosen among the people present. */
export function ActionForm({ draft, onDraftUsed }: { draft: { text: string; stickyId: string } | null; onDraftUsed: () => void }) {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const entries = useExternal(conn.presence, (p) => p.entries);
  const people = peopleOf(entries).filter((p) => p.role !== 'screen');
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const [sources, setSources] = useState<string[]>([]);

  useEffect(() => {
    if (!draft) return;
    setText(draft.text);
    setSources([draft.stickyId]);
    onDraftUsed();
    document.getElementById('action-text')?.focus();
  }, [draft, onDraftUsed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const owner = people.find((p) => p.participantId === ownerId);
    addActionItem(doc, {
      text: text.trim(),
      owner: owner ? { participantId: owner.participantId, name: owner.name } : null,
      due: due || null,
      sourceStickyIds: sources,
    });
    setText('');
    setOwnerId('');
    setDue('');
    setSources([]);
  };
  return (
    <form className="stack action-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="action-text">{t('synthesis.actionText')}</label>
        <input id="action-text" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="action-owner">{t('synthesis.owner')}</label>
          <select id="action-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('synthesis.noOwner')}</option>
            {people.map((p) => (
              <option key={p.participantId} value={p.participantId}>{p.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="action-due">{t('synthesis.due')}</label>
          <input id="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={!text.trim()}>{t('synthesis.addAction')}</button>
    </form>
  );
}
