import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  PHASES, allowedPhaseMoves, can, canSetPhase, grantFacilitator, initSessionDocument, nextPhase, phasesAllowing,
  revokeFacilitator, ruleStateFromView, ruleStateOf, getSession, setHideCounts, setPhase, setPrivateWriting, setVoteBudget, setVotingOpen,
} from '../../../shared/session/index.ts';
import type { ActionKind, ActionRequest, Phase, RuleState } from '../../../shared/session/index.ts';

const host = { participantId: 'h', name: 'Hôte', role: 'host' } as const;
const member = { participantId: 'm', name: 'Membre', role: 'member' } as const;
const other = { participantId: 'o', name: 'Autre', role: 'member' } as const;
const screen = { participantId: 's', name: 'Écran', role: 'screen' } as const;

const state = (phase: Phase, extra: Partial<RuleState> = {}): RuleState => ({
  phase, privateWriting: false, voteBudget: 5, facilitatorIds: [], votingOpen: true, countsHidden: false, ...extra,
});

describe('phase order', () => {
  it('runs presentation -> visit -> questions -> brainstorm -> synthesis -> closed', () => {
    expect(PHASES).toEqual(['presentation', 'visit', 'questions', 'brainstorm', 'synthesis', 'closed']);
    expect(nextPhase('brainstorm')).toBe('synthesis');
    expect(nextPhase('closed')).toBeNull();
  });

  it('lets the host move forward to any later phase, or back one step', () => {
    expect(allowedPhaseMoves(host, state('questions'))).toEqual(['visit', 'brainstorm', 'synthesis', 'closed']);
    expect(canSetPhase(host, state('questions'), 'presentation')).toEqual({ ok: false, reason: 'invalid-transition' });
    expect(canSetPhase(host, state('questions'), 'questions')).toEqual({ ok: false, reason: 'same-phase' });
  });

  it('keeps the brainstorm until private ideas are revealed: no move leaves them behind', () => {
    expect(allowedPhaseMoves(host, state('brainstorm', { privateWriting: true }))).toEqual([]);
    expect(canSetPhase(host, state('brainstorm', { privateWriting: true }), 'synthesis')).toEqual({ ok: false, reason: 'private-writing' });
    expect(canSetPhase(host, state('brainstorm', { privateWriting: true }), 'questions')).toEqual({ ok: false, reason: 'private-writing' });
    // Nor while a round hides its counts: the points are in the voters' own documents until it closes.
    expect(canSetPhase(host, state('brainstorm', { countsHidden: true }), 'synthesis')).toEqual({ ok: false, reason: 'vote-open' });
    expect(canSetPhase(host, state('brainstorm', { votingOpen: true, countsHidden: false }), 'synthesis')).toEqual({ ok: true });
    expect(allowedPhaseMoves(host, state('brainstorm'))).toEqual(['questions', 'synthesis', 'closed']);
  });

  it('keeps a closed session closed, for everyone', () => {
    expect(allowedPhaseMoves(host, state('closed'))).toEqual([]);
    expect(canSetPhase(host, state('closed'), 'synthesis')).toEqual({ ok: false, reason: 'session-closed' });
  });

  it('lets a member move phases only once the host made him facilitator', () => {
    expect(canSetPhase(member, state('visit'), 'questions')).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(canSetPhase(member, state('visit', { facilitatorIds: ['m'] }), 'questions')).toEqual({ ok: true });
    expect(canSetPhase(screen, state('visit', { facilitatorIds: ['s'] }), 'questions')).toEqual({ ok: false, reason: 'read-only-role' });
  });

  it('reads facilitators and phase from the document', () => {
    const doc = new Y.Doc();
    initSessionDocument(doc, { title: 't', hostCompany: 'c', hostName: 'h', date: '2026-01-01' });
    expect(can(member, doc, { kind: 'setPhase', to: 'visit' }).ok).toBe(false);
    grantFacilitator(doc, member);
    expect(ruleStateOf(doc)).toEqual({ phase: 'presentation', privateWriting: false, voteBudget: 5, facilitatorIds: ['m'], votingOpen: false, countsHidden: false });
    expect(can(member, doc, { kind: 'setPhase', to: 'visit' }).ok).toBe(true);
    revokeFacilitator(doc, 'm');
    expect(can(member, doc, { kind: 'setPhase', to: 'visit' }).ok).toBe(false);
    setPhase(doc, host, 'brainstorm');
    setPrivateWriting(doc, true);
    setVoteBudget(doc, 2);
    expect(ruleStateOf(doc)).toEqual({ phase: 'brainstorm', privateWriting: true, voteBudget: 2, facilitatorIds: [], votingOpen: false, countsHidden: false });
    grantFacilitator(doc, other);
    expect(ruleStateFromView(getSession(doc))).toEqual(ruleStateOf(doc));
    // An open round hides its counts unless told otherwise.
    setVotingOpen(doc, true, 1);
    expect(ruleStateOf(doc).countsHidden).toBe(true);
    expect(ruleStateFromView(getSession(doc))).toEqual(ruleStateOf(doc));
    setHideCounts(doc, false);
    expect(ruleStateOf(doc).countsHidden).toBe(false);
    expect(ruleStateFromView(getSession(doc))).toEqual(ruleStateOf(doc));
  });
});

