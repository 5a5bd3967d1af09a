import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubCredential, SearchResponse } from '../../shared/club.ts';
import { formatDate } from '../i18n/format.ts';
import { clubSummaryPath } from '../router.ts';
import { apiProblemText } from '../sync/api-problem.ts';
import { searchClub } from './club-api.ts';
import { Marked } from './Marked.tsx';

/** Search across the club's sessions; each hit links to its summary, the words highlighted. */
export function ClubSearch({ credential }: { credential: ClubCredential }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return;
    setError(null);
    try {
      setResult(await searchClub(credential, query.trim()));
    } catch (err) {
      setError(t('club.searchFailed', { error: apiProblemText(t, err) }));
    }
  };
  return (
    <section className="card club-search" aria-labelledby="search-title">
      <h2 id="search-title">{t('club.search')}</h2>
      <form className="row" role="search" onSubmit={(e) => void submit(e)}>
        <label htmlFor="club-search" className="visually-hidden">
          {t('club.search')}
        </label>
        <input id="club-search" type="search" placeholder={t('club.searchPlaceholder')} value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="primary">
          {t('club.searchButton')}
        </button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <div aria-live="polite">
          <p className="hint" data-testid="search-count">
            {t(result.more ? 'club.hitsFirst' : 'club.hits', { count: result.hits.length, query: result.query })}
          </p>
          <ol className="plain-list search-hits" data-testid="search-hits">
            {result.hits.map((h) => (
              <li key={`${h.sessionId}/${h.kind}/${h.ref}`}>
                <a href={clubSummaryPath(credential.clubId, h.sessionId, result.query)}>
                  <Marked text={h.text} ranges={h.marks} />
                </a>
                <span className="hint">
                  {' '}
                  · {t(`club.kind.${h.kind}`)} · {h.sessionTitle} · {formatDate(h.sessionDate, i18n.language)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
