import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateSessionPage } from './home/CreateSessionPage.tsx';
import { RoomPage } from './room/RoomPage.tsx';
import { routeOf } from './router.ts';
import { Loading } from './components/Loading.tsx';

const ScreenPage = lazy(() => import('./screen/ScreenPage.tsx'));

export function App() {
  const { t } = useTranslation();
  const route = routeOf(window.location);
  switch (route.page) {
    case 'home':
      return <CreateSessionPage />;
    case 'room':
      return <RoomPage sessionId={route.sessionId} token={route.token} />;
    case 'screen':
      return (
        <Suspense fallback={<Loading />}>
          <ScreenPage sessionId={route.sessionId} token={route.token} />
        </Suspense>
      );
    case 'notFound':
      return (
        <main className="page narrow">
          <h1>{t('errors.notFoundTitle')}</h1>
          <p>
            <a href="/">{t('errors.backHome')}</a>
          </p>
        </main>
      );
  }
}
