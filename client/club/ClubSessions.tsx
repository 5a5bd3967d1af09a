import { useTranslation } from 'react-i18next';
import { SESSION_STAGES, type ClubSession } from '../../shared/club.ts';
import { formatDate } from '../i18n/format.ts';
import { clubSessionPath, clubSummaryPath } from '../router.ts';

/** The club's sessions: upcoming, live, closed, newest first in each. */
export function ClubSessions({ clubId, sessions }: { clubId: string; sessions: readonly ClubSession[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('club.sessions')}</h2>
      {sessions.length === 0 && <p className="hint">{t('club.noSessions')}</p>}
      {SESSION_STAGES.map((stage) => {
        const list = sessions.filter((s) => s.stage === stage);
        if (list.length === 0) return null;
        return (
          <div key={stage} className="stack">
            <h3>{t(`club.stage.${stage}`)}</h3>
            <ul className="plain-list session-list" data-testid={`sessions-${stage}`}>
              {list.map((s) => (
                <li key={s.id}>
                  <a href={s.stage === 'closed' ? clubSummaryPath(clubId, s.id) : clubSessionPath(clubId, s.id)}>{s.title}</a>
                  <span className="hint">
                    {' '}
                    · {s.hostCompany} · <time dateTime={s.date}>{formatDate(s.date, i18n.language)}</time>
                    {s.stage === 'live' && ` · ${t(`phases.${s.phase}.name`)}`}
                  </span>
                  {s.stage !== 'closed' && (
                    <a className="button-link enter-link" href={clubSessionPath(clubId, s.id)}>
                      {t('club.enter')}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
