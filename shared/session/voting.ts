// Voting rounds and board options, held in the `board` map: whether voting is open, whether
// counts stay hidden while it is, what is voted on (stickies or groups), which round is the
// open (or the last) one (`voteRound`, counted by the server at each opening), and whether the
// board is anonymous (authors hidden on every device, the screen and in the summary, but
// one's own; kept in the document, for the rules and the contributions). The server writes
// them for the host or a facilitator.
import type * as Y from 'yjs';
import { roots, write } from './schema.ts';
import { bool, num, numOrNull, oneOf, record } from './fields.ts';
import type { Person } from './types.ts';

export const VOTE_TARGETS = ['stickies', 'groups'] as const;
export type VoteTarget = (typeof VOTE_TARGETS)[number];

export interface VotingSettings {
  readonly open: boolean;
  /** Counts are hidden from everyone while voting is open (on by default). */
  readonly hideCounts: boolean;
  readonly target: VoteTarget;
  /** When the last round closed (server time), or null if none has. */
  readonly closedAt: number | null;
  readonly anonymous: boolean;
  /** Who opened or closed the round last (the server writes it with the move), or null. */
  readonly by: { readonly participantId: string; readonly name: string } | null;
  /**
   * The round open now, or the last one: 1 for a session's first round, one more at each
   * opening. 0 before any, and for every round of a session begun before rounds were numbered.
   */
  readonly round: number;
}

export function getVotingSettings(doc: Y.Doc): VotingSettings {
  const b = roots(doc).board;
  return {
    open: bool(b, 'votingOpen'),
    hideCounts: bool(b, 'hideCounts', true),
    target: oneOf(b, 'voteTarget', VOTE_TARGETS, 'stickies'),
    closedAt: numOrNull(b, 'votingClosedAt'),
    anonymous: bool(b, 'anonymous'),
    by: votingBy(b.get('votingBy')),
    round: roundNumber(num(b, 'voteRound')),
  };
}

/** A round number as read from the document: a whole number from 0, else 0. */
export function roundNumber(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function votingBy(value: unknown): VotingSettings['by'] {
  const rec = record(value);
  return rec && typeof rec.participantId === 'string' && typeof rec.name === 'string' ? { participantId: rec.participantId, name: rec.name } : null;
}

/**
 * Opens or closes the round; `by` is who did (said to all: "Vote clos par Claire"). Each
 * opening is a new round (`voteRound` one more), with a whole budget for everyone: the
 * points of the rounds before stay theirs. The server's alone (a facilitation command).
 */
export function setVotingOpen(doc: Y.Doc, open: boolean, now: number, by: Person | null = null): void {
  const b = roots(doc).board;
  write(doc, () => {
    if (bool(b, 'votingOpen') === open) return;
    b.set('votingOpen', open);
    if (open) {
      b.set('votingClosedAt', null);
      b.set('voteRound', roundNumber(b.get('voteRound')) + 1);
    } else b.set('votingClosedAt', now);
    if (by) b.set('votingBy', { participantId: by.participantId, name: by.name });
  });
}

export function setHideCounts(doc: Y.Doc, hide: boolean): void {
  roots(doc).board.set('hideCounts', hide);
}

export function setVoteTarget(doc: Y.Doc, target: VoteTarget): void {
  roots(doc).board.set('voteTarget', target);
}

export function setAnonymousBoard(doc: Y.Doc, anonymous: boolean): void {
  roots(doc).board.set('anonymous', anonymous);
}

/** Whether vote counts may be shown now: always once voting closed, or when not hidden. */
export function countsVisible(settings: VotingSettings): boolean {
  return !settings.open || !settings.hideCounts;
}
