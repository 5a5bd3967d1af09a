import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, getActionItems, removeActionItem, roots, updateActionItem } from '../../../shared/session/index.ts';
import type { ActionStatus } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { formatDate } from '../../i18n/format.ts';
import { useRoom } from '../../room/room-context.ts';
import { ActionForm } from './ActionForm.tsx';
import { ownerLabels } from './owner-labels.ts';

/** The action plan: one card per action (no table, so a phone shows every column); leaders edit it. */
export function ActionPlan({ editable, draft, onDraftUsed }: {
  editable: boolean;
  draft: { text: string; stickyId: string } | null;
  onDraftUsed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  // Owners by their names now (participants: one who added his initial is read so), two of
  // one name told apart.
  const items = useYValue([roots(doc).actions, roots(doc).participants], () => getActionItems(doc), [doc]);
  const owners = ownerLabels(items);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="actions-title">
      <h3 id="actions-title">{t('synthesis.actions')}</h3>
      {items.length === 0 ? (
        <p>{t('synthesis.noActions')}</p>
      ) : (
        <ul className="action-list">
          {items.map((a) => (
            <li key={a.id} className="action-item" data-testid="action-item">
              {editable && editing === a.id ? (
                <ActionForm item={a} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <p className="action-title">{a.text}</p>
                  <dl className="action-facts">
                    <dt>{t('synthesis.owner')}</dt>
                    <dd data-testid="action-owner">{(a.ownerId && owners.get(a.ownerId)) || t('synthesis.noOwner')}</dd>
                    <dt>{t('synthesis.due')}</dt>
                    <dd>{a.due ? formatDate(a.due, i18n.language) : '—'}</dd>
                    <dt>{t('synthesis.statusLabel')}</dt>
                    <dd>
                      {editable ? (
                        <select
                          aria-label={`${t('synthesis.statusLabel')} : ${a.text}`}
                          value={a.status}
                          onChange={(e) => updateActionItem(doc, a.id, { status: e.target.value as ActionStatus })}
                        >
                          {ACTION_STATUSES.map((s) => (
                            <option key={s} value={s}>{t(`synthesis.status.${s}`)}</option>
                          ))}
                        </select>
                      ) : (
                        t(`synthesis.status.${a.status}`)
                      )}
                    </dd>
                  </dl>
                  {editable && (
                    <div className="row">
                      <button type="button" className="small" onClick={() => setEditing(a.id)}>
                        {t('common.edit')} <span className="visually-hidden">{a.text}</span>
                      </button>
                      <button type="button" className="small" onClick={() => removeActionItem(doc, a.id)}>
                        {t('synthesis.removeAction')} <span className="visually-hidden">{a.text}</span>
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <ActionForm draft={draft} onDraftUsed={onDraftUsed} />}
    </section>
  );
}
