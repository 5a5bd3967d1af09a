import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUB_FIELD_MAX, type ClubCredential, type FollowedAction } from '../../shared/club.ts';
import { ACTION_STATUSES, type ActionStatus } from '../../shared/session/index.ts';
import { formatDate } from '../i18n/format.ts';
import { updateAction } from './club-api.ts';

/**
 * One followed action: its status for everyone, and for its owner a status picker and a
 * short note. `credential` is the member acting (null on the shared screen: read-only).
 */
export function ActionFollowUp({ action, credential, onChange }: { action: FollowedAction; credential: ClubCredential | null; onChange: (a: FollowedAction) => void }) {
  const { t, i18n } = useTranslation();
  const mine = credential !== null && action.ownerId === credential.memberId && action.sessionClosed;
  const [note, setNote] = useState(action.note);
  const [error, setError] = useState<string | null>(null);
  const save = async (status: ActionStatus) => {
    if (!credential) return;
    setError(null);
    try {
      const updated = await updateAction(credential, action, { status, note: note.trim() });
      if (updated) onChange(updated);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <li className={`followed-action status-${action.status}`} data-testid="followed-action">
      <p>
        <strong>{action.text}</strong>{' '}
        <span className="tag" data-testid="action-status">
          {t(`synthesis.status.${action.status}`)}
        </span>
      </p>
      <p className="hint">
        {action.sessionTitle} · {formatDate(action.sessionDate, i18n.language)}
        {action.due && ` · ${t('club.due', { date: formatDate(action.due, i18n.language) })}`}
      </p>
      {action.note && !mine && <p className="action-note">« {action.note} »</p>}
      {mine && (
        <div className="stack">
          <label className="field">
            <span>{t('club.note')}</span>
            <input value={note} maxLength={CLUB_FIELD_MAX.note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row" role="group" aria-label={t('club.setStatus')}>
            {ACTION_STATUSES.map((s) => (
              <button key={s} type="button" className="small" aria-pressed={action.status === s} onClick={() => void save(s)}>
                {t(`synthesis.status.${s}`)}
              </button>
            ))}
          </div>
          {error && <p className="error" role="alert">{error}</p>}
        </div>
      )}
    </li>
  );
}
