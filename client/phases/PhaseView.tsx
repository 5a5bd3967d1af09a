import { lazy, Suspense } from 'react';
import type { Phase } from '../../shared/session/index.ts';
import { Loading } from '../components/Loading.tsx';
import { cacheAssetsNow } from '../sync/offline-shell.ts';
import BrainstormPhase from './brainstorm/BrainstormPhase.tsx';
import ClosedPhase from './closed/ClosedPhase.tsx';
import QuestionsPhase from './questions/QuestionsPhase.tsx';
import SynthesisPhase from './synthesis/SynthesisPhase.tsx';
import VisitPhase from './visit/VisitPhase.tsx';

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
    case 'visit':
      return <VisitPhase />;
    case 'questions':
      return <QuestionsPhase />;
    case 'brainstorm':
      return <BrainstormPhase />;
    case 'synthesis':
      return <SynthesisPhase />;
    case 'closed':
      return <ClosedPhase />;
  }
}
