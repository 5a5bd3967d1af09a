// Hooks over the facilitation state of the document (timer, focus, floor, voting) and the
// server's clock.
import { useEffect, useState } from 'react';
import {
  getFacilitators, getFocus, getOffScreenNotes, getPhase, getRaisedHands, getSpeaker, getTimer, getVotingSettings, isHostOrFacilitator, roots, timerRemaining, voterCount,
} from '../../shared/session/index.ts';
import type { Facilitator, Focus, Phase, PhaseTimer, RaisedHand, Speaker, VotingSettings } from '../../shared/session/index.ts';
import { useExternal } from '../hooks/useExternal.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';

export function usePhaseTimer(phase: Phase): PhaseTimer | null {
  const { doc } = useRoom();
  return useYValue(roots(doc).facilitation, () => getTimer(doc, phase), [doc, phase]);
}

/** Milliseconds left on a timer, re-read four times a second against the server's clock. */
export function useRemaining(timer: PhaseTimer | null): number | null {
  const { conn } = useRoom();
  const read = () => (timer ? timerRemaining(timer, conn.presence.serverNow()) : null);
  const [left, setLeft] = useState(read);
  useEffect(() => {
    setLeft(read());
    if (!timer || timer.endsAt === null) return;
    const id = setInterval(() => setLeft(read()), 250);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timer, conn]);
  return left;
}

export function useFocus(): Focus | null {
  const { doc } = useRoom();
  return useYValue(roots(doc).facilitation, () => getFocus(doc), [doc]);
}

export interface Floor {
  readonly speaker: Speaker | null;
  readonly hands: readonly RaisedHand[];
}

/** Who has the floor and the hands up; nobody once the session is closed (its last speaker stayed on the screen). */
export function useFloor(): Floor {
  const { doc } = useRoom();
  const r = roots(doc);
  return useYValue(
    [r.facilitation, r.hands, r.meta],
    () => (getPhase(doc) === 'closed' ? NO_FLOOR : { speaker: getSpeaker(doc), hands: getRaisedHands(doc) }),
    [doc],
  );
}

const NO_FLOOR: Floor = { speaker: null, hands: [] };

export function useVoting(): VotingSettings {
  const { doc } = useRoom();
  return useYValue(roots(doc).board, () => getVotingSettings(doc), [doc]);
}

/** The Visite notes taken off the room's screen, by id (sorted, so that equal reads compare equal). */
export function useOffScreenNotes(): readonly string[] {
  const { doc } = useRoom();
  return useYValue(roots(doc).facilitation, () => [...getOffScreenNotes(doc)].sort(), [doc]);
}

/** Who the server knows me as: hands and facilitators are recorded under that id. */
export function useSelfId(): string {
  const { conn, me } = useRoom();
  return useExternal(conn.presence, (p) => p.selfId ?? me.participantId);
}

/** The members the host made facilitators, first granted first. */
export function useFacilitators(): readonly Facilitator[] {
  const { doc } = useRoom();
  return useYValue(roots(doc).facilitators, () => getFacilitators(doc), [doc]);
}

/** The host, or a member he made facilitator. */
export function useLeads(): boolean {
  const { me } = useRoom();
  const participantId = useSelfId();
  return isHostOrFacilitator({ participantId, role: me.role }, useRuleState());
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** How many people have given points so far, on the board or in a round that hides its counts (never to what). */
export function useVoterCount(): number {
  const { doc } = useRoom();
  const r = roots(doc);
  return useYValue([r.votes, r.facilitation], () => voterCount(doc), [doc]);
}
