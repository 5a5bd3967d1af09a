// Wires the facilitation controls onto one Socket.IO connection. Kept apart from
// realtime.ts (presence) so that each can change without the other.
import type { Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import { FacilitationCommand } from '../../shared/schemas.ts';
import type { Actor } from '../../shared/session/index.ts';
import { describeIssues } from '../validation.ts';
import type { Facilitation } from './Facilitation.ts';

type FacilitationSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export function registerFacilitation(
  socket: FacilitationSocket,
  session: { sessionId: string; actor: () => Actor },
  facilitation: Facilitation,
  log: Logger,
): void {
  socket.emit('clock:now', Date.now());
  socket.emit('session:you', { participantId: session.actor().participantId });
  socket.on('facilitate', (payload) => {
    const parsed = FacilitationCommand.safeParse(payload);
    if (!parsed.success) {
      socket.emit('event:error', { event: 'facilitate', message: describeIssues(parsed.error, 'command') });
      return;
    }
    facilitation.run(session.sessionId, session.actor(), parsed.data).then(
      (outcome) => {
        if (!outcome.ok) socket.emit('event:error', { event: 'facilitate', message: outcome.message, reason: outcome.reason });
      },
      (err: unknown) => {
        log.error({ err, session: session.sessionId }, 'facilitation command failed');
        socket.emit('event:error', { event: 'facilitate', message: 'server error: try again' });
      },
    );
  });
}
