import { ParticipantName } from '../../shared/schemas.ts';
import { newParticipantId } from './tokens.ts';
import type { Actor, TokenGrant } from './types.ts';

/** What a connection is called when its link token comes without a name. */
const UNNAMED: Record<Actor['role'], string> = { host: 'Host', member: 'Guest', screen: 'Screen' };

/**
 * Who a connection is, decided by the server alone. A personal credential names its
 * participant (id and name). A link token names nobody: the connection gets a fresh
 * participant id of the server's making, and the name it asked for (or a plain one), so
 * that a client can never act under somebody else's id.
 */
export function actorFor(grant: TokenGrant, askedName?: unknown): Actor {
  if (grant.participant) return { participantId: grant.participant.id, name: grant.participant.name, role: grant.role };
  const name = ParticipantName.safeParse(askedName);
  return { participantId: newParticipantId(), name: name.success ? name.data : UNNAMED[grant.role], role: grant.role };
}

/**
 * Whether a grant on a club session reads the club's follow-up (the open actions of its
 * earlier sessions, and their live changes): the host, the room's screen, and members who
 * came in as the club's. Not one who came in by the session's member link or the screen's
 * code (a guest, or anyone who saw it), during the meeting or after.
 */
export function followsTheClub(grant: TokenGrant): boolean {
  return grant.clubId !== undefined && (grant.role !== 'member' || grant.clubMember === true);
}
