// Clarifying questions by members and the host's answers.
import * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import { byTimeThenId, num, numOrNull, oneOf, record, str } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { QUESTION_STATUSES } from './types.ts';
import type { CreateOptions, Person, Question, QuestionStatus } from './types.ts';

export function askQuestion(doc: Y.Doc, author: Person, text: string, opts?: CreateOptions): string {
  const id = idOf(opts);
  write(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('authorId', author.participantId);
    m.set('authorName', author.name);
    m.set('text', text);
    m.set('askedAt', timeOf(opts));
    m.set('answer', '');
    m.set('answeredAt', null);
    m.set('status', 'open' satisfies QuestionStatus);
    roots(doc).questions.set(id, m);
  });
  return id;
}

/** Record the host's answer; status `answered` by default, or `deferred` ("I'll come back to it"). */
export function answerQuestion(
  doc: Y.Doc,
  id: string,
  answer: string,
  opts?: Pick<CreateOptions, 'at'> & { status?: QuestionStatus },
): void {
  const m = entity(roots(doc).questions, id);
  if (!m) return;
  write(doc, () => {
    m.set('answer', answer);
    m.set('answeredAt', timeOf(opts));
    m.set('status', opts?.status ?? 'answered');
  });
}

export function setQuestionStatus(doc: Y.Doc, id: string, status: QuestionStatus): void {
  entity(roots(doc).questions, id)?.set('status', status);
}

export function editQuestion(doc: Y.Doc, id: string, text: string): void {
  entity(roots(doc).questions, id)?.set('text', text);
}

export function removeQuestion(doc: Y.Doc, id: string): void {
  roots(doc).questions.delete(id);
}

export function getQuestions(doc: Y.Doc): Question[] {
  return entities(roots(doc).questions)
    .map(([id, m]): Question => ({
      id,
      authorId: str(m, 'authorId'),
      authorName: str(m, 'authorName'),
      text: str(m, 'text'),
      askedAt: num(m, 'askedAt'),
      answer: str(m, 'answer'),
      answeredAt: numOrNull(m, 'answeredAt'),
      status: oneOf(m, 'status', QUESTION_STATUSES, 'open'),
    }))
    .sort(byTimeThenId((q) => q.askedAt));
}

const supportKey = (questionId: string, participantId: string) => `${questionId}/${participantId}`;

/** "Moi aussi": a member says he wants this question answered too. Check can() first. */
export function supportQuestion(doc: Y.Doc, questionId: string, person: Person, opts?: Pick<CreateOptions, 'at'>): void {
  roots(doc).questionSupport.set(supportKey(questionId, person.participantId), { name: person.name, at: timeOf(opts) });
}

export function withdrawSupport(doc: Y.Doc, questionId: string, participantId: string): void {
  roots(doc).questionSupport.delete(supportKey(questionId, participantId));
}

/** questionId -> the participant ids who said "moi aussi". */
export function getQuestionSupport(doc: Y.Doc): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  roots(doc).questionSupport.forEach((value, key) => {
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || !record(value)) return;
    (out[key.slice(0, slash)] ??= []).push(key.slice(slash + 1));
  });
  return out;
}

/**
 * The questions still waiting, the most supported first (then the oldest): the order the
 * host takes them in. Answered and deferred ones are left out.
 */
export function questionQueue(questions: readonly Question[], support: Readonly<Record<string, readonly string[]>>): Question[] {
  const count = (q: Question) => support[q.id]?.length ?? 0;
  return questions
    .filter((q) => q.status === 'open')
    .sort((a, b) => count(b) - count(a) || a.askedAt - b.askedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
