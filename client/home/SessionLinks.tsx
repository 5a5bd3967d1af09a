import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../shared/protocol.ts';
import type { CreateSessionResponse } from '../../shared/schemas.ts';

export function SessionLinks({ created }: { created: CreateSessionResponse }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<string | null>(null);
  const absolute = (path: string) => new URL(path, location.origin).toString();
  const copy = async (role: string, url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(role);
    } catch {
      setCopied(null);
    }
  };
  return (
    <section aria-labelledby="links-title" className="stack">
      <h2 id="links-title">{t('create.linksTitle')}</h2>
      <p>{t('create.linksIntro')}</p>
      <ul className="links">
        {ROLES.map((role) => {
          const url = absolute(created.links[role]);
          return (
            <li key={role} className="card">
              <h3>{t(`create.link.${role}`)}</h3>
              <p className="hint">{t(`create.linkHint.${role}`)}</p>
              <input readOnly value={url} aria-label={t(`create.link.${role}`)} data-testid={`link-${role}`} onFocus={(e) => e.target.select()} />
              <div className="row">
                <button type="button" onClick={() => void copy(role, url)}>
                  {copied === role ? t('create.copied') : t('create.copy')}
                </button>
                <a href={url} target={role === 'host' ? undefined : '_blank'} rel="noreferrer">
                  {t('create.open')}
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
