import { useTranslation } from 'react-i18next';
import { getQuestions, getShownSection, getStations, getVisitNotes, getDecision, roots } from '../../shared/session/index.ts';
import { Board } from '../board/Board.tsx';
import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { useExternal } from '../hooks/useExternal.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { formatDate } from '../i18n/format.ts';
import { NoteList } from '../phases/visit/NoteList.tsx';
import { ActionPlan } from '../phases/synthesis/ActionPlan.tsx';
import { TopIdeas } from '../phases/synthesis/TopIdeas.tsx';
import { useMeta } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { PresentationReadout, SectionReadout } from '../summary/PresentationReadout.tsx';
import { SessionReadout } from '../summary/SessionReadout.tsx';
import { peopleOf } from '../components/PresenceList.tsx';
import { getFollowUpRound } from '../../shared/session/index.ts';
import { FollowUpRound } from '../followup/FollowUpRound.tsx';

export function ScreenView() {
  const { t, i18n } = useTranslation();
  const { conn, doc, info } = useRoom();
  const meta = useMeta();
  const people = peopleOf(useExternal(conn.presence, (p) => p.entries)).filter((p) => p.role !== 'screen');
  const title = meta.title || info.title;
  const followUpRound = useYValue(roots(doc).meta, () => getFollowUpRound(doc), [doc]) && meta.phase === 'presentation' && !!info.clubId;
  return (
    <div className="screen" data-phase={meta.phase}>
      <header className="screen-header">
        <div>
          <h1>{title}</h1>
          <p>
            {meta.hostCompany || info.hostCompany} · {formatDate(meta.date || info.date, i18n.language)}
          </p>
        </div>
        <div className="screen-phase">
          <p className="screen-phase-name" data-testid="screen-phase">{t(`phases.${meta.phase}.name`)}</p>
          <p>{followUpRound ? t('followUp.title') : t(`phases.${meta.phase}.rule`)}</p>
        </div>
        <div className="screen-meta">
          <ConnectionBadge save={conn.save} />
          <p>{t('presence.title', { count: people.length })}</p>
        </div>
      </header>
      <main className="screen-body">
        <ScreenPhase />
      </main>
    </div>
  );
}

function ScreenPhase() {
  const { t } = useTranslation();
  const { doc, info } = useRoom();
  const r = roots(doc);
  const phase = useMeta().phase;
  const followUpRound = useYValue(r.meta, () => getFollowUpRound(doc), [doc]);
  const shown = useYValue(r.presentation, () => getShownSection(doc), [doc]);
  const notes = useYValue([r.visitNotes, r.stations], () => getVisitNotes(doc), [doc]);
  const stations = useYValue(r.stations, () => getStations(doc), [doc]);
  const questions = useYValue(r.questions, () => getQuestions(doc), [doc]);
  const decision = useYValue(r.decision, () => getDecision(doc), [doc]);
  // A club session opens with the follow-up of the earlier sessions' actions.
  if (followUpRound && phase === 'presentation' && info.clubId) return <FollowUpRound large />;
  switch (phase) {
    case 'presentation':
      return shown ? <SectionReadout doc={doc} section={shown} headingLevel={2} /> : <PresentationReadout doc={doc} />;
    case 'visit':
      return <NoteList notes={notes} stations={stations} readOnly />;
    case 'questions':
      return (
        <ol className="screen-questions">
          {questions.map((q) => (
            <li key={q.id} className={`status-${q.status}`}>
              <p className="question-text">{q.text}</p>
              {q.answer && <p className="answer">{t('questions.answerLabel')} {q.answer}</p>}
            </li>
          ))}
        </ol>
      );
    case 'brainstorm':
      return <Board readOnly />;
    case 'synthesis':
      return (
        <div className="stack">
          <TopIdeas onPick={null} />
          <ActionPlan editable={false} draft={null} onDraftUsed={() => undefined} />
          <section className="card">
            <h3>{t('synthesis.decision')}</h3>
            <p className="decision-text">{decision}</p>
          </section>
        </div>
      );
    case 'closed':
      return <SessionReadout />;
  }
}
