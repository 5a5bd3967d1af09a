// Phase order and what each phase allows, as pure functions of an actor and a small rule
// state. The UI calls them to show or hide controls; the server calls the same functions
// on every change a client makes to the document (changes.ts, server/sync/UpdateGate.ts)
// and undoes what they refuse. No function here writes.
import * as Y from 'yjs';
import { roots } from './schema.ts';
import { bool, num, record } from './fields.ts';
import { DEFAULT_VOTE_BUDGET, getPhase } from './meta.ts';
import { PHASES } from './types.ts';
import type { Actor, Phase, SessionView } from './types.ts';

/** Only who is acting matters to the rules, not his name. */
export type RuleActor = Pick<Actor, 'participantId' | 'role'>;

/** The part of the document the rules read: build it with ruleStateOf(doc) or by hand. */
export interface RuleState {
  readonly phase: Phase;
  readonly privateWriting: boolean;
  readonly voteBudget: number;
  readonly facilitatorIds: readonly string[];
  /** A voting round is open (votes may be cast or taken back). */
  readonly votingOpen: boolean;
  /**
   * The open round hides its counts: each voter's points go to his own private document
   * until the round closes, and the server moves them onto the board then (votes.ts).
   */
  readonly countsHidden: boolean;
}

export type ActionRequest =
  | { readonly kind: 'setPhase'; readonly to: Phase }
  | { readonly kind: 'editMeta' }
  | { readonly kind: 'grantFacilitator' }
  | { readonly kind: 'editPresentation' }
  | { readonly kind: 'showSection' }
  | { readonly kind: 'editStations' }
  | { readonly kind: 'addVisitNote' }
  | { readonly kind: 'editVisitNote'; readonly authorId: string }
  | { readonly kind: 'askQuestion' }
  | { readonly kind: 'answerQuestion' }
  /** Reword or withdraw a question: its author, or the host. */
  | { readonly kind: 'editQuestion'; readonly authorId: string }
  | { readonly kind: 'addSticky' }
  | { readonly kind: 'editSticky'; readonly authorId: string }
  | { readonly kind: 'deleteSticky'; readonly authorId: string }
  | { readonly kind: 'moveSticky' }
  | { readonly kind: 'editGroups' }
  | { readonly kind: 'createGroup' }
  | { readonly kind: 'groupSticky'; readonly authorId: string }
  | { readonly kind: 'tidyBoard' }
  | { readonly kind: 'setPrivateWriting' }
  | { readonly kind: 'setVoteBudget' }
  | { readonly kind: 'castVote'; readonly votesUsed: number }
  | { readonly kind: 'retractVote'; readonly voterId: string }
  | { readonly kind: 'editActionItems' }
  | { readonly kind: 'setDecision' }
  | { readonly kind: 'setLearning'; readonly participantId: string }
  | { readonly kind: 'runTimer' }
  | { readonly kind: 'giveFloor' }
  | { readonly kind: 'raiseHand'; readonly participantId: string }
  | { readonly kind: 'lead' }
  /** Open or end the closing round, show whose learnings on the screen (closing.ts). */
  | { readonly kind: 'runClosingRound' }
  | { readonly kind: 'runVoting' }
  | { readonly kind: 'setAnonymous' }
  | { readonly kind: 'showJoinPanel' }
  | { readonly kind: 'supportQuestion'; readonly participantId: string };

export type ActionKind = ActionRequest['kind'];

export type DenyReason =
  | 'read-only-role'
  | 'session-closed'
  | 'wrong-phase'
  | 'host-only'
  | 'host-or-facilitator-only'
  | 'not-author'
  | 'not-yourself'
  /** An action given to someone who was never in the session (nor, for a club's session, in its club). */
  | 'unknown-person'
  | 'private-writing'
  | 'vote-budget-exhausted'
  | 'voting-closed'
  | 'invalid-transition'
  | 'same-phase'
  /**
   * A phase move made from a phase the session had already left: another leader moved it a
   * moment before, and both moves left before either saw the other's.
   */
  | 'moved-meanwhile'
  /** A private sticky written while private writing is not on (it ended: the reveal). */
  | 'not-private-writing'
  /** A point put on the board while the round hides its counts (points go to one's own document then). */
  | 'counts-hidden'
  /** A point put in one's own document while the open round shows its counts. */
  | 'counts-shown'
  /** A phase move while a round hides its counts: its points are in the voters' own documents until it closes. */
  | 'vote-open'
  /** Outside the documented roots, or a value of the wrong shape. */
  | 'invalid-write'
  /** Past a content limit (text length, stickies per member). */
  | 'too-long'
  | 'too-many'
  /** The session document is of a newer schema than this server knows: read-only. */
  | 'newer-schema'
  /** "Moi aussi" from the host: the questions are put to him. */
  | 'members-only'
  /** A point on an idea or a group that is not on the board (deleted meanwhile, or never there). */
  | 'no-such-target'
  /** A point on a group in a round on ideas, or on an idea in a round on groups. */
  | 'wrong-target'
  /** A point of a round over (given as it closed, sent in the next), or one of its points taken back. */
  | 'wrong-round';

