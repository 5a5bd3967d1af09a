import { lazy, Suspense } from 'react';
import type { Phase } from '../../shared/session/index.ts';
import { Loading } from '../components/Loading.tsx';
import { cacheAssetsNow } from '../sync/offline-shell.ts';

// Tiptap is heavy: its chunk loads only when the Présentation is on screen.
const PresentationPhase = lazy(() =>
  import('./presentation/PresentationPhase.tsx').then((m) => {
    cacheAssetsNow();
    return m;
  }),
);

export function PhaseView({ phase }: { phase: Phase }) {
  switch (phase) {
    case 'presentation':
      return (
        <Suspense fallback={<Loading />}>
          <PresentationPhase />
        </Suspense>
      );
    default:
      return <p>{phase}</p>;
  }
}
