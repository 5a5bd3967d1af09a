// What each rule refusal says, in English, to whoever reads the wire: the reason of a
// permission-denied message (`rule: <DenyReason>: <words>`), a facilitation refusal, a log.
// The browser says it in the user's language (client/i18n, keys `rule.<DenyReason>`).
import type { DenyReason } from './phases.ts';

export const RULE_WORDS: Readonly<Record<DenyReason, string>> = {
  'read-only-role': 'the shared screen cannot do this',
  'session-closed': 'the session is closed',
  'wrong-phase': 'not in this phase',
  'host-only': 'only the host can do this',
  'host-or-facilitator-only': 'only the host or a facilitator can do this',
  'not-author': 'only the author can do this',
  'not-yourself': 'only for yourself',
  'unknown-person': 'this person is not in the session (nor in its club)',
  'private-writing': 'private writing is still on: reveal the ideas first',
  'vote-budget-exhausted': 'no votes left',
  'voting-closed': 'voting is closed',
  'invalid-transition': 'not a move the session allows',
  'same-phase': 'already there',
  'moved-meanwhile': 'another leader moved the session a moment before: this move was not taken',
  'not-private-writing': 'private writing is over: the ideas were revealed',
  'counts-hidden': 'the counts are hidden in this round: points go to your own document until it closes',
  'counts-shown': 'the counts are shown: points go on the board',
  'vote-open': 'a vote with hidden counts is open: close it first',
  'invalid-write': 'not a change the session document allows',
  'too-long': 'too long',
  'too-many': 'over the limit',
  'newer-schema': 'this session was written by a newer version of Entraide: read-only here',
  'members-only': 'the questions are put to the host: "me too" is for the members',
  'no-such-target': 'this idea or group is no longer on the board',
  'wrong-target': 'this round is on the other kind: ideas or groups',
  'wrong-round': 'this point is of a vote already closed: its results stay as they were',
};
