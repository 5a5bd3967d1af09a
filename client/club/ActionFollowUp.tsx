import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUB_FIELD_MAX, type ActionStatusBody, type ClubCredential, type FollowedAction } from '../../shared/club.ts';
import { ACTION_STATUSES, type ActionStatus } from '../../shared/session/index.ts';
import { formatDate } from '../i18n/format.ts';
import { ApiError } from '../sync/api.ts';
import { updateAction } from './club-api.ts';

/** How often an update the server could not take is sent again, while it waits. */
const RETRY_MS = 15_000;

/** Why the last update did not go through, as its owner reads it. */
type Problem = 'offline' | 'server' | 'notOwner' | 'notClosed' | 'refused';

/**
 * One followed action: its status for everyone, and for its owner a status picker and a
 * short note. `credential` is the member acting (null on the shared screen: read-only).
 * An update made without network (or while the server is down) is kept, shown as chosen,
 * and sent when the network comes back; it was lost, under the browser's English "Failed
 * to fetch".
 */
export function ActionFollowUp({ action, credential, onChange }: { action: FollowedAction; credential: ClubCredential | null; onChange: (a: FollowedAction) => void }) {
  const { t, i18n } = useTranslation();
  // His own, or one nobody carries of a session he hosted (as the server allows): an action
  // left "À définir" stayed open for good, with nobody able to close it.
  const mine = credential !== null && action.sessionClosed && (action.ownerId === credential.memberId || (action.ownerId === null && action.sessionHostId === credential.memberId));
  const [note, setNote] = useState(action.note);
  const [pending, setPending] = useState<ActionStatusBody | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const send = async (body: ActionStatusBody) => {
    if (!credential) return;
    setPending(body);
    try {
      const updated = await updateAction(credential, action, body);
      setPending(null);
      setProblem(null);
      if (updated) onChange(updated);
    } catch (err) {
      // A refusal is final (said why); no answer, or a server in trouble, is tried again.
      // fetch fails with a TypeError when no answer came; anything else unreadable is refused.
      const status = err instanceof ApiError ? err.status : err instanceof TypeError ? 0 : 400;
      if (status === 0 || status >= 500 || status === 429) {
        setProblem(status === 0 ? 'offline' : 'server');
        return;
      }
      setPending(null);
      setProblem(status === 403 ? 'notOwner' : status === 409 ? 'notClosed' : 'refused');
    }
  };
  useEffect(() => {
    if (!pending || !problem) return;
    const retry = () => void send(pending);
    window.addEventListener('online', retry);
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(timer);
    };
    // `send` is this render's; what it sends is `pending`.
  }, [pending, problem]);
  const shown: ActionStatus = pending?.status ?? action.status;
  const noteSaved = (pending?.note ?? action.note) === note.trim();
  return (
    <li className={`followed-action status-${action.status}`} data-testid="followed-action">
      <p>
        <strong>{action.text}</strong>{' '}
        <span className="tag" data-testid="action-status">
          {t(`synthesis.status.${action.status}`)}
        </span>
      </p>
      <p className="hint">
        {action.sessionTitle}
        <span className="followed-session-date"> · {formatDate(action.sessionDate, i18n.language)}</span>
        {action.due && ` · ${t('club.due', { date: formatDate(action.due, i18n.language) })}`}
      </p>
      {action.note && !mine && <p className="action-note">{t('common.quoted', { text: action.note })}</p>}
      {mine && (
        <div className="stack">
          <label className="field">
            <span>{t('club.note')}</span>
            <input value={note} maxLength={CLUB_FIELD_MAX.note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row" role="group" aria-label={t('club.setStatus')}>
            {ACTION_STATUSES.map((s) => (
              <button key={s} type="button" className="small" aria-pressed={shown === s} onClick={() => void send({ status: s, note: note.trim() })}>
                {t(`synthesis.status.${s}`)}
              </button>
            ))}
            {/* A note typed and left was lost: the status buttons alone sent it. */}
            {!noteSaved && (
              <button type="button" className="small primary" onClick={() => void send({ status: shown, note: note.trim() })}>
                {t('club.saveNote')}
              </button>
            )}
          </div>
          <p role="status" className={problem ? 'error' : 'visually-hidden'}>
            {problem && t(`club.updateProblem.${problem}`, { status: t(`synthesis.status.${shown}`) })}
          </p>
        </div>
      )}
    </li>
  );
}
