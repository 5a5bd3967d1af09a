import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { askQuestion, getQuestionSupport, getQuestions, questionQueue, roots } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { useDeviceDraft } from '../../room/useDeviceDraft.ts';
import { QuestionItem } from './QuestionItem.tsx';

/** How much of the question just asked is said back under the field. */
const ASKED_CHARS = 60;

export default function QuestionsPhase() {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const r = roots(doc);
  const questions = useYValue(r.questions, () => getQuestions(doc), [doc]);
  const support = useYValue(r.questionSupport, () => getQuestionSupport(doc), [doc]);
  const canAsk = useCan({ kind: 'askQuestion' }) && me.role !== 'host';
  const canAnswer = useCan({ kind: 'answerQuestion' });
  // Waiting questions first, then the answered and deferred ones. The host takes them the
  // most "moi aussi" first (as the screen does); a member reads them in the order they were
  // asked, which a "moi aussi" does not change: moved up at each tap, a question took the
  // page with it (scrolled from 849 px to the top), or slid under the finger, and the next
  // tap went to another question.
  const waiting = canAnswer ? questionQueue(questions, support) : questions.filter((q) => q.status === 'open');
  const ordered = [...waiting, ...questions.filter((q) => q.status !== 'open')];
  // Kept on the device: the host moving the phase, or a reload, took a half-written question.
  const [text, setText] = useDeviceDraft('question');
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  // The question just asked, said under the field. Its button, disabled by the emptied field,
  // dropped the focus to the page's body, and a screen reader heard nothing but the sync.
  const [asked, setAsked] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    askQuestion(doc, me, trimmed);
    setText('');
    setAsked(trimmed.length > ASKED_CHARS ? `${trimmed.slice(0, ASKED_CHARS - 1)}…` : trimmed);
    fieldRef.current?.focus();
  };
  const answered = questions.filter((q) => q.status === 'answered').length;
  return (
    <section className="phase questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('phases.questions.name')}</h2>
      {canAsk && (
        <form className="card stack" onSubmit={submit}>
          <label htmlFor="new-question">{t('questions.ask')}</label>
          <textarea id="new-question" ref={fieldRef} value={text} maxLength={1000} aria-describedby="question-asked" onChange={(e) => setText(e.target.value)} />
          <p className="hint" id="question-asked" role="status" data-testid="question-asked">
            {asked && t('questions.asked', { text: asked })}
          </p>
          <button type="submit" className="primary" disabled={!text.trim()}>
            {t('questions.post')}
          </button>
        </form>
      )}
      {/* No count over "no question yet": it said "0 question, 0 répondue" above it. */}
      {questions.length > 0 && (
        <p className="hint" data-testid="question-count">{t('questions.count', { count: questions.length })}, {t('questions.answeredCount', { count: answered })}</p>
      )}
      {questions.length === 0 ? (
        <p>{t('questions.empty')}</p>
      ) : (
        <ol className="question-list">
          {ordered.map((q) => (
            <QuestionItem key={q.id} question={q} canAnswer={canAnswer} supporters={support[q.id] ?? []} />
          ))}
        </ol>
      )}
    </section>
  );
}
