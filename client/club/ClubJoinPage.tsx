import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUB_FIELD_MAX } from '../../shared/club.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { clubPath } from '../router.ts';
import { apiProblem, apiProblemText } from '../sync/api-problem.ts';
import { joinClub } from './club-api.ts';
import { saveCredential, savedCredential } from './club-credentials.ts';

/** `/c/<club>/join?token=`: the admin or invite link, opened once with a name. */
export default function ClubJoinPage({ clubId, token }: { clubId: string; token: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // This device is already a member: it stays that member, and the admin link makes it an
  // admin (it was silently left a plain member). Whatever the link, on to the club's page.
  const saved = savedCredential(clubId);
  useEffect(() => {
    if (!saved) return;
    const onward = () => location.replace(clubPath(clubId));
    joinClub(clubId, token, saved.name, saved.credential).then((updated) => {
      saveCredential(updated);
      onward();
    }, onward);
    // Once, for the link opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (saved) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      saveCredential(await joinClub(clubId, token, name.trim()));
      history.replaceState(null, '', clubPath(clubId));
      location.replace(clubPath(clubId));
    } catch (err) {
      // A renewed invite link (or a mistyped one): say what to do, not the server's words.
      if (apiProblem(err).kind === 'refused') setError(t('club.linkRefused'));
      else setError(t('club.joinFailed', { error: apiProblemText(t, err, { labels: { name: t('join.nameLabel') }, notFound: t('club.joinNotFound') }) }));
      setBusy(false);
    }
  };
  return (
    <main className="page narrow">
      <LanguageSwitch />
      <h1>{t('club.joinTitle')}</h1>
      <p className="lead">{t('club.joinIntro')}</p>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label htmlFor="club-name">{t('join.nameLabel')}</label>
        <input id="club-name" autoComplete="name" required maxLength={CLUB_FIELD_MAX.memberName} value={name} onChange={(e) => setName(e.target.value)} />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('club.join')}
        </button>
      </form>
    </main>
  );
}
