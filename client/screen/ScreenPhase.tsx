// What the screen shows in each phase, following the host's focus while it holds.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activeFocus, getActionItems, getDecision, getGroups, getQuestionSupport, getQuestions, getShownSection, getStickies, questionQueue, rankGroups,
  rankStickies, roots, tally, tiedBeyond, tiedWord, topWithTies,
} from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { useFocus } from '../facilitation/hooks.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { formatDate } from '../i18n/format.ts';
import { useMeta } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { SectionReadout } from '../summary/PresentationReadout.tsx';
import { FollowUpRound } from '../followup/FollowUpRound.tsx';
import { useFollowUpRoundOn } from '../followup/useFollowUpRoundOn.ts';
import { ownerLabels } from '../phases/synthesis/owner-labels.ts';
import { useClosingRound } from '../phases/synthesis/ClosingRound.tsx';
import { BrainstormScreen } from './BrainstormScreen.tsx';
import { ClosingRoundScreen } from './ClosingRoundScreen.tsx';
import { VisitScreen } from './VisitScreen.tsx';
import { useFitToHeight } from './useFitToHeight.ts';

export function ScreenPhase({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const focus = activeFocus(useFocus(), phase);
  const followUpRound = useFollowUpRoundOn(phase);
  const shown: Phase = focus ? focus.phase : phase;
  // A club session opens with the follow-up of the earlier sessions' actions.
  if (followUpRound && !focus) return <FollowUpRound large />;
  return (
    <>
      {shown !== phase && (
        <p className="screen-looking-back" data-testid="screen-looking-back">
          {t('screenView.hostShows', { what: t(`phases.${shown}.name`) })}
        </p>
      )}
      <PhaseScreen phase={shown} focus={focus} />
    </>
  );
}

function PhaseScreen({ phase, focus }: { phase: Phase; focus: ReturnType<typeof activeFocus> }) {
  switch (phase) {
    case 'presentation':
      return <PresentationScreen section={focus?.kind === 'section' ? focus.section : null} />;
    case 'visit':
      return <VisitScreen />;
    case 'questions':
      return <QuestionsScreen focus={focus} />;
    case 'brainstorm':
      return <BrainstormScreen focus={focus} />;
    case 'synthesis':
      return <SynthesisOrClosingRound />;
    case 'closed':
      // What the room leaves with, at the screen's size: the action plan and the decision
      // (the whole summary is for phones and for later, which the screen says).
      return <SynthesisScreen closed />;
  }
}

function PresentationScreen({ section }: { section: import('../../shared/session/index.ts').PresentationSection | null }) {
  const { i18n } = useTranslation();
  const { doc, info } = useRoom();
  const meta = useMeta();
  const shownSection = useYValue(roots(doc).presentation, () => getShownSection(doc), [doc]);
  const current = section ?? shownSection;
  if (current) {
    return (
      <div className="screen-section">
        <SectionReadout doc={doc} section={current} headingLevel={2} />
      </div>
    );
  }
  return (
    <div className="screen-welcome">
      <p className="screen-welcome-company">{meta.hostCompany || info.hostCompany}</p>
      <p className="screen-welcome-host">{meta.hostName || info.hostName}</p>
      <p className="screen-welcome-date">{formatDate(meta.date || info.date, i18n.language)}</p>
    </div>
  );
}

/** The question in course, the last answer and the queue stand whole, down to half the type. */
const QUESTION_FIT_STEPS: readonly number[] = [1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5];

function QuestionsScreen({ focus }: { focus: ReturnType<typeof activeFocus> }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const questions = useYValue(r.questions, () => getQuestions(doc), [doc]);
  const support = useYValue(r.questionSupport, () => getQuestionSupport(doc), [doc]);
  const queue = questionQueue(questions, support);
  // The one the host is answering, while it waits; else the first of the queue. Two "moi
  // aussi" on another switched the screen to it under the host's answer.
  const answering = focus?.kind === 'question' ? queue.find((q) => q.id === focus.questionId) : undefined;
  const [current, ...rest] = answering ? [answering, ...queue.filter((q) => q !== answering)] : queue;
  // The host's written answer, the latest, for the room to read what is kept: an answered
  // question left the screen with its answer, which the room never saw.
  const lastAnswered = questions
    .filter((q) => q.status === 'answered' && q.answer.trim() !== '' && q.answeredAt !== null)
    .sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0];
  const deferred = questions.filter((q) => q.status === 'deferred').length;
  const metoo = (id: string) => support[id]?.length ?? 0;
  // A question of 400 characters filled the screen, the answer under it cut at the edge.
  const fitted = useRef<HTMLDivElement>(null);
  useFitToHeight(fitted, QUESTION_FIT_STEPS);
  // The element is there from the start, empty or not: the fit measures the one it first saw.
  return (
    <div ref={fitted} className="screen-questions" data-testid="screen-questions">
      {current ? (
        <section className="screen-current-question" aria-labelledby="current-question">
          <p className="screen-kicker" id="current-question">{t('questionQueue.current')}</p>
          <p className="screen-question-text" data-testid="screen-current-question">{current.text}</p>
          <p className="screen-byline">
            {current.authorName}
            {metoo(current.id) > 0 && <> · {t('questionQueue.metooCount', { count: metoo(current.id) })}</>}
          </p>
        </section>
      ) : (
        <p className="screen-empty">{t('screenView.noQuestions')}</p>
      )}
      {lastAnswered && (
        <section className="screen-last-answer" aria-labelledby="last-answer" data-testid="screen-last-answer">
          <p className="screen-kicker" id="last-answer">{t('screenView.lastAnswer')}</p>
          <p className="screen-answered-question">{lastAnswered.text}</p>
          <p className="screen-answer-text">{lastAnswered.answer}</p>
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="question-queue">
          <p className="screen-kicker" id="question-queue">{t('questionQueue.queue')}</p>
          <ol className="screen-queue" data-testid="screen-question-queue">
            {rest.slice(0, 5).map((q) => (
              <li key={q.id}>
                <span>{q.text}</span>
                {metoo(q.id) > 0 && <span className="screen-count">+{metoo(q.id)}</span>}
              </li>
            ))}
          </ol>
          {/* In words: "+4" read as four more "moi aussi", as the counts beside the questions. */}
          {rest.length > 5 && <p className="screen-byline" data-testid="screen-more-questions">{t('screenView.moreQuestions', { count: rest.length - 5 })}</p>}
        </section>
      )}
      {deferred > 0 && <p className="screen-byline" data-testid="screen-deferred">{t('screenView.deferred', { count: deferred })}</p>}
    </div>
  );
}

