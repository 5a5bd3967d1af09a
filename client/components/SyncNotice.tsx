import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { SyncRefusals } from '../sync/sync-refusals.ts';

/** What the server refused of this device, said once, in the user's language. */
export function SyncNotice({ refusals }: { refusals: SyncRefusals }) {
  const { t } = useTranslation();
  const notice = useExternal(refusals, (r) => r.notice);
  const rule = useExternal(refusals, (r) => r.rule);
  if (!notice) return null;
  return (
    <div className="sync-notice" role="alert" data-notice={notice} data-rule={notice === 'rule' ? rule : undefined}>
      <p>{notice === 'rule' ? t('rule.refused', { rule: t(`rule.${rule}`) }) : t(`syncNotice.${notice}`)}</p>
      <button type="button" onClick={() => refusals.dismiss()}>
        {t('syncNotice.dismiss')}
      </button>
    </div>
  );
}
