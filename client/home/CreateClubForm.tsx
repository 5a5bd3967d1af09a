import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUB_FIELD_MAX, type CreateClubResponse } from '../../shared/club.ts';
import { createClub } from '../club/club-api.ts';
import { NewClubLinks } from '../club/ClubLinks.tsx';
import { ApiError } from '../sync/api.ts';
import { apiProblemText } from '../sync/api-problem.ts';

/** Creates a club; its admin link and member invite link are shown, and kept on this device. */
export function CreateClubForm() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: '', network: '' });
  const [created, setCreated] = useState<CreateClubResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await createClub(form));
    } catch (err) {
      // The same budget per address as creating a session: the same words, in the page's language.
      if (err instanceof ApiError && err.status === 429) setError(t('create.tooMany', { seconds: err.retryAfterS ?? 60 }));
      else setError(t('club.createFailed', { error: apiProblemText(t, err, { labels: { name: t('club.fields.name'), network: t('club.fields.network') } }) }));
    }
  };
  return (
    <section className="card stack" aria-labelledby="new-club-title">
      <h2 id="new-club-title">{t('club.create')}</h2>
      <p className="hint">{t('club.createIntro')}</p>
      {created ? (
        <NewClubLinks created={created} />
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          {(['name', 'network'] as const).map((field) => (
            <div key={field} className="field">
              <label htmlFor={`club-${field}`}>{t(`club.fields.${field}`)}</label>
              <input id={`club-${field}`} required maxLength={CLUB_FIELD_MAX[field]} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
            </div>
          ))}
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit">{t('club.createSubmit')}</button>
        </form>
      )}
    </section>
  );
}
