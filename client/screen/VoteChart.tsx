// The results of a voting round: a ranked bar chart of ideas or groups, the last round's or,
// on a device, an earlier one's.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getVotingSettings, rankedGroups, rankedStickies, roots, roundTally, roundsWithPoints } from '../../shared/session/index.ts';
import { sameValue } from '../hooks/same-value.ts';
import type { VoteTarget } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

const ROWS = 8;
/** The groups said under a chart of ideas, most points first. */
const GROUPS_SAID = 3;

export function VoteChart({ target, pickable = false }: { target: VoteTarget; pickable?: boolean }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  // Each round has its own results: the last one's by default; on a device, the earlier
  // rounds' are a tap away (a run-off's ranking is not its sum with the round before).
  const current = useYValue(r.board, () => getVotingSettings(doc).round, [doc]);
  const open = useYValue(r.board, () => getVotingSettings(doc).open, [doc]);
  const withPoints = useYValue([r.votes, r.stickies, r.groups, r.board], () => roundsWithPoints(doc), [doc], sameValue);
  const rounds = [...new Set([...withPoints, current])].sort((a, b) => a - b);
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => setPicked(null), [current]);
  // A round closed with no point given leaves the latest with points in sight, said so: the
  // screen (which has no "Vote 1" to press) showed "Aucun vote" in place of the results.
  const latest = withPoints.filter((n) => n < current).at(-1);
  const fellBack = !open && !withPoints.includes(current) && latest !== undefined ? latest : null;
  const round = picked !== null && rounds.includes(picked) ? picked : (fellBack ?? current);
  // A round on ideas ranks the ideas, and says under them what their groups add up to; a
  // round on groups ranks the groups. In one list, a group's sum of its ideas' points came
  // before the ideas that made it, and the rows added up to more points than were given.
  const { voted, byGroup } = useYValue([r.votes, r.stickies, r.groups, r.board], () => {
    const groupRows = rankedGroups(doc, round);
    const groups = groupRows.map((g) => ({ id: g.group.id, label: g.group.title, votes: g.votes, group: true }));
    const ideas = rankedStickies(doc, round).map((s) => ({ id: s.sticky.id, label: s.sticky.text, votes: s.votes, group: false }));
    // An earlier round is of the kind its points are on; the last one, of what it was opened on.
    const points = roundTally(doc, round).bySticky;
    const kind = round === current ? target : groupRows.some((g) => (points[g.group.id] ?? 0) > 0) ? 'groups' : 'stickies';
    return {
      voted: (kind === 'groups' ? groups : ideas).filter((row) => row.votes > 0),
      byGroup: kind === 'groups' ? [] : groups.filter((g) => g.votes > 0).slice(0, GROUPS_SAID),
    };
  }, [doc, target, round, current]);
  // Rounds are said by their place among those listed: "Vote 2" is the second.
  const place = rounds.indexOf(round) + 1;
  // The first rows; how many more got points is said below them (one was dropped unsaid).
  const shown = voted.slice(0, ROWS);
  const more = voted.length - shown.length;
  const max = Math.max(1, ...shown.map((row) => row.votes));
  return (
    <section className="vote-chart" aria-labelledby="vote-chart-title" data-testid="vote-chart">
      <h2 id="vote-chart-title">{rounds.length > 1 ? t('voting.resultsOfRound', { round: place }) : t('voting.results')}</h2>
      {pickable && rounds.length > 1 && (
        <div className="vote-rounds" role="group" aria-label={t('voting.rounds')} data-testid="vote-rounds">
          {rounds.map((n, i) => (
            <button key={n} type="button" className="secondary" aria-pressed={n === round} onClick={() => setPicked(n)}>
              {t('voting.roundButton', { round: i + 1 })}
            </button>
          ))}
        </div>
      )}
      {fellBack !== null && round === fellBack && (
        <p className="screen-byline" data-testid="vote-empty-round">{t('voting.emptyRound')}</p>
      )}
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
