import { getFollowUpRound, roots } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';

/**
 * Whether the session is in its follow-up round now: a club session, in its Présentation,
 * before the host ends the round. What the room's page, the screen and its bar show by.
 */
export function useFollowUpRoundOn(phase: Phase): boolean {
  const { doc, info } = useRoom();
  const flagged = useYValue(roots(doc).meta, () => getFollowUpRound(doc), [doc]);
  return flagged && phase === 'presentation' && Boolean(info.clubId);
}
