// The results of a voting round: a ranked bar chart of ideas or groups.
import { useTranslation } from 'react-i18next';
import { rankedGroups, rankedStickies, roots } from '../../shared/session/index.ts';
import type { VoteTarget } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

const ROWS = 8;
/** The groups said under a chart of ideas, most points first. */
const GROUPS_SAID = 3;

export function VoteChart({ target }: { target: VoteTarget }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  // A round on ideas ranks the ideas, and says under them what their groups add up to; a
  // round on groups ranks the groups. In one list, a group's sum of its ideas' points came
  // before the ideas that made it, and the rows added up to more points than were given.
  const { voted, byGroup } = useYValue([r.votes, r.stickies, r.groups, r.board], () => {
    const groups = rankedGroups(doc).map((g) => ({ id: g.group.id, label: g.group.title, votes: g.votes, group: true }));
    const ideas = rankedStickies(doc).map((s) => ({ id: s.sticky.id, label: s.sticky.text, votes: s.votes, group: false }));
    return {
      voted: (target === 'groups' ? groups : ideas).filter((row) => row.votes > 0),
      byGroup: target === 'groups' ? [] : groups.filter((g) => g.votes > 0).slice(0, GROUPS_SAID),
    };
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
      {byGroup.length > 0 && (
        <p className="screen-byline" data-testid="vote-by-group">
          {t('voting.byGroup', { list: byGroup.map((g) => `${g.label} ${g.votes}`).join(' · ') })}
        </p>
      )}
    </section>
  );
}
