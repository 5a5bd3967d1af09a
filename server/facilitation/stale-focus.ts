// What the host showed the room ("Montrer à tous : Visite") lasts until the session moves
// on. A focus counted only while the phase it was set in was current: back in that phase
// later (Questions, Brainstorm, back to Questions), every phone and the screen were pulled
// to the Visite again, long after the host had forgotten it.
import type { Logger } from 'pino';
import { getFocus, getPhase, observeRoots, setFocus } from '../../shared/session/index.ts';
import type { Room } from '../sync/Room.ts';

/** Releases the room's focus as soon as the session moves to another phase than the one it was set in. */
export function releaseFocusOnPhaseMove(room: Room, log: Logger): void {
  let phase = getPhase(room.doc);
  observeRoots(room.doc, ['meta'], () => {
    const now = getPhase(room.doc);
    if (now === phase) return;
    phase = now;
    const focus = getFocus(room.doc);
    if (!focus || focus.during === now) return;
    // Not inside the transaction that moved the phase: the server's own change, after it.
    setImmediate(() => {
      room
        .changeAsServer((doc) => {
          const still = getFocus(doc);
          if (still && still.during !== getPhase(doc)) setFocus(doc, { participantId: '', name: '' }, null, getPhase(doc), 0);
        })
        .catch((err: unknown) => log.error({ err, room: room.id }, 'could not release the focus of a phase left'));
    });
  });
}
