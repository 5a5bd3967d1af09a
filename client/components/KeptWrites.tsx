import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { KeptWrites as Kept } from '../sync/kept-writes.ts';

/** What the server refused of this person's writing, kept on the device to copy. */
export function KeptWrites({ kept }: { kept: Kept }) {
  const { t } = useTranslation();
  const list = useExternal(kept, (k) => k.list);
  const [copied, setCopied] = useState<string | null>(null);
  if (list.length === 0) return null;
  const copy = (id: string, text: string) => {
    void navigator.clipboard?.writeText(text).then(() => setCopied(id), () => setCopied(null));
  };
  return (
    <section className="kept-writes" aria-labelledby="kept-title">
      <h2 id="kept-title">{t('kept.title')}</h2>
      <p>{t('kept.hint')}</p>
      <ul>
        {list.map((k) => (
          <li key={k.id} data-kept={k.kind}>
            <p className="kept-meta">
              {t(`kept.${k.kind}`)} · {t('kept.reason', { rule: t(`rule.${k.reason}`) })}
            </p>
            <textarea readOnly value={k.text} aria-label={t(`kept.${k.kind}`)} onFocus={(e) => e.currentTarget.select()} />
            <div className="kept-actions">
              <button type="button" onClick={() => copy(k.id, k.text)}>
                {copied === k.id ? t('kept.copied') : t('kept.copy')}
              </button>
              <button type="button" className="small" onClick={() => kept.remove(k.id)}>
                {t('kept.clear')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
