// The follow-up round of a club session: before Présentation, the room goes through the
// open actions of the club's earlier sessions. A flag in `meta`, set by the server when it
// creates a session inside a club; the host ends (or skips) the round.
import type * as Y from 'yjs';
import { roots } from './schema.ts';

export function getFollowUpRound(doc: Y.Doc): boolean {
  return roots(doc).meta.get('followUpRound') === true;
}

/** true while the round runs; the host ends it (rule: `editMeta`, the host's). */
export function setFollowUpRound(doc: Y.Doc, on: boolean): void {
  roots(doc).meta.set('followUpRound', on);
}
