import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A link handed out: the address to read, *Copier*, and *Ouvrir* (in a new tab, so that the
 * page that shows the links stays: opened in the same tab, the links were gone with it).
 */
export function LinkField({ label, url, testId, open = false }: { label: string; url: string; testId: string; open?: boolean }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [url]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // On a plain http:// address (a laptop on the room's network) browsers give no
      // clipboard API: the field's own text is selected and copied.
      const el = field.current;
      if (!el) return setCopied(false);
      el.focus();
      el.select();
      setCopied(document.execCommand('copy'));
    }
  };
  return (
    <>
      <input ref={field} readOnly value={url} aria-label={label} data-testid={testId} onFocus={(e) => e.target.select()} />
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          {copied ? t('create.copied') : t('create.copy')}
        </button>
        {open && (
          <a className="button-link" href={url} target="_blank" rel="noreferrer">
            {t('create.open')}
          </a>
        )}
      </div>
    </>
  );
}
