import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../shared/protocol.ts';
import type { CreateSessionResponse } from '../../shared/schemas.ts';
import { LinkField } from '../components/LinkField.tsx';
import { absoluteLink, keepSessionLinks } from '../sync/kept-links.ts';

/**
 * The three links of a new session. Each opens in a new tab, so this page stays, and this
 * device keeps them (sync/kept-links.ts): the host finds the member and screen links again
 * in his room, under *Liens et participants*.
 */
export function SessionLinks({ created }: { created: CreateSessionResponse }) {
  const { t } = useTranslation();
  useEffect(() => keepSessionLinks(created.id, created.links), [created]);
  // The form, its button with it, made way for the links, and the focus fell to the page's
  // body: it goes to their title, read aloud, from where Tab reaches each link.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) title.current?.focus();
  }, []);
  return (
    <section aria-labelledby="links-title" className="stack">
      <h2 id="links-title" ref={title} tabIndex={-1}>{t('create.linksTitle')}</h2>
      <p>{t('create.linksIntro')}</p>
      <ul className="links">
        {ROLES.map((role) => (
          <li key={role} className="card">
            <h3>{t(`create.link.${role}`)}</h3>
            <p className="hint">{t(`create.linkHint.${role}`)}</p>
            <LinkField label={t(`create.link.${role}`)} url={absoluteLink(created.links[role])} testId={`link-${role}`} open />
          </li>
        ))}
      </ul>
      <p className="hint">{t('create.linksKept')}</p>
    </section>
  );
}
