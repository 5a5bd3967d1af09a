import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClubView } from '../../shared/club.ts';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { clubPath } from '../router.ts';
import { ApiError } from '../sync/api.ts';
import { fetchClub } from './club-api.ts';
import { listenToClub, withChange } from './club-live.ts';
import { ClubActions } from './ClubActions.tsx';
import { ClubAdminLinks } from './ClubLinks.tsx';
import { ClubSearch } from './ClubSearch.tsx';
import { ClubSessions } from './ClubSessions.tsx';
import { NewClubSession } from './NewClubSession.tsx';
import { NotAMember } from './NotAMember.tsx';
import { useClubCredential } from './useClubCredential.ts';

/** `/c/<club>`: the club's home: search, its sessions, its open actions by owner, its members. */
export default function ClubPage({ clubId }: { clubId: string }) {
  const { t } = useTranslation();
  const credential = useClubCredential(clubId);
  const [view, setView] = useState<ClubView | null>(null);
  const [failure, setFailure] = useState<'unauthorized' | 'notFound' | 'server' | null>(null);
  const load = useCallback(() => {
    if (!credential) return;
    fetchClub(credential)
      .then(setView)
      .catch((err: unknown) => setFailure(err instanceof ApiError && err.status === 401 ? 'unauthorized' : err instanceof ApiError && err.status === 404 ? 'notFound' : 'server'));
  }, [credential]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!credential) return;
    // Owners update their actions from here or from a session's follow-up round: live for all.
    return listenToClub(clubId, credential.credential, (change) => setView((v) => (v ? { ...v, openActions: withChange(v.openActions, change) } : v)));
  }, [clubId, credential]);
  useEffect(() => {
    if (view) document.title = `${view.name} · Entraide`;
  }, [view]);

  if (!credential) return <NotAMember />;
  if (failure) return <ErrorPage reason={failure} />;
  if (!view) return <Loading />;
  return (
    <main className="page club-page stack">
      <header className="club-header">
        <div>
          <h1>{view.name}</h1>
          <p className="hint">
            {view.network} · {t('club.you', { name: view.me.name })} ·{' '}
            <a href={`${clubPath(clubId)}/me`}>{t('club.myLearnings')}</a>
          </p>
        </div>
        <LanguageSwitch />
      </header>
      <ClubSearch credential={credential} />
      <div className="club-columns">
        <div className="stack">
          <ClubSessions clubId={clubId} sessions={view.sessions} />
          <NewClubSession credential={credential} onCreated={load} />
        </div>
        <div className="stack">
          <ClubActions credential={credential} actions={view.openActions} onChange={(a) => setView({ ...view, openActions: withChange(view.openActions, a) })} />
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">{t('club.members', { count: view.members.length })}</h2>
            <ul className="plain-list" data-testid="club-members">
              {view.members.map((m) => (
                <li key={m.id}>
                  {m.name} {m.role === 'admin' && <span className="tag">{t('club.admin')}</span>}
                </li>
              ))}
            </ul>
          </section>
          {view.me.role === 'admin' && <ClubAdminLinks credential={credential} inviteCheck={view.inviteCheck} />}
        </div>
      </div>
    </main>
  );
}
