// The facilitation controls on the server: who may do what is decided by the same rules the
// UI uses (shared/session/phases.ts can()), read from the session document as this instance
// holds it; what is allowed is written into the document by the server itself, so that it
// is stored, reaches every device (across instances through the room bus) and survives
// reloads, reconnects and restarts.
import type * as Y from 'yjs';
import type { FacilitationCommand } from '../../shared/schemas.ts';
import {
  PHASES, addTime, can, endFloor, getFocus, getGroups, getQuestions, getParticipants, getRaisedHands, getTimer, getVisitNotes, getVotingSettings, giveFloor, grantFacilitator,
  lowerHand, pauseTimer, raiseHand, revokeFacilitator, ruleStateOf, setAnonymousBoard, setFocus, setHideCounts,
  setJoinPanel, setNoteOnScreen, setPrivateWriting, setVoteBudget, setVoteTarget, setVotingOpen, startTimer,
} from '../../shared/session/index.ts';
import type { ActionRequest, Actor, RuleState } from '../../shared/session/index.ts';
import { RULE_WORDS } from '../../shared/session/refusals.ts';
import type { Room } from '../sync/Room.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import type { PrivateDocs } from '../private/PrivateDocs.ts';

export type FacilitationOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly message: string };

const MINUTE = 60_000;

/**
 * Why an allowed command makes no sense now: its code is the refusal's `reason` (the browser
 * words it in the host's language, `facilitationRefusal.<code>`), its words the message.
 */
const FACILITATION_REFUSALS = {
  'timer-no-paused': 'timer: no paused timer to resume, give the minutes',
  'give-to-whom': 'give: say to whom (participantId)',
  'give-no-hand': 'give: that person has not raised a hand',
  'focus-not-reached': 'focus: a phase not reached yet',
  'focus-no-group': 'focus: no such group',
  'focus-no-question': 'focus: no such question waiting',
  'voting-reveal-first': 'voting: reveal the ideas first',
  'no-such-note': 'screenNote: no such note',
  'facilitator-not-member': 'facilitator: not a member of this session',
  'facilitator-host': 'facilitator: the host leads already',
  'voting-lower-open': 'voting: a round is open: its points may be raised, not lowered; close it first',
  'voting-target-open': 'voting: a round is open: close it before changing what it is on',
  'changed-meanwhile': 'voting: the session changed meanwhile, try again',
} as const;
type FacilitationRefusal = keyof typeof FACILITATION_REFUSALS;


