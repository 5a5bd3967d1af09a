// The only place that names the Yjs root types of a session document. Every collection is
// a root type (never a shared type nested at a fixed key), because two replicas creating the
// same nested type concurrently would each make their own and one would be lost on merge.
// Entities inside a collection are nested Y.Maps under a fresh unique id, which is safe.
import * as Y from 'yjs';
import type { PresentationSection } from './types.ts';

export const CURRENT_SCHEMA_VERSION = 3;

export const ROOT = {
  meta: 'meta',
  phaseHistory: 'phaseHistory',
  facilitators: 'facilitators',
  participants: 'participants',
  presentation: 'presentation',
  stations: 'stations',
  visitNotes: 'visitNotes',
  questions: 'questions',
  board: 'board',
  stickies: 'stickies',
  groups: 'groups',
  votes: 'votes',
  actions: 'actions',
  decision: 'decision',
  learnings: 'learnings',
  facilitation: 'facilitation',
  hands: 'hands',
  questionSupport: 'questionSupport',
} as const;

/** Root name of a presentation section's XmlFragment, e.g. `presentation.problem`. */
export function presentationRootName(section: PresentationSection): string {
  return `presentation.${section}`;
}

export type EntityMap = Y.Map<unknown>;

export interface SessionRoots {
  /** title, hostCompany, hostName, date, schemaVersion, phase, createdAt */
  readonly meta: Y.Map<unknown>;
  /** append-only log of plain PhaseChange objects */
  readonly phaseHistory: Y.Array<unknown>;
  /** participantId -> { name, grantedAt } */
  readonly facilitators: Y.Map<unknown>;
  /** participantId -> { name, role, joinedAt } */
  readonly participants: Y.Map<unknown>;
  /** shownSection */
  readonly presentation: Y.Map<unknown>;
  /** stationId -> Y.Map { name, order, createdAt } */
  readonly stations: Y.Map<unknown>;
  /** noteId -> Y.Map { authorId, authorName, stationId, kind, text, at } */
  readonly visitNotes: Y.Map<unknown>;
  /** questionId -> Y.Map { authorId, authorName, text, askedAt, answer, answeredAt, status } */
  readonly questions: Y.Map<unknown>;
  /** privateWriting, voteBudget, votingOpen, hideCounts, voteTarget, votingClosedAt, votingBy, anonymous */
  readonly board: Y.Map<unknown>;
  /** stickyId -> Y.Map { text: Y.Text, authorId, authorName, x, y, color, groupId, createdAt, hidden } */
  readonly stickies: Y.Map<unknown>;
  /** groupId -> Y.Map { title, createdAt, createdById } */
  readonly groups: Y.Map<unknown>;
  /** voteId -> plain { voterId, voterName, stickyId, seq, at } */
  readonly votes: Y.Map<unknown>;
  /** actionId -> Y.Map { text, ownerId, ownerName, due, status, sourceStickyIds, createdAt } */
  readonly actions: Y.Map<unknown>;
  /** the host's decision, in his words */
  readonly decision: Y.Text;
  /** `${participantId}/brought` | `${participantId}/takeAway` -> plain { text, name, at } */
  readonly learnings: Y.Map<unknown>;
  /** written by the server only: `timer.<phase>`, focus, speaker, joinPanel (plain values) */
  readonly facilitation: Y.Map<unknown>;
  /** written by the server only: participantId -> plain { name, raisedAt } */
  readonly hands: Y.Map<unknown>;
  /** `${questionId}/${participantId}` -> plain { name, at }: "moi aussi" on a question */
  readonly questionSupport: Y.Map<unknown>;
}

export function roots(doc: Y.Doc): SessionRoots {
  return {
    meta: doc.getMap(ROOT.meta),
    phaseHistory: doc.getArray(ROOT.phaseHistory),
    facilitators: doc.getMap(ROOT.facilitators),
    participants: doc.getMap(ROOT.participants),
    presentation: doc.getMap(ROOT.presentation),
    stations: doc.getMap(ROOT.stations),
    visitNotes: doc.getMap(ROOT.visitNotes),
    questions: doc.getMap(ROOT.questions),
    board: doc.getMap(ROOT.board),
    stickies: doc.getMap(ROOT.stickies),
    groups: doc.getMap(ROOT.groups),
    votes: doc.getMap(ROOT.votes),
    actions: doc.getMap(ROOT.actions),
    decision: doc.getText(ROOT.decision),
    learnings: doc.getMap(ROOT.learnings),
    facilitation: doc.getMap(ROOT.facilitation),
    hands: doc.getMap(ROOT.hands),
    questionSupport: doc.getMap(ROOT.questionSupport),
  };
}

/** The XmlFragment a Tiptap editor binds to: `Collaboration.configure({ fragment })`. */
export function getPresentationFragment(doc: Y.Doc, section: PresentationSection): Y.XmlFragment {
  return doc.getXmlFragment(presentationRootName(section));
}

/** A nested entity map, or undefined when the id is unknown or holds something else. */
export function entity(collection: Y.Map<unknown>, id: string): EntityMap | undefined {
  const value = collection.get(id);
  return value instanceof Y.Map ? (value as EntityMap) : undefined;
}

/** Every entity of a collection with its id, skipping values that are not maps. */
export function entities(collection: Y.Map<unknown>): Array<[string, EntityMap]> {
  const out: Array<[string, EntityMap]> = [];
  collection.forEach((value, id) => {
    if (value instanceof Y.Map) out.push([id, value as EntityMap]);
  });
  return out;
}

/** Run writes as one transaction (one update on the wire); nested calls join the outer one. */
export function write<T>(doc: Y.Doc, fn: () => T, origin?: unknown): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, origin);
  return result;
}