describe('what each phase allows', () => {
  // One request of every kind but setPhase (tested above): a kind added to ActionKind
  // without a line here does not compile.
  const requests: { readonly [K in Exclude<ActionKind, 'setPhase'>]: Extract<ActionRequest, { kind: K }> } = {
    editMeta: { kind: 'editMeta' }, grantFacilitator: { kind: 'grantFacilitator' }, editPresentation: { kind: 'editPresentation' },
    showSection: { kind: 'showSection' }, editStations: { kind: 'editStations' }, addVisitNote: { kind: 'addVisitNote' },
    editVisitNote: { kind: 'editVisitNote', authorId: 'h' }, askQuestion: { kind: 'askQuestion' }, answerQuestion: { kind: 'answerQuestion' },
    editQuestion: { kind: 'editQuestion', authorId: 'h' },
    addSticky: { kind: 'addSticky' }, editSticky: { kind: 'editSticky', authorId: 'h' }, deleteSticky: { kind: 'deleteSticky', authorId: 'h' },
    moveSticky: { kind: 'moveSticky' }, editGroups: { kind: 'editGroups' }, setPrivateWriting: { kind: 'setPrivateWriting' },
    setVoteBudget: { kind: 'setVoteBudget' }, castVote: { kind: 'castVote', votesUsed: 0 }, retractVote: { kind: 'retractVote', voterId: 'h' },
    editActionItems: { kind: 'editActionItems' }, setDecision: { kind: 'setDecision' }, setLearning: { kind: 'setLearning', participantId: 'h' },
    createGroup: { kind: 'createGroup' }, groupSticky: { kind: 'groupSticky', authorId: 'o' }, tidyBoard: { kind: 'tidyBoard' },
    runTimer: { kind: 'runTimer' }, giveFloor: { kind: 'giveFloor' }, raiseHand: { kind: 'raiseHand', participantId: 'h' }, lead: { kind: 'lead' },
    runClosingRound: { kind: 'runClosingRound' }, runVoting: { kind: 'runVoting' }, setAnonymous: { kind: 'setAnonymous' }, showJoinPanel: { kind: 'showJoinPanel' },
    supportQuestion: { kind: 'supportQuestion', participantId: 'h' },
  };
  const allKinds: ActionRequest[] = Object.values(requests);

  // The club's rules, written out here rather than read from the code under test:
  // P presentation, V visit, Q questions, B brainstorm, S synthesis (nothing once closed).
  const OPEN: { readonly [K in keyof typeof requests]: string } = {
    editMeta: 'PVQBS', grantFacilitator: 'PVQBS', editPresentation: 'PVQBS', showSection: 'PVQBS',
    editStations: 'PV', addVisitNote: 'PVQB', editVisitNote: 'PVQB',
    askQuestion: 'VQ', answerQuestion: 'VQBS', editQuestion: 'VQ',
    addSticky: 'B', editSticky: 'B', deleteSticky: 'B', moveSticky: 'BS', editGroups: 'BS', setPrivateWriting: 'B',
    setVoteBudget: 'PVQB', castVote: 'B', retractVote: 'B',
    editActionItems: 'S', setDecision: 'S', setLearning: 'S',
    createGroup: 'BS', groupSticky: 'BS', tidyBoard: 'BS',
    runTimer: 'PVQBS', giveFloor: 'PVQBS', raiseHand: 'PVQBS', lead: 'PVQBS', runClosingRound: 'S', runVoting: 'B', setAnonymous: 'PVQBS',
    showJoinPanel: 'PVQBS', supportQuestion: 'VQ',
  };
  const LETTER: Record<Phase, string> = { presentation: 'P', visit: 'V', questions: 'Q', brainstorm: 'B', synthesis: 'S', closed: '-' };

  it('allows the host each action exactly in the phases the club rules give it', () => {
    for (const [kind, request] of Object.entries(requests) as Array<[keyof typeof requests, ActionRequest]>) {
      for (const phase of PHASES) {
        // "Moi aussi" is the members' alone (next test): the host's is refused wherever it is open.
        const hostMay = OPEN[kind].includes(LETTER[phase]) && kind !== 'supportQuestion';
        expect(can(host, state(phase), request).ok, `${kind} in ${phase}`).toBe(hostMay);
      }
      expect(phasesAllowing(request.kind).map((p) => LETTER[p]).join(''), kind).toBe(OPEN[kind]);
    }
  });

  it("gives 'moi aussi' to the members, not to the host the questions are put to", () => {
    for (const phase of PHASES) {
      const open = OPEN.supportQuestion.includes(LETTER[phase]);
      expect(can(member, state(phase), { kind: 'supportQuestion', participantId: member.participantId }).ok, phase).toBe(open);
      if (open) expect(can(host, state(phase), { kind: 'supportQuestion', participantId: host.participantId })).toEqual({ ok: false, reason: 'members-only' });
    }
  });

  it('refuses everything once closed, with the reason', () => {
    for (const request of allKinds) expect(can(host, state('closed'), request)).toEqual({ ok: false, reason: 'session-closed' });
  });

  it('refuses every write from the shared screen', () => {
    for (const request of allKinds) expect(can(screen, state('brainstorm'), request)).toEqual({ ok: false, reason: 'read-only-role' });
  });

  it('opens stickies in the brainstorm only: no new sticky after it', () => {
    const open = PHASES.filter((p) => can(member, state(p), { kind: 'addSticky' }).ok);
    expect(open).toEqual(['brainstorm']);
    expect(can(member, state('synthesis'), { kind: 'addSticky' })).toEqual({ ok: false, reason: 'wrong-phase' });
  });

  it('accepts late visit notes (poor network on the shop floor) until the brainstorm', () => {
    const open = PHASES.filter((p) => can(member, state(p), { kind: 'addVisitNote' }).ok);
    expect(open).toEqual(['presentation', 'visit', 'questions', 'brainstorm']);
  });

  it('keeps the host-only actions to the host, even for a facilitator', () => {
    const facilitated = state('synthesis', { facilitatorIds: ['m'] });
    expect(can(member, facilitated, { kind: 'setDecision' })).toEqual({ ok: false, reason: 'host-only' });
    expect(can(member, facilitated, { kind: 'editActionItems' })).toEqual({ ok: true });
    expect(can(other, facilitated, { kind: 'editActionItems' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(can(member, state('questions', { facilitatorIds: ['m'] }), { kind: 'answerQuestion' })).toEqual({ ok: false, reason: 'host-only' });
    expect(can(member, state('questions'), { kind: 'setVoteBudget' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
  });

  it('keeps the facilitation controls to the host and facilitators, and a hand or a "moi aussi" to oneself', () => {
    for (const kind of ['runTimer', 'giveFloor', 'lead', 'runVoting', 'setAnonymous', 'showJoinPanel', 'setVoteBudget'] as const) {
      expect(can(member, state('brainstorm'), { kind }), kind).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
      expect(can(member, state('brainstorm', { facilitatorIds: ['m'] }), { kind }), kind).toEqual({ ok: true });
    }
    expect(can(member, state('synthesis'), { kind: 'runClosingRound' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(can(member, state('synthesis', { facilitatorIds: ['m'] }), { kind: 'runClosingRound' })).toEqual({ ok: true });
    expect(can(member, state('questions'), { kind: 'raiseHand', participantId: 'm' })).toEqual({ ok: true });
    expect(can(member, state('questions'), { kind: 'raiseHand', participantId: 'o' })).toEqual({ ok: false, reason: 'not-yourself' });
    expect(can(member, state('questions'), { kind: 'supportQuestion', participantId: 'o' })).toEqual({ ok: false, reason: 'not-yourself' });
  });

  it('takes votes only while a voting round is open', () => {
    expect(can(member, state('brainstorm', { votingOpen: false }), { kind: 'castVote', votesUsed: 0 })).toEqual({ ok: false, reason: 'voting-closed' });
    expect(can(member, state('brainstorm', { votingOpen: false }), { kind: 'retractVote', voterId: 'm' })).toEqual({ ok: false, reason: 'voting-closed' });
  });

  it('lets an author edit his own sticky and a facilitator edit any', () => {
    expect(can(member, state('brainstorm'), { kind: 'editSticky', authorId: 'm' })).toEqual({ ok: true });
    expect(can(member, state('brainstorm'), { kind: 'deleteSticky', authorId: 'o' })).toEqual({ ok: false, reason: 'not-author' });
    expect(can(member, state('brainstorm', { facilitatorIds: ['m'] }), { kind: 'deleteSticky', authorId: 'o' })).toEqual({ ok: true });
    expect(can(member, state('brainstorm'), { kind: 'editVisitNote', authorId: 'o' })).toEqual({ ok: false, reason: 'not-author' });
  });

  it('lets members create groups and sort their own ideas in the brainstorm; renaming, deleting and tidying are the leaders’', () => {
    expect(can(member, state('brainstorm'), { kind: 'createGroup' }).ok).toBe(true);
    expect(can(member, state('synthesis'), { kind: 'createGroup' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(can(member, state('brainstorm'), { kind: 'groupSticky', authorId: 'm' }).ok).toBe(true);
    expect(can(member, state('brainstorm'), { kind: 'groupSticky', authorId: 'o' })).toEqual({ ok: false, reason: 'not-author' });
    expect(can(member, state('synthesis'), { kind: 'groupSticky', authorId: 'm' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(can(member, state('brainstorm'), { kind: 'editGroups' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    expect(can(member, state('brainstorm'), { kind: 'tidyBoard' })).toEqual({ ok: false, reason: 'host-or-facilitator-only' });
    const facilitated = state('brainstorm', { facilitatorIds: ['m'] });
    for (const request of [{ kind: 'editGroups' }, { kind: 'tidyBoard' }, { kind: 'groupSticky', authorId: 'o' }] as const) {
      expect(can(member, facilitated, request).ok).toBe(true);
      expect(can(host, state('synthesis'), request).ok).toBe(true);
    }
  });

  it('refuses a vote during private writing or over budget', () => {
    expect(can(member, state('brainstorm', { privateWriting: true }), { kind: 'castVote', votesUsed: 0 })).toEqual({ ok: false, reason: 'private-writing' });
    expect(can(member, state('brainstorm', { voteBudget: 3 }), { kind: 'castVote', votesUsed: 2 })).toEqual({ ok: true });
    expect(can(member, state('brainstorm', { voteBudget: 3 }), { kind: 'castVote', votesUsed: 3 })).toEqual({ ok: false, reason: 'vote-budget-exhausted' });
    expect(can(member, state('brainstorm'), { kind: 'retractVote', voterId: 'o' })).toEqual({ ok: false, reason: 'not-yourself' });
  });

  it('lets each member write his own learnings only', () => {
    expect(can(member, state('synthesis'), { kind: 'setLearning', participantId: 'm' })).toEqual({ ok: true });
    expect(can(member, state('synthesis'), { kind: 'setLearning', participantId: 'o' })).toEqual({ ok: false, reason: 'not-yourself' });
  });

});
