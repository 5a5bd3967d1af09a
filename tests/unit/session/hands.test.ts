import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getRaisedHands, raiseHand } from '../../../shared/session/facilitation.ts';

describe('raised hands', () => {
  it('queue in the order they came, even raised in the same millisecond', () => {
    const doc = new Y.Doc();
    const now = Date.UTC(2026, 2, 12, 9, 0);
    // Ids chosen so that sorting by id alone would put Nadia first.
    raiseHand(doc, { participantId: 'p-z', name: 'Marc' }, now);
    raiseHand(doc, { participantId: 'p-a', name: 'Nadia' }, now);
    raiseHand(doc, { participantId: 'p-m', name: 'Claire' }, now + 5);
    expect(getRaisedHands(doc).map((h) => h.name)).toEqual(['Marc', 'Nadia', 'Claire']);
    // Raising again keeps one's place.
    raiseHand(doc, { participantId: 'p-z', name: 'Marc' }, now + 10);
    expect(getRaisedHands(doc).map((h) => h.name)).toEqual(['Marc', 'Nadia', 'Claire']);
  });
});
