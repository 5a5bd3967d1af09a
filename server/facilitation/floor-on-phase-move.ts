// A raised hand is a wish to speak in the phase it was raised in. Hands raised during the
// Questions stayed up through the Brainstorm: the host saw a queue of people who had long
// stopped waiting (seen in an exploratory run). Moving the session to another phase lowers
// every hand raised before the move, and ends the floor of whoever had it then; each
// member's device says so if his hand was up.
import type { Logger } from 'pino';
import { endFloor, getPhase, getRaisedHands, getSpeaker, lowerHand, observeRoots } from '../../shared/session/index.ts';
import type { Room } from '../sync/Room.ts';

/** Lowers, on the server, the hands raised before each phase move, and ends the floor given before it, as soon as the move stands. */
export function clearFloorOnPhaseMove(room: Room, log: Logger): void {
  // The phase the hands were raised in. A move the rules refuse is undone in the same tick:
  // what is compared, after it, is the phase that stands.
  let settled = getPhase(room.doc);
  let pending: ReadonlyMap<string, number> | null = null;
  // Who had the floor at the move: *À la parole : Paul* stayed over the next phase too.
  let speakerAtMove: { participantId: string; since: number } | null = null;
  observeRoots(room.doc, ['meta'], () => {
    if (pending !== null || getPhase(room.doc) === settled) return;
    // The hands up at the move (a hand raised after it, in the new phase, stays up).
    pending = new Map(getRaisedHands(room.doc).map((h) => [h.participantId, h.raisedAt]));
    speakerAtMove = getSpeaker(room.doc);
    // Not inside the transaction that moved the phase: the server's own change, after it.
    setImmediate(() => {
      const up = pending!;
      const spoke = speakerAtMove;
      pending = null;
      speakerAtMove = null;
      const now = getPhase(room.doc);
      if (now === settled) return;
      settled = now;
      if (up.size === 0 && spoke === null) return;
      room
        .changeAsServer((doc) => {
          doc.transact(() => {
            for (const hand of getRaisedHands(doc)) if (up.get(hand.participantId) === hand.raisedAt) lowerHand(doc, hand.participantId);
            const speaker = getSpeaker(doc);
            if (spoke && speaker && speaker.participantId === spoke.participantId && speaker.since === spoke.since) endFloor(doc);
          });
        })
        .catch((err: unknown) => log.error({ err, room: room.id }, 'could not lower the hands of a phase left'));
    });
  });
}
