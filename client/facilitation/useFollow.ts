// "Follow me": a member's view jumps to the phase the host shows; he may step away (look
// back on his own) and come back with one tap. Leaders drive it instead of following.
import { useCallback, useEffect, useState } from 'react';
import { PHASES, activeFocus } from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { useFocus } from './hooks.ts';

export interface FollowState {
  /** The phase this device shows. */
  readonly shownPhase: Phase;
  /** A phase looked back at (by oneself or by following the host), or null for the current one. */
  readonly viewing: Phase | null;
  /** False once the member stepped away from what the host shows. */
  readonly following: boolean;
  readonly hostShows: Phase | null;
  view(phase: Phase | null): void;
  follow(): void;
}

export function useFollow(phase: Phase, leads: boolean): FollowState {
  const focus = activeFocus(useFocus(), phase);
  const hostShows = focus ? focus.phase : null;
  const [own, setOwn] = useState<Phase | null>(null);
  const [following, setFollowing] = useState(true);
  // A move of the session, or a new focus, brings a follower along.
  useEffect(() => {
    setOwn(null);
  }, [phase]);
  useEffect(() => {
    if (!leads) setFollowing(true);
  }, [focus?.at, leads]);
  const fromHost = hostShows && PHASES.indexOf(hostShows) < PHASES.indexOf(phase) ? hostShows : null;
  const viewing = leads || !following ? own : fromHost;
  const view = useCallback(
    (p: Phase | null) => {
      setOwn(p);
      if (!leads) setFollowing(p === fromHost);
    },
    [leads, fromHost],
  );
  const follow = useCallback(() => {
    setOwn(null);
    setFollowing(true);
  }, []);
  return { shownPhase: viewing ?? phase, viewing, following: leads || following, hostShows, view, follow };
}
