import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberLearnings } from '../../shared/club.ts';
import { queName } from '../../shared/session/index.ts';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { formatDate } from '../i18n/format.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { clubPath, clubSummaryPath } from '../router.ts';
import { fetchLearnings } from './club-api.ts';
import { NotAMember } from './NotAMember.tsx';
import { useClubCredential } from './useClubCredential.ts';

/** `/c/<club>/me`: what I brought and what I took away, session after session. */
export default function LearningsPage({ clubId }: { clubId: string }) {
  const { t, i18n } = useTranslation();
  const credential = useClubCredential(clubId);
  const [data, setData] = useState<MemberLearnings | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (credential) fetchLearnings(credential).then(setData, () => setFailed(true));
  }, [credential]);
  if (!credential) return <NotAMember />;
  if (failed) return <ErrorPage reason="server" />;
  if (!data) return <Loading />;
  return (
    <main className="page narrow stack">
      <LanguageSwitch />
      <p>
        <a href={clubPath(clubId)}>← {t('club.backToClub')}</a>
      </p>
      <h1>{t('club.learningsTitle', { name: data.member.name, queName: queName(data.member.name) })}</h1>
      {data.learnings.length === 0 && <p className="hint">{t('club.noLearnings')}</p>}
      <ol className="plain-list stack" data-testid="my-learnings">
        {data.learnings.map((l) => (
          <li key={l.sessionId} className="card">
            <h2>
              <a href={clubSummaryPath(clubId, l.sessionId)}>{l.sessionTitle}</a>
            </h2>
            <p className="hint">{formatDate(l.sessionDate, i18n.language)}</p>
            {l.brought && (
              <p>
                <strong>{t('synthesis.brought')}</strong> {l.brought}
              </p>
            )}
            {l.takeAway && (
              <p>
                <strong>{t('synthesis.takeAway')}</strong> {l.takeAway}
              </p>
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
