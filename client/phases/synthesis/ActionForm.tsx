import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, addActionItem, isCalendarDate, updateActionItem } from '../../../shared/session/index.ts';
import type { ActionItem, ActionStatus } from '../../../shared/session/index.ts';
import { useClubMembers } from '../../club/useClubMembers.ts';
import { distinctNames } from '../../components/people-names.ts';
import { formatDate, localToday } from '../../i18n/format.ts';
import { useRoom } from '../../room/room-context.ts';
import { useJoinedPeople } from '../../room/useJoinedPeople.ts';

/**
 * A new action, or (with `item`) the change of one: text, owner among the people of the
 * session, their phones offline too (an owner who left stays choosable) and, in a club session, the club's other members (the
 * list offered only those in the room), due date and, when editing, status.
 */
export function ActionForm({ draft = null, onDraftUsed, item, onDone }: {
  draft?: { text: string; stickyId: string } | null;
  onDraftUsed?: () => void;
  item?: ActionItem;
  onDone?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { doc, info } = useRoom();
  // Everyone who joined, his phone offline too: the list offered only the devices connected,
  // and a member whose phone had dropped could not be given the action he took on aloud.
  const people = useJoinedPeople().map((p) => ({ participantId: p.participantId, name: p.name }));
  if (item?.ownerId && !people.some((p) => p.participantId === item.ownerId)) people.push({ participantId: item.ownerId, name: item.ownerName });
  const absent = useClubMembers(info.clubId)
    .filter((m) => !people.some((p) => p.participantId === m.id))
    .map((m) => ({ participantId: m.id, name: m.name }));
  // Two of one name (two "Philippe") are told apart: the host gave an action to either.
  const labels = distinctNames([...people, ...absent]);
  const option = (p: { participantId: string; name: string }) => <option key={p.participantId} value={p.participantId}>{labels.get(p.participantId)}</option>;
  const [text, setText] = useState(item?.text ?? '');
  const [ownerId, setOwnerId] = useState(item?.ownerId ?? '');
  const [due, setDue] = useState(item?.due ?? '');
  const today = localToday();
  const [status, setStatus] = useState<ActionStatus>(item?.status ?? 'todo');
  const [sources, setSources] = useState<string[]>([]);
  const idPrefix = item ? `action-${item.id}` : 'action';

  useEffect(() => {
    if (!draft) return;
    setText(draft.text);
    setSources([draft.stickyId]);
    onDraftUsed?.();
    document.getElementById('action-text')?.focus();
  }, [draft, onDraftUsed]);

  // A date the server would refuse (a five-digit year, which the date field lets through):
  // said here, and nothing sent. Sent, the action was written, refused and undone, and the
  // form, emptied, had lost what the host dictated.
  const dueInvalid = due !== '' && !isCalendarDate(due);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (dueInvalid) {
      document.getElementById(`${idPrefix}-due`)?.focus();
      return;
    }
    const owner = [...people, ...absent].find((p) => p.participantId === ownerId) ?? null;
    if (item) {
      updateActionItem(doc, item.id, { text: text.trim(), owner, due: due || null, status });
      onDone?.();
      return;
    }
    addActionItem(doc, { text: text.trim(), owner, due: due || null, sourceStickyIds: sources });
    setText('');
    setOwnerId('');
    setDue('');
    setSources([]);
  };
  return (
    <form className="stack action-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${idPrefix}-text`}>{t('synthesis.actionText')}</label>
        {/* Lines enough for the whole action: one line of a phone showed forty characters of
            it, and the host could not reread it before adding it. Enter adds it, as before. */}
        <textarea
          id={`${idPrefix}-text`}
          className="action-text"
          rows={2}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          autoFocus={item !== undefined}
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${idPrefix}-owner`}>{t('synthesis.owner')}</label>
          <select id={`${idPrefix}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('synthesis.noOwner')}</option>
            {absent.length === 0 ? (
              people.map(option)
            ) : (
              <>
                <optgroup label={t('synthesis.ownersHere')}>
                  {people.map(option)}
                </optgroup>
                <optgroup label={t('synthesis.ownersClub')}>
                  {absent.map(option)}
                </optgroup>
              </>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-due`}>{t('synthesis.due')}</label>
          <input
            id={`${idPrefix}-due`}
            type="date"
            min={item?.due && item.due < today ? item.due : today}
            value={due}
            aria-invalid={dueInvalid || undefined}
            aria-describedby={due ? `${idPrefix}-due-read` : undefined}
            onChange={(e) => setDue(e.target.value)}
          />
          {/* The field writes the date as the device's own locale does (12/01/2026 on a phone
              set to English): said again in words, in the page's language, it is one date. A
              date already past (typed, 2020 for 2027) says so. */}
          {due && (dueInvalid ? (
            <strong id={`${idPrefix}-due-read`} className="hint warn" role="alert" data-testid="due-read">
              {t('synthesis.dueInvalid')}
            </strong>
          ) : (
            <span id={`${idPrefix}-due-read`} className={due < today ? 'hint warn' : 'hint'} data-testid="due-read">
              {formatDate(due, i18n.language)}
              {due < today && ` : ${t('synthesis.duePast')}`}
            </span>
          ))}
        </div>
        {item && (
          <div className="field">
            <label htmlFor={`${idPrefix}-status`}>{t('synthesis.statusLabel')}</label>
            <select id={`${idPrefix}-status`} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`synthesis.status.${s}`)}</option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={!text.trim()}>{item ? t('common.save') : t('synthesis.addAction')}</button>
        {item && <button type="button" onClick={onDone}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}