export class Facilitation {
  readonly #registry: RoomRegistry;
  readonly #privateDocs: PrivateDocs;
  /** Each session's last command, which the next one waits for. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(registry: RoomRegistry, privateDocs: PrivateDocs) {
    this.#registry = registry;
    this.#privateDocs = privateDocs;
  }

  /**
   * Check `command` from `actor` and apply it to the session's document, or say why not.
   * A session's commands run one at a time, in the order they came: a close or a reveal
   * reads every private document before its change, and a second close, or a new round
   * opened meanwhile, waits for it instead of acting on what it read.
   */
  run(sessionId: string, actor: Actor, command: FacilitationCommand, now?: number): Promise<FacilitationOutcome> {
    const mine = (this.#queues.get(sessionId) ?? Promise.resolve()).then(() => this.#run(sessionId, actor, command, now ?? Date.now()));
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(sessionId, tail);
    void tail.then(() => {
      if (this.#queues.get(sessionId) === tail) this.#queues.delete(sessionId);
    });
    return mine;
  }

  async #run(sessionId: string, actor: Actor, command: FacilitationCommand, now: number): Promise<FacilitationOutcome> {
    const lease = await this.#registry.acquire(sessionId);
    try {
      const room = lease.room;
      const state = ruleStateOf(room.doc);
      for (const request of requestsOf(command, actor)) {
        const decision = can(actor, state, request);
        if (!decision.ok) return { ok: false, reason: decision.reason, message: RULE_WORDS[decision.reason] };
      }
      if (command.kind === 'privateWriting' && command.action === 'reveal') return await this.#reveal(sessionId, room, actor, now);
      let refusal = null as FacilitationRefusal | null;
      const change = (doc: Y.Doc) => {
        refusal = apply(doc, actor, command, ruleStateOf(doc), now);
      };
      const allowed = (hidden: boolean) => () => {
        const current = ruleStateOf(room.doc);
        return current.countsHidden === hidden && requestsOf(command, actor).every((request) => can(actor, current, request).ok);
      };
      if (command.kind === 'voting' && endsHiddenCounts(state, command)) {
        // Every point given in private lands on the board in the change that closes the round.
        if (!(await this.#privateDocs.closeHiddenRound(sessionId, room, allowed(true), change))) return NOT_ALLOWED_NOW;
      } else if (command.kind === 'voting' && startsHiddenCounts(state, getVotingSettings(room.doc).hideCounts, command)) {
        // A new round that hides its counts starts with no point left from an earlier one.
        if (!(await this.#privateDocs.openHiddenRound(sessionId, room, allowed(false), change))) return NOT_ALLOWED_NOW;
      } else await room.changeAsServer(change);
      return refusal === null ? { ok: true } : { ok: false, reason: refusal, message: FACILITATION_REFUSALS[refusal] };
    } finally {
      lease.release();
    }
  }

  /** Ends private writing: every private sticky lands on the board (server/private/PrivateDocs.ts). */
  async #reveal(sessionId: string, room: Room, actor: Actor, now: number): Promise<FacilitationOutcome> {
    if (!ruleStateOf(room.doc).privateWriting) return NOT_PRIVATE_WRITING;
    // Loading the private documents takes a while: the rules are read again before the change.
    const stillAllowed = () => {
      const state = ruleStateOf(room.doc);
      return state.privateWriting && can(actor, state, { kind: 'setPrivateWriting' }).ok;
    };
    return (await this.#privateDocs.reveal(sessionId, room, stillAllowed, now)) ? { ok: true } : NOT_PRIVATE_WRITING;
  }
}

const NOT_PRIVATE_WRITING: FacilitationOutcome = { ok: false, reason: 'not-private-writing', message: RULE_WORDS['not-private-writing'] };
const NOT_ALLOWED_NOW: FacilitationOutcome = { ok: false, reason: 'changed-meanwhile', message: FACILITATION_REFUSALS['changed-meanwhile'] };

/** Whether the command opens a round that hides its counts, or hides the counts of an open one. */
function startsHiddenCounts(state: RuleState, hideCounts: boolean, command: Extract<FacilitationCommand, { kind: 'voting' }>): boolean {
  return !state.countsHidden && (command.open ?? state.votingOpen) && (command.hideCounts ?? hideCounts);
}

/** Whether the command closes a round that hides its counts, or shows its counts. */
function endsHiddenCounts(state: RuleState, command: Extract<FacilitationCommand, { kind: 'voting' }>): boolean {
  return state.countsHidden && (command.open === false || command.hideCounts === false);
}

/** What the rules must allow for a command (a voting command may need two permissions). */
function requestsOf(command: FacilitationCommand, actor: Actor): ActionRequest[] {
  switch (command.kind) {
    case 'timer':
      return [{ kind: 'runTimer' }];
    case 'hand':
      return [{ kind: 'raiseHand', participantId: actor.participantId }];
    case 'floor':
      // Lowering one's own hand is one's own business; anything else runs the floor.
      return command.action === 'lower' && (command.participantId ?? actor.participantId) === actor.participantId
        ? [{ kind: 'raiseHand', participantId: actor.participantId }]
        : [{ kind: 'giveFloor' }];
    case 'focus':
      return [{ kind: 'lead' }];
    case 'voting': {
      const out: ActionRequest[] = [];
      if (command.budget !== undefined) out.push({ kind: 'setVoteBudget' });
      if (command.open !== undefined || command.hideCounts !== undefined || command.target !== undefined) out.push({ kind: 'runVoting' });
      return out.length ? out : [{ kind: 'runVoting' }];
    }
    case 'anonymous':
      return [{ kind: 'setAnonymous' }];
    case 'joinPanel':
      return [{ kind: 'showJoinPanel' }];
    case 'screenNote':
      return [{ kind: 'lead' }];
    case 'privateWriting':
      return [{ kind: 'setPrivateWriting' }];
    case 'facilitator':
      return [{ kind: 'grantFacilitator' }];
    default:
      return assertNever(command);
  }
}

/** The screen back to its phase's own view, if it was showing a group or a part of the board. */
function releaseBoardFocus(doc: Y.Doc, actor: Actor): void {
  const focus = getFocus(doc);
  if (focus && (focus.kind === 'group' || focus.kind === 'zone')) setFocus(doc, actor, null, focus.during, 0);
}

/** Write an allowed command; returns a refusal when the command makes no sense here. */
function apply(doc: Y.Doc, actor: Actor, command: FacilitationCommand, state: RuleState, now: number): FacilitationRefusal | null {
  switch (command.kind) {
    case 'timer':
      if (command.action === 'start') {
        const paused = getTimer(doc, state.phase);
        const resumable = paused !== null && paused.endsAt === null && paused.remainingMs > 0;
        if (command.minutes === undefined && !resumable) return 'timer-no-paused';
        startTimer(doc, actor, state.phase, command.minutes === undefined ? null : command.minutes * MINUTE, now);
      } else if (command.action === 'pause') pauseTimer(doc, actor, state.phase, now);
      else addTime(doc, actor, state.phase, (command.minutes ?? 2) * MINUTE, now);
      return null;
    case 'hand':
      if (command.raised) raiseHand(doc, actor, now);
      else lowerHand(doc, actor.participantId);
      return null;
    case 'floor':
      switch (command.action) {
        case 'next':
          giveFloor(doc, null, now);
          return null;
        case 'give':
          if (!command.participantId) return 'give-to-whom';
          if (!getRaisedHands(doc).some((h) => h.participantId === command.participantId)) return 'give-no-hand';
          giveFloor(doc, command.participantId, now);
          return null;
        case 'end':
          endFloor(doc);
          return null;
        case 'lower':
          lowerHand(doc, command.participantId ?? actor.participantId);
          return null;
      }
      return null;
    case 'focus': {
      const target = command.target;
      if (target?.kind === 'phase' && PHASES.indexOf(target.phase) > PHASES.indexOf(state.phase)) return 'focus-not-reached';
      if (target?.kind === 'group' && !getGroups(doc).some((g) => g.id === target.groupId)) return 'focus-no-group';
      if (target?.kind === 'question' && !getQuestions(doc).some((q) => q.id === target.questionId && q.status === 'open')) return 'focus-no-question';
      setFocus(doc, actor, target, state.phase, now);
      return null;
    }
    case 'voting': {
      if (command.open === true && state.privateWriting) return 'voting-reveal-first';
      // In a round, lowering the points takes back some already given (the latest of each
      // voter past the new budget), unseen by them: it waits for the close. Raising gives more.
      const staysOpen = state.votingOpen && command.open !== false;
      if (staysOpen && command.budget !== undefined && command.budget < state.voteBudget) return 'voting-lower-open';
      if (staysOpen && command.target !== undefined && command.target !== getVotingSettings(doc).target) return 'voting-target-open';
      if (command.budget !== undefined) setVoteBudget(doc, command.budget);
      if (command.hideCounts !== undefined) setHideCounts(doc, command.hideCounts);
      if (command.target !== undefined) setVoteTarget(doc, command.target);
      if (command.open !== undefined) setVotingOpen(doc, command.open, now, actor);
      // A round opened or closed, or its counts shown, is what the room looks at next: a
      // group or part of the board the screen was showing gives way to the vote's view. The
      // screen stayed on one group through a whole round, and the room saw no ranking.
      if ((command.open !== undefined && command.open !== state.votingOpen) || (command.hideCounts === false && state.countsHidden)) releaseBoardFocus(doc, actor);
      return null;
    }
    case 'anonymous':
      setAnonymousBoard(doc, command.on);
      return null;
    case 'joinPanel':
      setJoinPanel(doc, command.shown);
      return null;
    case 'screenNote':
      if (!command.shown && !getVisitNotes(doc).some((n) => n.id === command.noteId)) return 'no-such-note';
      setNoteOnScreen(doc, command.noteId, command.shown, actor, now);
      return null;
    case 'privateWriting':
      // Only the start comes here; the reveal is Facilitation.#reveal.
      if (command.action === 'start' && !state.privateWriting) setPrivateWriting(doc, true);
      return null;
    case 'facilitator': {
      if (!command.granted) {
        revokeFacilitator(doc, command.participantId);
        return null;
      }
      // The participant id is the server's (from the presence list), the name as shown there.
      const known = getParticipants(doc).find((p) => p.participantId === command.participantId);
      if (known && known.role !== 'member') return 'facilitator-not-member';
      if (command.participantId === actor.participantId) return 'facilitator-host';
      grantFacilitator(doc, { participantId: command.participantId, name: command.name }, { at: now });
      return null;
    }
    default:
      return assertNever(command);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled facilitation command ${JSON.stringify(value)}`);
}