export type Decision = { readonly ok: true } | { readonly ok: false; readonly reason: DenyReason };

const ALLOW: Decision = { ok: true };
const deny = (reason: DenyReason): Decision => ({ ok: false, reason });

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

export function nextPhase(phase: Phase): Phase | null {
  return PHASES[phaseIndex(phase) + 1] ?? null;
}

export function ruleStateOf(doc: Y.Doc): RuleState {
  const r = roots(doc);
  const facilitatorIds: string[] = [];
  r.facilitators.forEach((value, id) => {
    if (record(value)) facilitatorIds.push(id);
  });
  const votingOpen = bool(r.board, 'votingOpen');
  return {
    phase: getPhase(doc),
    privateWriting: bool(r.board, 'privateWriting'),
    voteBudget: num(r.board, 'voteBudget', DEFAULT_VOTE_BUDGET),
    facilitatorIds,
    votingOpen,
    countsHidden: votingOpen && bool(r.board, 'hideCounts', true),
  };
}

/** The rule state of a snapshot already read with getSession(). */
export function ruleStateFromView(view: Pick<SessionView, 'meta' | 'board' | 'facilitators' | 'voting'>): RuleState {
  return {
    phase: view.meta.phase,
    privateWriting: view.board.privateWriting,
    voteBudget: view.board.voteBudget,
    facilitatorIds: view.facilitators.map((f) => f.participantId),
    votingOpen: view.voting.open,
    countsHidden: view.voting.open && view.voting.hideCounts,
  };
}

export function isHostOrFacilitator(actor: RuleActor, state: RuleState): boolean {
  return actor.role === 'host' || (actor.role === 'member' && state.facilitatorIds.includes(actor.participantId));
}

/** Phases in which an action is open at all, before any role check. */
const OPEN_IN: { readonly [K in ActionKind]: readonly Phase[] } = {
  setPhase: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  editMeta: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  grantFacilitator: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  editPresentation: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  showSection: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  editStations: ['presentation', 'visit'],
  // Notes are taken on the shop floor with a poor network: they may sync a phase or two late.
  addVisitNote: ['presentation', 'visit', 'questions', 'brainstorm'],
  editVisitNote: ['presentation', 'visit', 'questions', 'brainstorm'],
  askQuestion: ['visit', 'questions'],
  answerQuestion: ['visit', 'questions', 'brainstorm', 'synthesis'],
  editQuestion: ['visit', 'questions'],
  addSticky: ['brainstorm'],
  editSticky: ['brainstorm'],
  deleteSticky: ['brainstorm'],
  moveSticky: ['brainstorm', 'synthesis'],
  editGroups: ['brainstorm', 'synthesis'],
  createGroup: ['brainstorm', 'synthesis'],
  groupSticky: ['brainstorm', 'synthesis'],
  tidyBoard: ['brainstorm', 'synthesis'],
  setPrivateWriting: ['brainstorm'],
  setVoteBudget: ['presentation', 'visit', 'questions', 'brainstorm'],
  castVote: ['brainstorm'],
  retractVote: ['brainstorm'],
  editActionItems: ['synthesis'],
  setDecision: ['synthesis'],
  setLearning: ['synthesis'],
  runTimer: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  giveFloor: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  raiseHand: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  lead: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  runClosingRound: ['synthesis'],
  runVoting: ['brainstorm'],
  setAnonymous: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  showJoinPanel: ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis'],
  supportQuestion: ['visit', 'questions'],
};

export function phasesAllowing(kind: ActionKind): readonly Phase[] {
  return OPEN_IN[kind];
}

/**
 * May `actor` do `request` now? Returns a reason code when not. Accepts the document or a
 * rule state (plain data, so the server can evaluate it against a snapshot).
 */
