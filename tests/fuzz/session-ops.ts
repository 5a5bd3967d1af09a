// Random operations on the session document, drawn from a seeded PRNG. They call the
// public writers without checking the phase rules: convergence must hold whatever a
// (possibly modified) client writes through the API.
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { Actor } from '../../shared/session/index.ts';
import type { Peer } from './network.ts';

/** Peers 1 and 2 are the same member on two devices, to push votes over budget. */
export function actorOf(peerIndex: number): Actor {
  if (peerIndex === 0) return { participantId: 'p-host', name: 'Laurent', role: 'host' };
  const id = peerIndex === 2 ? 1 : peerIndex;
  return { participantId: `p-${id}`, name: `Membre ${id}`, role: 'member' };
}

export interface OpContext {
  readonly gen: prng.PRNG;
  readonly peer: Peer;
  readonly actor: Actor;
  /** Deterministic ids and times for this run. */
  readonly id: () => string;
  readonly at: () => number;
}

type Op = (c: OpContext) => void;

const keys = (map: Y.Map<unknown>): string[] => [...map.keys()].sort();
const pick = (c: OpContext, list: readonly string[]): string | undefined =>
  list.length === 0 ? undefined : prng.oneOf(c.gen, [...list]);
const text = (c: OpContext): string => prng.word(c.gen, 1, 12);

function editedText(c: OpContext, before: string): string {
  const at = prng.int32(c.gen, 0, before.length);
  const del = prng.int32(c.gen, 0, Math.min(3, before.length - at));
  return before.slice(0, at) + (prng.bool(c.gen) ? text(c) : '') + before.slice(at + del);
}

