import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addStation, addVisitNote, answerQuestion, askQuestion, editQuestion, getQuestions, getQuestionSupport, getStations, getVisitNotes, questionQueue,
  removeStation, removeQuestion, setQuestionStatus, supportQuestion, updateStation, updateVisitNote, withdrawSupport,
} from '../../../shared/session/index.ts';

const marc = { participantId: 'm', name: 'Marc' };
const nadia = { participantId: 'n', name: 'Nadia' };

describe('visit', () => {
  it('orders stations by their order, appending new ones', () => {
    const doc = new Y.Doc();
    addStation(doc, 'Atelier', { id: 'a', at: 1 });
    addStation(doc, 'Bureau d’études', { id: 'b', at: 2 });
    addStation(doc, 'Accueil', { id: 'c', at: 3, order: -1 });
    expect(getStations(doc).map((s) => [s.name, s.order])).toEqual([['Accueil', -1], ['Atelier', 0], ['Bureau d’études', 1]]);
    updateStation(doc, 'a', { name: 'Atelier décolletage' });
    expect(getStations(doc)[1]?.name).toBe('Atelier décolletage');
  });

  it('keeps notes with author, station, kind and time, in time order', () => {
    const doc = new Y.Doc();
    addStation(doc, 'Atelier', { id: 'a' });
    addVisitNote(doc, nadia, { stationId: 'a', kind: 'risk', text: 'Pas de salle propre' }, { id: 'n2', at: 20 });
    addVisitNote(doc, marc, { stationId: 'a', kind: 'strength', text: '40 tours' }, { id: 'n1', at: 10 });
    updateVisitNote(doc, 'n1', { kind: 'idea' });
    expect(getVisitNotes(doc)).toEqual([
      { id: 'n1', authorId: 'm', authorName: 'Marc', stationId: 'a', kind: 'idea', text: '40 tours', at: 10 },
      { id: 'n2', authorId: 'n', authorName: 'Nadia', stationId: 'a', kind: 'risk', text: 'Pas de salle propre', at: 20 },
    ]);
    removeStation(doc, 'a');
    expect(getVisitNotes(doc).map((n) => n.stationId)).toEqual([null, null]);
  });

  it('merges notes taken offline on two phones when they reconnect', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addVisitNote(a, marc, { stationId: null, kind: 'strength', text: 'A' }, { at: 1 });
    addVisitNote(b, nadia, { stationId: null, kind: 'risk', text: 'B' }, { at: 2 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getVisitNotes(a).map((n) => n.text)).toEqual(['A', 'B']);
    expect(getVisitNotes(b)).toEqual(getVisitNotes(a));
  });
});

describe('questions', () => {
  it('records the host answer and status', () => {
    const doc = new Y.Doc();
    const q = askQuestion(doc, marc, 'Quel budget ?', { id: 'q1', at: 5 });
    expect(getQuestions(doc)[0]).toEqual({
      id: 'q1', authorId: 'm', authorName: 'Marc', text: 'Quel budget ?', askedAt: 5, answer: '', answeredAt: null, status: 'open',
    });
    answerQuestion(doc, q, '1,2 M€', { at: 9 });
    expect(getQuestions(doc)[0]).toMatchObject({ answer: '1,2 M€', answeredAt: 9, status: 'answered' });
    setQuestionStatus(doc, q, 'deferred');
    expect(getQuestions(doc)[0]?.status).toBe('deferred');
  });

  it('lets a question be reworded, and removed', () => {
    const doc = new Y.Doc();
    const q = askQuestion(doc, marc, 'Quel budget ?', { id: 'q1', at: 5 });
    askQuestion(doc, nadia, 'Quels délais ?', { id: 'q2', at: 6 });
    editQuestion(doc, q, 'Quel budget pour 2027 ?');
    expect(getQuestions(doc).map((x) => x.text)).toEqual(['Quel budget pour 2027 ?', 'Quels délais ?']);
    removeQuestion(doc, q);
    expect(getQuestions(doc).map((x) => x.id)).toEqual(['q2']);
    editQuestion(doc, q, 'trop tard'); // gone: nothing comes back
    expect(getQuestions(doc).map((x) => x.id)).toEqual(['q2']);
  });

  it('ignores an answer to an unknown question', () => {
    const doc = new Y.Doc();
    answerQuestion(doc, 'nope', 'x');
    expect(getQuestions(doc)).toEqual([]);
  });
});

describe('the question queue', () => {
  it('puts the questions most members want answered first, then the oldest; answered and deferred ones leave it', () => {
    const doc = new Y.Doc();
    const first = askQuestion(doc, marc, 'Quelle part de l’hydrogène ?', { at: 1 });
    const second = askQuestion(doc, nadia, 'Quels concurrents ?', { at: 2 });
    const third = askQuestion(doc, marc, 'Quel budget ?', { at: 3 });
    const queue = () => questionQueue(getQuestions(doc), getQuestionSupport(doc)).map((q) => q.id);
    expect(queue()).toEqual([first, second, third]);
    supportQuestion(doc, third, nadia);
    expect(queue()).toEqual([third, first, second]);
    supportQuestion(doc, second, marc);
    supportQuestion(doc, second, { participantId: 'l', name: 'Luc' });
    expect(queue()).toEqual([second, third, first]);
    withdrawSupport(doc, second, 'l');
    withdrawSupport(doc, second, 'm');
    expect(queue()).toEqual([third, first, second]);
    setQuestionStatus(doc, third, 'answered');
    setQuestionStatus(doc, first, 'deferred');
    expect(queue()).toEqual([second]);
    setQuestionStatus(doc, first, 'open');
    expect(queue()).toEqual([first, second]);
  });
});
