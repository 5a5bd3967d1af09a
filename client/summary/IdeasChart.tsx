import { rankLabel, sharedRanks } from '../../shared/session/index.ts';
import type { Lang, SessionSummary, SummaryStrings } from '../../shared/session/index.ts';
import { Marked } from '../club/Marked.tsx';

/** Ranked bars: one per idea or group, as long as its share of the most votes. */
function Bars({ rows, s, query, testId, lang }: { rows: Array<{ key: string; rank: number; label: string; votes: number; detail?: string }>; s: SummaryStrings; query: string; testId: string; lang: Lang }) {
  const most = Math.max(1, ...rows.map((r) => r.votes));
  // Equal votes share a rank, said as such: "1, 2 ex aequo, 2 ex aequo, 4".
  const tied = sharedRanks(rows);
  return (
    <ol className="bar-chart" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key}>
          <span className="bar-rank">{rankLabel(r.rank, tied.has(r.rank), lang)}</span>
          <div className="bar-body">
            <p className="bar-label">
              <Marked text={r.label} query={query} />
              {r.detail && <span className="hint"> · {r.detail}</span>}
            </p>
            <div className="bar-track" aria-hidden="true">
              <div className="bar" style={{ width: `${(100 * r.votes) / most}%` }} />
            </div>
          </div>
          <span className="bar-votes">{s.votes(r.votes)}</span>
        </li>
      ))}
    </ol>
  );
}

export function IdeasChart({ summary, s, query, lang = 'fr' }: { summary: SessionSummary; s: SummaryStrings; query: string; lang?: Lang }) {
  const b = summary.brainstorm;
  return (
    <>
      <p className="hint">{s.brainstormStats(b.ideas, b.voters, b.votesCounted, b.voteBudget, b.voteRounds)}</p>
      {b.voteRounds > 1 && <p className="hint" data-testid="summary-latest-rounds">{s.latestRounds(b.voteRounds)}</p>}
      {b.topIdeas.length > 0 && (
        <>
          <h3>{s.topIdeas}</h3>
          <Bars
            s={s}
            query={query}
            lang={lang}
            testId="ideas-chart"
            rows={b.topIdeas.map((i) => ({ key: i.id, rank: i.rank, label: i.text, votes: i.votes, detail: [i.author, i.group].filter(Boolean).join(' · ') }))}
          />
        </>
      )}
      {b.groups.length > 0 && (
        <>
          <h3>{s.groups}</h3>
          <Bars s={s} query={query} lang={lang} testId="groups-chart" rows={b.groups.map((g) => ({ key: g.id, rank: g.rank, label: g.title, votes: g.votes, detail: g.ideas.join(' ; ') }))} />
        </>
      )}
    </>
  );
}
