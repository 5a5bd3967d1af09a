import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { activeFocus, answerQuestion, can, editQuestion, removeQuestion, setQuestionStatus, supportQuestion, withdrawSupport } from '../../../shared/session/index.ts';
import type { Question } from '../../../shared/session/index.ts';
import { useFocus } from '../../facilitation/hooks.ts';
import { useRuleState } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { isSecondHalf, pressOf, type Press } from '../../hooks/useJustChanged.ts';

/**
 * When the host last pressed one of a question's buttons. Its buttons go with the press (the
 * question answered, put off, taken out), the next question's slide under the pointer, and
 * the second half of a double click (or Enter pressed twice) marked that one too: it is no
 * press of its own (isSecondHalf).
 */
let lastPress: Press | null = null;

export function QuestionItem({ question: q, canAnswer, supporters }: { question: Question; canAnswer: boolean; supporters: readonly string[] }) {
  const { t } = useTranslation();
  const { conn, doc, me } = useRoom();
  const rules = useRuleState();
  // The one the host is answering: the screen's *Question en cours* while it waits.
  const focus = activeFocus(useFocus(), rules.phase);
  const inCourse = q.status === 'open' && focus?.kind === 'question' && focus.questionId === q.id;
  const mine = supporters.includes(me.participantId);
  // "Moi aussi" is the members' (the rules refuse the host's: the questions are put to him).
  const canSupport = q.status === 'open' && q.authorId !== me.participantId && can(me, rules, { kind: 'supportQuestion', participantId: me.participantId }).ok;
  const [answer, setAnswer] = useState(q.answer);
  const [editing, setEditing] = useState(false);
  // Its author rewords or withdraws it while it waits; the host takes out a duplicate (the
  // rules allowed both, and no device offered them).
  const canEdit = q.status === 'open' && can(me, rules, { kind: 'editQuestion', authorId: q.authorId }).ok;
  const canReword = canEdit && q.authorId === me.participantId;
  const [rewording, setRewording] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const reword = (event: FormEvent) => {
    event.preventDefault();
    const text = rewording?.trim();
    if (text) editQuestion(doc, q.id, text);
    setRewording(null);
  };
  const answerId = `answer-${q.id}`;
  // Done with it (answered, or put off): the screen goes back to the queue's first.
  const release = () => {
    if (inCourse) conn.presence.facilitate({ kind: 'focus', target: null });
  };
  // Its buttons went with the press (answered, put off, taken out) and the focus fell to the
  // page's body: a keyboard or a screen reader lost its place fifteen times in a room. It goes
  // to the next waiting question (read aloud by its words), else back to this one.
  const item = useRef<HTMLLIElement>(null);
  const pressed = (event: { readonly detail: number }, act: () => void) => {
    if (isSecondHalf(event, lastPress)) return;
    lastPress = pressOf(event);
    act();
  };
  const moveOn = () => {
    const list = item.current?.closest('ol');
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const next = [...(list?.querySelectorAll<HTMLElement>('li[data-status="open"]') ?? [])].find((li) => li !== item.current);
      (next ?? (item.current?.isConnected ? item.current : null))?.focus();
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) return;
    answerQuestion(doc, q.id, answer.trim());
    release();
    setEditing(false);
    moveOn();
  };
  const showForm = canAnswer && (q.status !== 'answered' || editing);
  return (
    <li ref={item} tabIndex={-1} className={`card question status-${q.status}`} data-testid="question" data-status={q.status}>
      <div className="card-header">
        <h3 className="question-text">{q.text}</h3>
        <span className={q.status === 'answered' ? 'tag ok' : 'tag'}>{t(`questions.${q.status}`)}</span>
        {inCourse && <span className="tag in-course" data-testid="question-in-course">{t('questionQueue.current')}</span>}
      </div>
      {rewording !== null && (
        <form className="stack" onSubmit={reword}>
          <label htmlFor={`reword-${q.id}`}>{t('questions.reword')}</label>
          <textarea id={`reword-${q.id}`} value={rewording} maxLength={1000} autoFocus onChange={(e) => setRewording(e.target.value)} />
          <div className="row">
            <button type="submit" className="primary" disabled={!rewording.trim()}>
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setRewording(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <div className="row">
        <p className="hint">{t('questions.askedBy', { name: q.authorName })}</p>
        {supporters.length > 0 && <span className="tag" data-testid="metoo-count">{t('questionQueue.metooCount', { count: supporters.length })}</span>}
        {canSupport && (
          <button
            type="button"
            className="small"
            aria-pressed={mine}
            onClick={() => (mine ? withdrawSupport(doc, q.id, me.participantId) : supportQuestion(doc, q.id, me))}
          >
            {mine ? t('questionQueue.withdraw') : t('questionQueue.metoo')}
          </button>
        )}
        {canAnswer && q.status === 'open' && (
          <button
            type="button"
            className="small"
            onClick={(e) =>
              pressed(e, () => {
                setQuestionStatus(doc, q.id, 'answered');
                release();
                moveOn();
              })
            }
          >
            {t('questionQueue.markAnswered')}
          </button>
        )}
        {canReword && rewording === null && (
          <button type="button" className="small" onClick={() => setRewording(q.text)}>
            {t('common.edit')} <span className="visually-hidden">{q.text}</span>
          </button>
        )}
        {canEdit && !removing && (
          <button type="button" className="small" onClick={(e) => pressed(e, () => setRemoving(true))}>
            {t('questions.remove')} <span className="visually-hidden">{q.text}</span>
          </button>
        )}
        {canEdit && removing && (
          <>
            <button type="button" className="small danger" onClick={(e) =>
                pressed(e, () => {
                  moveOn();
                  removeQuestion(doc, q.id);
                })
              }>
              {t('questions.confirmRemove')}
            </button>
            <button type="button" className="small" onClick={() => setRemoving(false)}>
              {t('common.cancel')}
            </button>
          </>
        )}
        {canAnswer && q.status === 'deferred' && (
          <button type="button" className="small" onClick={(e) => pressed(e, () => setQuestionStatus(doc, q.id, 'open'))}>
            {t('questionQueue.reopen')}
          </button>
        )}
      </div>
      {q.answer && !editing && (
        <p className="answer">
          <strong>{t('questions.answerLabel')} </strong>
          {q.answer}
        </p>
      )}
      {showForm && (
        <form className="stack" onSubmit={submit}>
          <label htmlFor={answerId}>{t('questions.answer')}</label>
          {/* Answering it puts it on the screen, whatever "moi aussi" the others give meanwhile. */}
          <textarea
            id={answerId}
            value={answer}
            maxLength={2000}
            onChange={(e) => setAnswer(e.target.value)}
            onFocus={() => {
              if (q.status === 'open' && !inCourse) conn.presence.facilitate({ kind: 'focus', target: { kind: 'question', questionId: q.id } });
            }}
          />
          <div className="row">
            <button type="submit" className="primary" disabled={!answer.trim()}>
              {t('questions.sendAnswer')}
            </button>
            {q.status === 'open' && (
              <button
                type="button"
                onClick={(e) =>
                  pressed(e, () => {
                    answerQuestion(doc, q.id, answer.trim(), { status: 'deferred' });
                    release();
                    moveOn();
                  })
                }
              >
                {t('questions.defer')}
              </button>
            )}
          </div>
        </form>
      )}
      {canAnswer && q.status === 'answered' && !editing && (
        <button type="button" className="small" onClick={() => { setAnswer(q.answer); setEditing(true); }}>
          {t('common.edit')}
        </button>
      )}
    </li>
  );
}
