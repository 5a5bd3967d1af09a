// The closing round (tour de clôture) of the Synthèse: each member says what he brought and
// what he takes away, the room's screen showing who has written and, as the host goes
// round the table, the words of the one speaking. Two keys of `meta`, written by the host
// or a facilitator during the Synthèse (rule `runClosingRound`).
import type * as Y from 'yjs';
import { roots, write } from './schema.ts';

export interface ClosingRound {
  /** The round is on: the screen shows it instead of the plan. */
  readonly open: boolean;
  /** Whose learnings the screen shows (the one speaking), or null for who has written. */
  readonly shownId: string | null;
}

export function getClosingRound(doc: Y.Doc): ClosingRound {
  const meta = roots(doc).meta;
  const open = meta.get('closingRound') === true;
  const shown = meta.get('closingShown');
  return { open, shownId: open && typeof shown === 'string' ? shown : null };
}

/** Opens or ends the round; ending it, or opening it again, shows nobody's words. */
export function setClosingRound(doc: Y.Doc, open: boolean): void {
  write(doc, () => {
    const meta = roots(doc).meta;
    meta.set('closingRound', open);
    if (meta.get('closingShown') !== undefined && meta.get('closingShown') !== null) meta.set('closingShown', null);
  });
}

/** Shows `participantId`'s learnings on the screen (null: who has written). */
export function showLearningsOf(doc: Y.Doc, participantId: string | null): void {
  roots(doc).meta.set('closingShown', participantId);
}
