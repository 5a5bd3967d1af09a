import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubCredential } from '../../shared/club.ts';
import type { CreateSessionResponse } from '../../shared/schemas.ts';
import { localToday } from '../i18n/format.ts';
import { clubSessionPath } from '../router.ts';
import { apiProblemText } from '../sync/api-problem.ts';
import { keepSessionLinks } from '../sync/kept-links.ts';
import { createClubSession } from './club-api.ts';

/** A member creates the club's next session; he hosts it, the others join from this page. */
export function NewClubSession({ credential, onCreated }: { credential: ClubCredential; onCreated: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ title: '', hostCompany: '', date: localToday() });
  const [created, setCreated] = useState<CreateSessionResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Kept on this device: the host finds the screen link again in his room (*Liens et participants*).
  useEffect(() => {
    if (created) keepSessionLinks(created.id, created.links);
  }, [created]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await createClubSession(credential, form));
      onCreated();
    } catch (err) {
      setError(t('create.failed', { error: apiProblemText(t, err, { labels: { title: t('create.fields.title'), hostCompany: t('create.fields.hostCompany'), date: t('create.fields.date') } }) }));
    }
  };
  const field = (name: keyof typeof form, type = 'text') => (
    <div className="field">
      <label htmlFor={`club-new-${name}`}>{t(`create.fields.${name}`)}</label>
      <input id={`club-new-${name}`} type={type} required maxLength={200} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </div>
  );
  return (
    <section className="card no-print new-club-session" aria-labelledby="new-session-title">
      <h2 id="new-session-title">{t('club.newSession')}</h2>
      {created ? (
        <div className="stack">
          <p>{t('club.sessionCreated')}</p>
          <p className="row">
            <a className="button-link" href={clubSessionPath(credential.clubId, created.id)}>
              {t('club.openSession')}
            </a>
            <a href={created.links.screen} target="_blank" rel="noreferrer">
              {t('create.link.screen')}
            </a>
          </p>
          <p className="hint">{t('club.screenLinkKept')}</p>
        </div>
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          {field('title')}
          {field('hostCompany')}
          {field('date', 'date')}
          <p className="hint">{t('club.newSessionHint')}</p>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit" className="primary">
            {t('create.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
