// A club page's live connection: the follow-up of the club's actions as owners change it.
import { io, type Socket } from 'socket.io-client';
import { FollowedAction } from '../../shared/club.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';

export function listenToClub(clubId: string, credential: string, onChange: (action: FollowedAction) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io/',
    transports: ['websocket'],
    query: { clubId, token: credential },
  });
  socket.on('followup:changed', (payload: unknown) => {
    const parsed = FollowedAction.safeParse(payload);
    if (parsed.success) onChange(parsed.data);
  });
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}

/** The list with one action replaced by its new version (or added, if it is new here). */
export function withChange(actions: readonly FollowedAction[], change: FollowedAction): FollowedAction[] {
  const same = (a: FollowedAction) => a.sessionId === change.sessionId && a.actionId === change.actionId;
  return actions.some(same) ? actions.map((a) => (same(a) ? change : a)) : [...actions, change];
}
