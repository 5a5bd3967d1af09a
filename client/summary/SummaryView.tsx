// A session's summary as a page to read (phone first) and to print: every section of the
// record, from the summary JSON, with the words of a search highlighted.
import { NOTE_KINDS, PRESENTATION_SECTIONS, STRINGS, longDate, type Lang, type SessionSummary } from '../../shared/session/index.ts';
import { Marked } from '../club/Marked.tsx';
import { useScrollEdges } from '../hooks/useScrollEdges.ts';
import { IdeasChart } from './IdeasChart.tsx';

const Text = ({ text, query }: { text: string; query: string }) => (
  <>
    {text.split(/\n{2,}/).map((p, i) => (
      <p key={i}>
        <Marked text={p} query={query} />
      </p>
    ))}
  </>
);

export function SummaryView({ summary, lang, query }: { summary: SessionSummary; lang: Lang; query: string }) {
  const s = STRINGS[lang];
  const edges = useScrollEdges<HTMLDivElement>();
  const none = <p className="hint">{s.none(summary.phase === 'closed')}</p>;
  const notes = NOTE_KINDS.filter((k) => summary.visit.observations[k].length > 0);
  const questions = [...summary.questions.answered, ...summary.questions.deferred, ...summary.questions.open];
  return (
    <article className="summary stack" lang={lang}>
      <section className="card" aria-labelledby="sum-problem">
        <h2 id="sum-problem">{s.presentation}</h2>
        {PRESENTATION_SECTIONS.filter((k) => summary.presentation[k].trim()).map((k) => (
          <div key={k} data-testid={`summary-${k}`}>
            <h3>{s.sections[k]}</h3>
            <Text text={summary.presentation[k]} query={query} />
          </div>
        ))}
        {PRESENTATION_SECTIONS.every((k) => !summary.presentation[k].trim()) && none}
      </section>

      <section className="card" aria-labelledby="sum-visit">
        <h2 id="sum-visit">{s.visit}</h2>
        {notes.length === 0 && none}
        {notes.map((k) => (
          <div key={k} className={`kind-${k}`}>
            <h3>{s.kinds[k]}</h3>
            <ul>
              {summary.visit.observations[k].map((n, i) => (
                <li key={i}>
                  <Marked text={n.text} query={query} /> <span className="hint">({[n.station, n.author].filter(Boolean).join(', ')})</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="sum-questions">
        <h2 id="sum-questions">{s.questions}</h2>
        {questions.length === 0 && none}
        <dl className="qa">
          {questions.map((q, i) => (
            <div key={i}>
              <dt>
                {q.question} <span className="hint">({q.askedBy})</span>
              </dt>
              <dd>{q.answer.trim() ? q.answer : <em className="hint">{s.noAnswer[q.status]}</em>}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="sum-ideas">
        <h2 id="sum-ideas">{s.brainstorm}</h2>
        <IdeasChart summary={summary} s={s} query={query} lang={lang} />
      </section>

      <section className="card" aria-labelledby="sum-actions">
        <h2 id="sum-actions">{s.actionPlan}</h2>
        {summary.actionPlan.length === 0 ? (
          none
        ) : (
          <table className="action-table" data-testid="summary-actions">
            <thead>
              <tr>
                <th scope="col">{s.action}</th>
                <th scope="col">{s.owner}</th>
                <th scope="col">{s.due}</th>
                <th scope="col">{s.status}</th>
              </tr>
            </thead>
            <tbody>
              {summary.actionPlan.map((a, i) => (
                <tr key={i}>
                  <td data-label={s.action}>
                    <Marked text={a.text} query={query} />
                  </td>
                  <td data-label={s.owner}>{a.owner || s.noOwner}</td>
                  <td data-label={s.due} className="nowrap">{a.due ? longDate(a.due, lang) : '—'}</td>
                  <td data-label={s.status}>
                    <span className="nowrap">{s.actionStatus[a.status]}</span>
                    {/* Its owner's word with his latest follow-up, weeks after the session. */}
                    {a.note.trim() && <span className="hint action-note"> {s.quoted(a.note)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="sum-decision">
        <h2 id="sum-decision">{s.decision}</h2>
        {summary.decision.trim() ? <blockquote className="decision-text">{summary.decision}</blockquote> : none}
      </section>

      <section className="card" aria-labelledby="sum-learnings">
        <h2 id="sum-learnings">{s.learnings}</h2>
        {summary.learnings.length === 0 && none}
        {summary.learnings.map((l, i) => (
          <div key={i}>
            <h3>{l.name}</h3>
            {l.brought.trim() && (
              <p>
                <strong>{s.brought}{lang === 'fr' ? ' :' : ':'}</strong> {l.brought}
              </p>
            )}
            {l.takeAway.trim() && (
              <p>
                <strong>{s.takeAway}{lang === 'fr' ? ' :' : ':'}</strong> {l.takeAway}
              </p>
            )}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="sum-contributions">
        <h2 id="sum-contributions">{s.contributions}</h2>
        {summary.contributions.length === 0 ? (
          none
        ) : (
          <div className="table-scroll scroll-row" tabIndex={0} role="region" aria-labelledby="sum-contributions" ref={edges}>
            <table className="contributions" data-testid="summary-contributions">
              <thead>
                <tr>
                  {s.contributionHeader.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.contributions.map((c) => (
                  <tr key={c.participantId}>
                    <th scope="row">{c.name}</th>
                    {[c.visitNotes, c.questions, c.ideas, c.votes, c.actionsOwned, c.learning ? '✓' : ''].map((value, i) => (
                      <td key={i} data-label={s.contributionHeader[i + 1]}>{value}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
