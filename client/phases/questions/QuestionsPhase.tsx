import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { askQuestion, getQuestionSupport, getQuestions, questionQueue, roots } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { useDeviceDraft } from '../../room/useDeviceDraft.ts';
import { QuestionItem } from './QuestionItem.tsx';

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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    askQuestion(doc, me, text.trim());
    setText('');
  };
  const answered = questions.filter((q) => q.status === 'answered').length;
  return (
    <section className="phase questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('phases.questions.name')}</h2>
      {canAsk && (
        <form className="card stack" onSubmit={submit}>
          <label htmlFor="new-question">{t('questions.ask')}</label>
          <textarea id="new-question" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
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
