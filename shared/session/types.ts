// Plain, read-only views of the session document. Accessors build these from the Y.Doc;
// nothing here is a Yjs type, so React can hold them and tests can compare them.

export const PHASES = ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** Role carried by the access token (one list, in shared/protocol.ts). A facilitator is a member granted inside the document. */
import type { Role } from '../protocol.ts';

export { ROLES, type Role } from '../protocol.ts';

/** A person: participantId is the server's (bound to his personal credential, see docs/security.md), name is for display. */
export interface Person {
  readonly participantId: string;
  readonly name: string;
}

/** Who is acting: rule functions need only participantId and role; writers also record name. */
export interface Actor extends Person {
  readonly role: Role;
}

/** Options every creating writer accepts, so tests and replays are deterministic. */
export interface CreateOptions {
  /** Id of the new entry; a random id when absent. */
  readonly id?: string;
  /** Time in milliseconds since the epoch; Date.now() when absent. */
  readonly at?: number;
}

export interface SessionMeta {
  readonly title: string;
  readonly hostCompany: string;
  readonly hostName: string;
  /** ISO date of the session, `YYYY-MM-DD`. */
  readonly date: string;
  readonly schemaVersion: number;
  readonly phase: Phase;
  readonly createdAt: number;
}

export interface NewSessionMeta {
  readonly title: string;
  readonly hostCompany: string;
  readonly hostName: string;
  readonly date: string;
}

export interface PhaseChange {
  readonly from: Phase;
  readonly to: Phase;
  readonly byId: string;
  readonly byName: string;
  readonly at: number;
}

export interface Facilitator extends Person {
  readonly grantedAt: number;
}

export interface Participant extends Person {
  readonly role: Role;
  readonly joinedAt: number;
}

export const PRESENTATION_SECTIONS = ['context', 'strategy', 'problem', 'helpWanted', 'helpNotWanted'] as const;
/** The host's rich-text sections; helpWanted / helpNotWanted are his request to the group. */
export type PresentationSection = (typeof PRESENTATION_SECTIONS)[number];

export interface VisitStation {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  readonly createdAt: number;
}

export const NOTE_KINDS = ['strength', 'question', 'risk', 'idea'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface VisitNote {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  /** null: a general note, not tied to a station (or its station was removed). */
  readonly stationId: string | null;
  readonly kind: NoteKind;
  readonly text: string;
  readonly at: number;
}

export const QUESTION_STATUSES = ['open', 'answered', 'deferred'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export interface Question {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  readonly askedAt: number;
  readonly answer: string;
  readonly answeredAt: number | null;
  readonly status: QuestionStatus;
}

export const STICKY_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type StickyColor = (typeof STICKY_COLORS)[number];

export interface Sticky {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly x: number;
  readonly y: number;
  readonly color: StickyColor;
  /** Always an existing group or null in this view (a dangling id reads as null). */
  readonly groupId: string | null;
  readonly createdAt: number;
  /** Written while private writing was on and not yet revealed: show it to its author only. */
  readonly hidden: boolean;
}

export interface Group {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly createdById: string;
}

export interface Vote {
  readonly id: string;
  readonly voterId: string;
  readonly voterName: string;
  readonly stickyId: string;
  /** Lamport clock: 1 + the largest seq the voter's replica had seen. */
  readonly seq: number;
  readonly at: number;
  /** The voting round it was given in (`board.voteRound` then); 0 for a vote written without one. */
  readonly round: number;
}

export interface BoardSettings {
  readonly privateWriting: boolean;
  readonly voteBudget: number;
}

export const ACTION_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionItem {
  readonly id: string;
  readonly text: string;
  readonly ownerId: string | null;
  readonly ownerName: string;
  /** ISO date `YYYY-MM-DD` or null. */
  readonly due: string | null;
  readonly status: ActionStatus;
  readonly sourceStickyIds: readonly string[];
  readonly createdAt: number;
}

export interface Learning extends Person {
  readonly brought: string;
  readonly takeAway: string;
  readonly updatedAt: number;
}

/** The whole document as plain data: what the UI renders and the summary is built from. */
export interface SessionView {
  readonly id: string;
  readonly meta: SessionMeta;
  readonly phaseHistory: readonly PhaseChange[];
  readonly facilitators: readonly Facilitator[];
  readonly participants: readonly Participant[];
  readonly shownSection: PresentationSection | null;
  readonly stations: readonly VisitStation[];
  readonly visitNotes: readonly VisitNote[];
  readonly questions: readonly Question[];
  readonly board: BoardSettings;
  /** Voting round and board options (voting.ts). */
  readonly voting: import('./voting.ts').VotingSettings;
  readonly stickies: readonly Sticky[];
  readonly groups: readonly Group[];
  readonly votes: readonly Vote[];
  readonly actionItems: readonly ActionItem[];
  readonly decision: string;
  readonly learnings: readonly Learning[];
}
