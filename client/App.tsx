import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateSessionPage } from './home/CreateSessionPage.tsx';
import { RoomPage } from './room/RoomPage.tsx';
import { routeOf } from './router.ts';
import { takeLinkToken } from './sync/link-token.ts';
import { Loading } from './components/Loading.tsx';
import { savedCredential } from './club/club-credentials.ts';
import { SummaryPage } from './summary/SummaryPage.tsx';

const ScreenPage = lazy(() => import('./screen/ScreenPage.tsx'));
const ClubJoinPage = lazy(() => import('./club/ClubJoinPage.tsx'));
const ClubPage = lazy(() => import('./club/ClubPage.tsx'));
const ClubSummaryPage = lazy(() => import('./club/ClubSummaryPage.tsx'));
const LearningsPage = lazy(() => import('./club/LearningsPage.tsx'));
const JoinByCodePage = lazy(() => import('./join/JoinByCodePage.tsx'));

export function App() {
  const route = routeOf(window.location, takeLinkToken(window.location));
  switch (route.page) {
    case 'home':
      return <CreateSessionPage />;
    case 'room': {
      // A club session opened from the club's page: the member's own credential is the token.
      const token = route.clubId ? (savedCredential(route.clubId)?.credential ?? route.token) : route.token;
      return <RoomPage sessionId={route.sessionId} token={token} />;
    }
    case 'screen':
      return (
        <Suspense fallback={<Loading />}>
          <ScreenPage sessionId={route.sessionId} token={route.token} />
        </Suspense>
      );
    case 'summary':
      return <SummaryPage sessionId={route.sessionId} token={route.token} />;
    case 'clubJoin':
      return (
        <Suspense fallback={<Loading />}>
          <ClubJoinPage clubId={route.clubId} token={route.token} />
        </Suspense>
      );
    case 'joinCode':
      return (
        <Suspense fallback={<Loading />}>
          <JoinByCodePage code={route.code} />
        </Suspense>
      );
    case 'club':
      return (
        <Suspense fallback={<Loading />}>
          <ClubPage clubId={route.clubId} />
        </Suspense>
      );
    case 'clubSummary':
      return (
        <Suspense fallback={<Loading />}>
          <ClubSummaryPage clubId={route.clubId} sessionId={route.sessionId} query={route.query} />
        </Suspense>
      );
    case 'clubLearnings':
      return (
        <Suspense fallback={<Loading />}>
          <LearningsPage clubId={route.clubId} />
        </Suspense>
      );
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>
        <a className="button-link" href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  );
}
