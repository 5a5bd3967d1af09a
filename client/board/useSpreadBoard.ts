// Before "Ranger le tableau", the ideas lie where each phone put them, near the middle of its
// own view: a board of 25 spread that way is shown by the room's screen whole, at a zoom that
// sets its words at 6 px, which nobody reads from a chair. The host, who sees his own board at
// his own zoom, had no way to know: his "Ranger le tableau" now says so.
import { getStickies, roots, tidiedMoves } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';
import { roomScreenScale } from './viewport.ts';

/** Under this zoom the room's screen sets an idea's words too small to be read from the back of the room. */
export const READABLE_SCREEN_SCALE = 0.5;
/** How much larger tidying must show the ideas before it is worth asking for. */
const WORTH_TIDYING = 1.25;

/**
 * Whether the room's screen shows the board's ideas too small to be read, and tidying the
 * board would show them clearly larger (false where `enabled` is not: only whoever may tidy asks).
 */
export function useSpreadBoard(enabled: boolean): boolean {
  const { doc } = useRoom();
  const r = roots(doc);
  return useYValue(
    [r.stickies, r.groups],
    () => {
      if (!enabled) return false;
      const shown = getStickies(doc);
      if (shown.length < 2) return false;
      // The screen lists the groups beside the board once there are any: the board is narrower.
      const withGroups = r.groups.size > 0;
      const now = roomScreenScale(shown, withGroups);
      if (now >= READABLE_SCREEN_SCALE) return false;
      const moves = tidiedMoves(doc);
      return roomScreenScale(shown.map((s) => moves.get(s.id) ?? s), withGroups) >= now * WORTH_TIDYING;
    },
    [doc, enabled],
  );
}
