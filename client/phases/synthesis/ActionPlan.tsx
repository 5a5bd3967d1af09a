import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, getActionItems, removeActionItem, roots, updateActionItem } from '../../../shared/session/index.ts';
import type { ActionStatus } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { formatDate } from '../../i18n/format.ts';
import { useRoom } from '../../room/room-context.ts';
import { ActionForm } from './ActionForm.tsx';

export function ActionPlan({ editable, draft, onDraftUsed }: {
  editable: boolean;
  draft: { text: string; stickyId: string } | null;
  onDraftUsed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const items = useYValue(roots(doc).actions, () => getActionItems(doc), [doc]);
  return (
    <section className="card stack" aria-labelledby="actions-title">
      <h3 id="actions-title">{t('synthesis.actions')}</h3>
      {items.length === 0 ? (
        <p>{t('synthesis.noActions')}</p>
      ) : (
        <table className="actions-table">
          <thead>
            <tr>
              <th scope="col">{t('synthesis.actionText')}</th>
              <th scope="col">{t('synthesis.owner')}</th>
              <th scope="col">{t('synthesis.due')}</th>
              <th scope="col">{t('synthesis.statusLabel')}</th>
              {editable && <th scope="col"><span className="visually-hidden">{t('synthesis.removeAction')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-testid="action-item">
                <td>{a.text}</td>
                <td>{a.ownerName || t('synthesis.noOwner')}</td>
                <td>{a.due ? formatDate(a.due, i18n.language) : '—'}</td>
                <td>
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
                </td>
                {editable && (
                  <td>
                    <button type="button" className="small" onClick={() => removeActionItem(doc, a.id)}>
                      {t('synthesis.removeAction')} <span className="visually-hidden">{a.text}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && <ActionForm draft={draft} onDraftUsed={onDraftUsed} />}
    </section>
  );
}
