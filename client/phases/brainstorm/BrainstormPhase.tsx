import { useTranslation } from 'react-i18next';
import { Board } from '../../board/Board.tsx';
import { HostNotebook } from '../../notebook/HostNotebook.tsx';
import { VotingBar } from '../../facilitation/VotingBar.tsx';
import { useVoting } from '../../facilitation/hooks.ts';
import { VoteChart } from '../../screen/VoteChart.tsx';
import { useRoom } from '../../room/room-context.ts';

/**
 * On a phone the brainstorm is one long page: the ideas, then the groups, then the host's
 * notebook (with twenty-five ideas, the groups stood 5,700 px down a host's phone, his
 * notebook 6,400). One row at the top takes him to either.
 */
function BrainstormJumps({ notebook }: { notebook: boolean }) {
  const { t } = useTranslation();
  const go = (selector: string) => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return;
    // The notebook is a fold: opened, it is read at once.
    if (target instanceof HTMLDetailsElement && !target.open) target.open = true;
    target.scrollIntoView({ block: 'start' });
    target.querySelector<HTMLElement>('summary, h3')?.focus({ preventScroll: true });
  };
  return (
    <nav className="brainstorm-jumps" aria-label={t('board.jumpTo')} data-testid="brainstorm-jumps">
      <button type="button" className="small" onClick={() => go('.group-panel')}>{t('board.groups')}</button>
      {notebook && <button type="button" className="small" onClick={() => go('[data-testid="host-notebook"]')}>{t('notebook.title')}</button>}
    </nav>
  );
}

export default function BrainstormPhase() {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const voting = useVoting();
  // What leaders show the room's screen is on the board itself: "Montrer ma vue" among the
  // zoom tools, each group's "Montrer" in the group list. On a row of their own above the
  // board, they pushed the host's board below his laptop's first screen.
  return (
    <section className="phase brainstorm" aria-labelledby="brainstorm-title">
      <h2 id="brainstorm-title" className="visually-hidden">{t('phases.brainstorm.name')}</h2>
      <BrainstormJumps notebook={conn.notebook !== null} />
      <VotingBar />
      {/* Once a round closes, everyone reads its ranking where he is, as the screen shows it:
          a phone's list kept the groups' order, each idea with its points, the winners to
          be found by scrolling. */}
      {!voting.open && voting.closedAt !== null && (
        <details className="vote-results card" open data-testid="vote-results">
          <summary>{t('voting.results')}</summary>
          <VoteChart target={voting.target} pickable />
        </details>
      )}
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