export function can(actor: RuleActor, subject: Y.Doc | RuleState, request: ActionRequest): Decision {
  const state = subject instanceof Y.Doc ? ruleStateOf(subject) : subject;
  if (actor.role === 'screen') return deny('read-only-role');
  if (state.phase === 'closed') return deny('session-closed');
  if (request.kind === 'setPhase') return canSetPhase(actor, state, request.to);
  if (!OPEN_IN[request.kind].includes(state.phase)) return deny('wrong-phase');
  const leads = isHostOrFacilitator(actor, state);
  switch (request.kind) {
    case 'editMeta':
    case 'grantFacilitator':
    case 'editPresentation':
    case 'setDecision':
    case 'answerQuestion':
      return actor.role === 'host' ? ALLOW : deny('host-only');
    case 'showSection':
    case 'editStations':
    case 'setPrivateWriting':
    case 'editActionItems':
    case 'editGroups':
    case 'tidyBoard':
    case 'setVoteBudget':
    case 'runTimer':
    case 'giveFloor':
    case 'lead':
    case 'runClosingRound':
    case 'runVoting':
    case 'setAnonymous':
    case 'showJoinPanel':
      return leads ? ALLOW : deny('host-or-facilitator-only');
    case 'addVisitNote':
    case 'askQuestion':
    case 'addSticky':
    case 'moveSticky':
      return ALLOW;
    // Members make groups and sort their own ideas into them while brainstorming; who
    // renames or deletes a group (editGroups) is the host and the facilitators.
    case 'createGroup':
      return state.phase === 'brainstorm' || leads ? ALLOW : deny('host-or-facilitator-only');
    case 'groupSticky':
      if (leads) return ALLOW;
      if (state.phase !== 'brainstorm') return deny('host-or-facilitator-only');
      return request.authorId === actor.participantId ? ALLOW : deny('not-author');
    case 'editVisitNote':
      return request.authorId === actor.participantId ? ALLOW : deny('not-author');
    case 'editQuestion':
      return request.authorId === actor.participantId || actor.role === 'host' ? ALLOW : deny('not-author');
    case 'editSticky':
    case 'deleteSticky':
      return request.authorId === actor.participantId || leads ? ALLOW : deny('not-author');
    case 'castVote':
      if (state.privateWriting) return deny('private-writing');
      if (!state.votingOpen) return deny('voting-closed');
      return request.votesUsed < state.voteBudget ? ALLOW : deny('vote-budget-exhausted');
    case 'retractVote':
      if (!state.votingOpen) return deny('voting-closed');
      return request.voterId === actor.participantId ? ALLOW : deny('not-yourself');
    case 'supportQuestion':
      // The questions are put to the host: "moi aussi" is the members' way to say which first.
      if (actor.role === 'host') return deny('members-only');
      return request.participantId === actor.participantId ? ALLOW : deny('not-yourself');
    case 'raiseHand':
    case 'setLearning':
      return request.participantId === actor.participantId ? ALLOW : deny('not-yourself');
    default:
      return assertNever(request);
  }
}

/**
 * Host and facilitators move the session forward to any later phase (a club without a
 * visit skips it) or back one step (to reopen questions, say), once private ideas are
 * revealed. `closed` is final.
 */
export function canSetPhase(actor: RuleActor, state: RuleState, to: Phase): Decision {
  if (actor.role === 'screen') return deny('read-only-role');
  if (state.phase === 'closed') return deny('session-closed');
  if (!isHostOrFacilitator(actor, state)) return deny('host-or-facilitator-only');
  if (to === state.phase) return deny('same-phase');
  // Ideas written privately live in each person's own document until the reveal: a move
  // now would leave them there, unseen by the session.
  if (state.privateWriting) return deny('private-writing');
  // Points given in a round with hidden counts are in their voters' own documents until
  // the round closes: it closes first.
  if (state.countsHidden) return deny('vote-open');
  const from = phaseIndex(state.phase);
  const target = phaseIndex(to);
  return target > from || target === from - 1 ? ALLOW : deny('invalid-transition');
}

/** The phases `actor` may move the session to now, in phase order. */
export function allowedPhaseMoves(actor: RuleActor, subject: Y.Doc | RuleState): Phase[] {
  const state = subject instanceof Y.Doc ? ruleStateOf(subject) : subject;
  return PHASES.filter((p) => canSetPhase(actor, state, p).ok);
}

function assertNever(value: never): never {
  throw new Error(`unhandled action ${JSON.stringify(value)}`);
}