/** The Synthèse's plan, or its closing round while the host runs it. */
function SynthesisOrClosingRound() {
  return useClosingRound().open ? <ClosingRoundScreen /> : <SynthesisScreen closed={false} />;
}

function SynthesisScreen({ closed }: { closed: boolean }) {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const r = roots(doc);
  const actions = useYValue([r.actions, r.participants], () => getActionItems(doc), [doc]);
  const owners = ownerLabels(actions);
  const decision = useYValue(r.decision, () => getDecision(doc), [doc]);
  // While the plan is written, the ideas the vote put first stay in sight, beside it: the
  // ideas always, as on the host's Synthèse (the groups of a round on groups were listed
  // under "Idées les plus votées", whatever the host set to vote on last); and the groups,
  // under their own heading, once a round on groups has points (ranked by it alone).
  const { ideas, groups } = useYValue(
    [r.votes, r.stickies, r.groups, r.board],
    () => {
      if (closed) return { ideas: NO_TOP, groups: NO_TOP };
      const t = tally(doc);
      const ideaRows = rankStickies(getStickies(doc), t).map((s) => ({ id: s.sticky.id, text: s.sticky.text, votes: s.votes, rank: s.rank }));
      const groupList = getGroups(doc);
      const onGroups = groupList.some((g) => (t.bySticky[g.id] ?? 0) > 0);
      const groupRows = onGroups ? rankGroups(groupList, getStickies(doc), t).map((g) => ({ id: g.group.id, text: g.group.title, votes: g.votes, rank: g.rank })) : [];
      return { ideas: topOf(ideaRows, TOP_IDEAS), groups: topOf(groupRows, TOP_GROUPS) };
    },
    [doc, closed],
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  const withTop = ideas.top.length + groups.top.length > 0;
  const fitted = useRef<HTMLDivElement>(null);
  useFitToHeight(fitted);
  return (
    <div ref={fitted} className={`screen-synthesis${withTop ? ' with-top' : ''}`} data-testid="screen-synthesis">
      {closed && (
        <p className="screen-kicker" data-testid="screen-closed">
          {t('screenView.closed')}
        </p>
      )}
      {withTop && (
        <div className="screen-tops">
          {ideas.top.length > 0 && <TopList id="screen-top" title={t('screenView.topIdeas')} rows={ideas} testId="screen-top-ideas" moreTestId="screen-top-more-tied" />}
          {groups.top.length > 0 && <TopList id="screen-top-groups" title={t('screenView.topGroups')} rows={groups} testId="screen-top-groups" moreTestId="screen-top-groups-more-tied" />}
        </div>
      )}
      <div className="screen-plan">
        <section aria-labelledby="screen-actions">
          <h2 id="screen-actions">{t('synthesis.actions')}</h2>
          {actions.length === 0 ? (
            <p className="screen-empty">{t('screenView.noActions')}</p>
          ) : (
            <ol className="screen-actions" data-testid="screen-actions">
              {actions.map((a) => (
                <li key={a.id}>
                  <span className="screen-action-text">{a.text}</span>
                  <span className="screen-byline">
                    {/* No owner yet reads "À définir", as on the host's plan and in the summary. */}
                    {t('screenView.owner', { name: (a.ownerId && owners.get(a.ownerId)) || t('synthesis.noOwner') })}
                    {a.due && <> · {t('screenView.due', { date: formatDate(a.due, i18n.language) })}</>}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        {decision && (
          <section aria-labelledby="screen-decision">
            <h2 id="screen-decision">{t('screenView.decision')}</h2>
            <p className="screen-decision">{decision}</p>
          </section>
        )}
      </div>
    </div>
  );
}

/** The ideas the Synthèse screen keeps in sight beside the plan. */
const TOP_IDEAS = 5;
/** The groups, after a round on them. */
const TOP_GROUPS = 3;

interface TopRow { readonly id: string; readonly text: string; readonly votes: number; readonly rank: number }
interface Top { readonly top: ReadonlyArray<TopRow & { readonly tied: boolean }>; readonly moreTied: number }
const NO_TOP: Top = { top: [], moreTied: 0 };

/** The first `n` rows with points, ties at the edge kept, and how many more tie beyond. */
function topOf(ranked: readonly TopRow[], n: number): Top {
  const voted = ranked.filter((row) => row.votes > 0);
  return { top: topWithTies(voted, n), moreTied: tiedBeyond(voted, n) };
}

function TopList({ id, title, rows, testId, moreTestId }: { id: string; title: string; rows: Top; testId: string; moreTestId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby={id} className="screen-top">
      <h2 id={id}>{title}</h2>
      <ol data-testid={testId}>
        {rows.top.map((row) => (
          <li key={row.id}>
            {/* Equal points share a rank, said as such ("2 points · ex aequo"), as on every device
                and in the summary; beside the points, not the rank: "4 ex aequo" made the rank
                column 120 px wide, and the ideas wrapped in what was left. */}
            <span className="screen-rank">{row.rank}</span>
            <span>
              <span className="screen-top-text">{row.text}</span>{' '}
              <span className="screen-byline">
                {t('board.votes', { count: row.votes })}
                {row.tied && <> · {tiedWord(i18n.language === 'en' ? 'en' : 'fr')}</>}
              </span>
            </span>
          </li>
        ))}
      </ol>
      {rows.moreTied > 0 && <p className="screen-byline" data-testid={moreTestId}>{t('screenView.moreTied', { count: rows.moreTied })}</p>}
    </section>
  );
}
