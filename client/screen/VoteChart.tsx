// The results of a voting round: a ranked bar chart of ideas or groups.
import { useTranslation } from 'react-i18next';
import { rankedGroups, rankedStickies, roots } from '../../shared/session/index.ts';
import type { VoteTarget } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

const ROWS = 8;

export function VoteChart({ target }: { target: VoteTarget }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const voted = useYValue([r.votes, r.stickies, r.groups, r.board], () => {
    const groups = rankedGroups(doc).map((g) => ({ id: g.group.id, label: g.group.title, votes: g.votes, rank: g.rank, group: true }));
    const ideas = rankedStickies(doc).map((s) => ({ id: s.sticky.id, label: s.sticky.text, votes: s.votes, rank: s.rank, group: false }));
    const all = target === 'groups' ? groups : [...groups, ...ideas].sort((a, b) => b.votes - a.votes);
    return all.filter((row) => row.votes > 0);
  }, [doc, target]);
  // The first rows; how many more got points is said below them (one was dropped unsaid).
  const shown = voted.slice(0, ROWS);
  const more = voted.length - shown.length;
  const max = Math.max(1, ...shown.map((row) => row.votes));
  return (
    <section className="vote-chart" aria-labelledby="vote-chart-title" data-testid="vote-chart">
      <h2 id="vote-chart-title">{t('voting.results')}</h2>
      {shown.length === 0 ? (
        <p className="screen-empty">{t('voting.noVotes')}</p>
      ) : (
        <ol className="vote-bars">
          {shown.map((row) => (
            <li key={row.id} className={row.group ? 'vote-row group' : 'vote-row'} data-testid="vote-row">
              <span className="vote-label">
                {row.group && <span className="vote-kind">{t('voting.group')} · </span>}
                {row.label}
              </span>
              <span className="vote-bar-track">
                <span className="vote-bar" style={{ width: `${(row.votes / max) * 100}%` }} />
              </span>
              <span className="vote-value" data-testid="vote-value">{row.votes}</span>
            </li>
          ))}
        </ol>
      )}
      {more > 0 && <p className="screen-byline" data-testid="vote-more">{t('voting.moreWithPoints', { count: more })}</p>}
    </section>
  );
}
