import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubCredential, CreateClubResponse } from '../../shared/club.ts';
import { joinCodeOfToken } from '../../shared/join-code.ts';
import { LinkField } from '../components/LinkField.tsx';
import { absoluteLink, keepClubLinks, keptClubLinks, tokenOfLink } from '../sync/kept-links.ts';
import { apiProblemText } from '../sync/api-problem.ts';
import { renewClubInvite } from './club-api.ts';

/**
 * The links of a club just created: the admin link (*Ouvrir* in a new tab, so that this page
 * and its invite link stay) and the invite link, each to copy. This device keeps them: its
 * admin finds them again on the club's page.
 */
export function NewClubLinks({ created }: { created: CreateClubResponse }) {
  const { t } = useTranslation();
  useEffect(() => keepClubLinks(created.id, created.links), [created]);
  return (
    <>
      <ul className="links">
        {(['admin', 'invite'] as const).map((kind) => (
          <li key={kind} className="card">
            <h3>{t(`club.link.${kind}`)}</h3>
            <p className="hint">{t(`club.linkHint.${kind}`)}</p>
            <LinkField label={t(`club.link.${kind}`)} url={absoluteLink(created.links[kind])} testId={`club-link-${kind}`} open={kind === 'admin'} />
          </li>
        ))}
      </ul>
      <p className="hint">{t('club.linksKept')}</p>
    </>
  );
}

/**
 * On the club's page, for an admin: the club's links this device kept, and *Renouveler le
 * lien d'invitation* (the server keeps only hashes, so a link nobody kept is renewed, never
 * read back). `inviteCheck` (the server's, for admins) tells whether the kept invite link is
 * still the current one: renewed on another device, it opens nothing and is not shown.
 */
export function ClubAdminLinks({ credential, inviteCheck }: { credential: ClubCredential; inviteCheck: string | null | undefined }) {
  const { t } = useTranslation();
  const { clubId } = credential;
  const [kept, setKept] = useState(() => keptClubLinks(clubId));
  const [renewedCheck, setRenewedCheck] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = renewedCheck ?? inviteCheck ?? null;
  const inviteToken = tokenOfLink(kept.invite);
  const inviteCurrent = inviteToken !== null && check !== null && joinCodeOfToken(inviteToken) === check;

  const renew = async () => {
    if (!window.confirm(t('club.confirmRenewInvite'))) return;
    setBusy(true);
    setError(null);
    try {
      const { link } = await renewClubInvite(credential);
      keepClubLinks(clubId, { invite: link });
      setKept(keptClubLinks(clubId));
      setRenewedCheck(joinCodeOfToken(tokenOfLink(link) ?? ''));
    } catch (err) {
      setError(t('club.renewFailed', { error: apiProblemText(t, err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack no-print" aria-labelledby="club-links-title" data-testid="club-links">
      <h2 id="club-links-title">{t('club.linksTitle')}</h2>
      {kept.admin && (
        <div className="stack">
          <h3>{t('club.link.admin')}</h3>
          <p className="hint">{t('club.linkHint.admin')}</p>
          <LinkField label={t('club.link.admin')} url={absoluteLink(kept.admin)} testId="club-link-admin" />
        </div>
      )}
      <div className="stack">
        <h3>{t('club.link.invite')}</h3>
        {inviteCurrent && kept.invite ? (
          <>
            <p className="hint">{t('club.linkHint.invite')}</p>
            <LinkField label={t('club.link.invite')} url={absoluteLink(kept.invite)} testId="club-link-invite" />
          </>
        ) : (
          <p className="hint" data-testid="club-invite-unknown">
            {t(kept.invite ? 'club.inviteRenewedElsewhere' : 'club.inviteNotKept')}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="button" onClick={() => void renew()} disabled={busy} data-testid="renew-invite">
          {t('club.renewInvite')}
        </button>
      </div>
    </section>
  );
}