const OPS: ReadonlyArray<readonly [number, string, Op]> = [
  [10, 'addSticky', (c) => {
    const r = S.roots(c.peer.doc);
    S.addSticky(c.peer.doc, c.actor, {
      text: text(c), x: prng.int32(c.gen, 0, 1000), y: prng.int32(c.gen, 0, 1000),
      color: prng.oneOf(c.gen, [...S.STICKY_COLORS]), groupId: prng.bool(c.gen) ? (pick(c, keys(r.groups)) ?? null) : null,
    }, { id: c.id(), at: c.at() });
  }],
  [8, 'editSticky', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stickies));
    const t = id === undefined ? undefined : S.getStickyText(c.peer.doc, id);
    if (id !== undefined && t) S.setStickyText(c.peer.doc, id, editedText(c, t.toString()));
  }],
  [8, 'moveSticky', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stickies));
    if (id !== undefined) S.moveSticky(c.peer.doc, id, prng.int32(c.gen, 0, 1000), prng.int32(c.gen, 0, 1000));
  }],
  [6, 'groupSticky', (c) => {
    const r = S.roots(c.peer.doc);
    const id = pick(c, keys(r.stickies));
    if (id !== undefined) S.setStickyGroup(c.peer.doc, id, prng.bool(c.gen) ? (pick(c, keys(r.groups)) ?? null) : null);
  }],
  [3, 'deleteSticky', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stickies));
    if (id !== undefined) S.deleteSticky(c.peer.doc, id);
  }],
  [3, 'createGroup', (c) => {
    S.createGroup(c.peer.doc, c.actor, text(c), { id: c.id(), at: c.at() });
  }],
  [2, 'renameGroup', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).groups));
    if (id !== undefined) S.renameGroup(c.peer.doc, id, text(c));
  }],
  [1, 'deleteGroup', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).groups));
    if (id !== undefined) S.deleteGroup(c.peer.doc, id);
  }],
  [10, 'castVote', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stickies));
    if (id !== undefined) S.castVote(c.peer.doc, c.actor, id, { id: c.id(), at: c.at() });
  }],
  [3, 'retractVote', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stickies));
    if (id !== undefined) S.retractVote(c.peer.doc, c.actor.participantId, id);
  }],
  [1, 'setVoteBudget', (c) => S.setVoteBudget(c.peer.doc, prng.int32(c.gen, 1, 6))],
  [2, 'privateWriting', (c) => S.setPrivateWriting(c.peer.doc, prng.bool(c.gen))],
  [5, 'addVisitNote', (c) => {
    const r = S.roots(c.peer.doc);
    S.addVisitNote(c.peer.doc, c.actor, {
      stationId: pick(c, keys(r.stations)) ?? null, kind: prng.oneOf(c.gen, [...S.NOTE_KINDS]), text: text(c),
    }, { id: c.id(), at: c.at() });
  }],
  [2, 'editVisitNote', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).visitNotes));
    if (id !== undefined) S.updateVisitNote(c.peer.doc, id, { text: text(c), kind: prng.oneOf(c.gen, [...S.NOTE_KINDS]) });
  }],
  [1, 'addStation', (c) => { S.addStation(c.peer.doc, text(c), { id: c.id(), at: c.at() }); }],
  [1, 'removeStation', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).stations));
    if (id !== undefined) S.removeStation(c.peer.doc, id);
  }],
  [3, 'askQuestion', (c) => { S.askQuestion(c.peer.doc, c.actor, text(c), { id: c.id(), at: c.at() }); }],
  [3, 'answerQuestion', (c) => {
    const id = pick(c, keys(S.roots(c.peer.doc).questions));
    if (id !== undefined) {
      S.answerQuestion(c.peer.doc, id, text(c), { at: c.at(), status: prng.oneOf(c.gen, [...S.QUESTION_STATUSES]) });
    }
  }],
  [2, 'setPhase', (c) => S.setPhase(c.peer.doc, c.actor, prng.oneOf(c.gen, [...S.PHASES]), { at: c.at() })],
  [1, 'grantFacilitator', (c) => S.grantFacilitator(c.peer.doc, actorOf(prng.int32(c.gen, 1, 4)), { at: c.at() })],
  [2, 'showSection', (c) => S.setShownSection(c.peer.doc, prng.oneOf(c.gen, [...S.PRESENTATION_SECTIONS, null]))],
  [3, 'editPresentation', (c) => {
    const frag = S.getPresentationFragment(c.peer.doc, prng.oneOf(c.gen, [...S.PRESENTATION_SECTIONS]));
    if (frag.length > 0 && prng.int32(c.gen, 0, 3) === 0) {
      frag.delete(prng.int32(c.gen, 0, frag.length - 1), 1);
      return;
    }
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text(c))]);
    frag.insert(prng.int32(c.gen, 0, frag.length), [p]);
  }],
  [3, 'actionItem', (c) => {
    const r = S.roots(c.peer.doc);
    const existing = pick(c, keys(r.actions));
    const sources = keys(r.stickies).filter(() => prng.int32(c.gen, 0, 4) === 0);
    if (existing !== undefined && prng.bool(c.gen)) {
      S.updateActionItem(c.peer.doc, existing, { status: prng.oneOf(c.gen, [...S.ACTION_STATUSES]), sourceStickyIds: sources });
    } else {
      S.addActionItem(c.peer.doc, { text: text(c), owner: c.actor, due: '2026-06-30', sourceStickyIds: sources }, { id: c.id(), at: c.at() });
    }
  }],
  [2, 'setDecision', (c) => S.setDecision(c.peer.doc, editedText(c, S.getDecision(c.peer.doc)))],
  [3, 'setLearning', (c) => S.setLearning(c.peer.doc, c.actor, prng.bool(c.gen) ? 'brought' : 'takeAway', text(c), { at: c.at() })],
  [1, 'registerParticipant', (c) => S.registerParticipant(c.peer.doc, c.actor, { at: c.at() })],
  [1, 'migrate', (c) => { S.migrateSessionDocument(c.peer.doc); }],
];

const TOTAL_WEIGHT = OPS.reduce((sum, [w]) => sum + w, 0);

/** Apply one random operation; returns its name, for replay logs. */
export function randomOp(c: OpContext): string {
  let roll = prng.int32(c.gen, 0, TOTAL_WEIGHT - 1);
  for (const [weight, name, op] of OPS) {
    if (roll < weight) {
      op(c);
      return name;
    }
    roll -= weight;
  }
  throw new Error('unreachable: weights');
}
