import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_FIELD_MAX, type CreateSessionResponse } from '../../shared/schemas.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { localToday } from '../i18n/format.ts';
import { JoinCodeForm } from '../join/JoinCodeForm.tsx';
import { ApiError, createSession } from '../sync/api.ts';
import { apiProblemText } from '../sync/api-problem.ts';
import { SessionLinks } from './SessionLinks.tsx';
import { CreateClubForm } from './CreateClubForm.tsx';

/** `/`: create a session, then hand out its three links. */
export function CreateSessionPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreateSessionResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ title: '', hostCompany: '', hostName: '', date: localToday() });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await createSession(form));
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('create.tooMany', { seconds: err.retryAfterS ?? 60 }));
      else setError(t('create.failed', { error: apiProblemText(t, err, { labels: Object.fromEntries(Object.keys(form).map((name) => [name, t(`create.fields.${name}`)])) }) }));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof form, type = 'text') => (
    <div className="field">
      <label htmlFor={`new-${name}`}>{t(`create.fields.${name}`)}</label>
      <input
        id={`new-${name}`}
        name={name}
        type={type}
        required
        maxLength={name === 'date' ? undefined : SESSION_FIELD_MAX[name]}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </div>
  );

  // Most who open this page are members with the code the room's screen shows: joining comes
  // first (it came after the whole new-session form, below the fold on a phone). Once the
  // host has created his session, its links come first.
  const joinByCode = (
    <section className="card stack" aria-labelledby="join-code-title" data-testid="join-by-code">
      <h2 id="join-code-title">{t('joinCode.title')}</h2>
      <JoinCodeForm />
    </section>
  );
  return (
    <main className="page narrow">
      <LanguageSwitch />
      <h1>{t('create.heading')}</h1>
      <p className="lead">{t('create.intro')}</p>
      {created ? (
        <>
          <SessionLinks created={created} />
          {joinByCode}
        </>
      ) : (
        <>
          {joinByCode}
          <section className="card stack" aria-labelledby="new-session-title">
            <h2 id="new-session-title">{t('create.title')}</h2>
            <form className="stack" onSubmit={(e) => void submit(e)}>
              {field('title')}
              {field('hostCompany')}
              {field('hostName')}
              {field('date', 'date')}
              {error && <p className="error" role="alert">{error}</p>}
              <button type="submit" className="primary" disabled={busy}>
                {t('create.submit')}
              </button>
            </form>
          </section>
        </>
      )}
      <CreateClubForm />
    </main>
  );
}
