import { useTranslation } from 'react-i18next';
import { Board } from '../../board/Board.tsx';
import { HostNotebook } from '../../notebook/HostNotebook.tsx';
import { VotingBar } from '../../facilitation/VotingBar.tsx';
import { useRoom } from '../../room/room-context.ts';

export default function BrainstormPhase() {
  const { t } = useTranslation();
  const { conn } = useRoom();
  // What leaders show the room's screen is on the board itself: "Montrer ma vue" among the
  // zoom tools, each group's "Montrer" in the group list. On a row of their own above the
  // board, they pushed the host's board below his laptop's first screen.
  return (
    <section className="phase brainstorm" aria-labelledby="brainstorm-title">
      <h2 id="brainstorm-title" className="visually-hidden">{t('phases.brainstorm.name')}</h2>
      <VotingBar />
      {conn.notebook ? (
        // The host listens first: his notebook beside the board on a wide screen (below it
        // on a narrow one), the ideas to sort on top.
        <div className="brainstorm-listen">
          <Board />
          <aside className="brainstorm-notebook" aria-label={t('notebook.title')}>
            <HostNotebook notebook={conn.notebook.doc} />
          </aside>
        </div>
      ) : (
        <Board />
      )}
    </section>
  );
}
