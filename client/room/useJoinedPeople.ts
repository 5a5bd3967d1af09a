// The people of the session: whoever joined it (the host, the members: the document's
// `participants`, the room's screen is none) and whoever is connected now, each said
// connected or not as the server's presence list says. A phone gone offline is not gone
// from the session: the closing round keeps him, and the reveal names him.
import { getParticipants, roots } from '../../shared/session/index.ts';
import { peopleOf } from '../components/PresenceList.tsx';
import { useExternal } from '../hooks/useExternal.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from './room-context.ts';

export interface JoinedPerson {
  readonly participantId: string;
  readonly name: string;
  readonly role: 'host' | 'member';
  /**
   * No device of his is connected, as the server's list says. False while this device's own
   * list is not live (offline itself, it knows nobody's state and marks nobody).
   */
  readonly offline: boolean;
}

export function useJoinedPeople(): JoinedPerson[] {
  const { conn, doc } = useRoom();
  const live = useExternal(conn.presence, (p) => p.connected);
  const present = peopleOf(useExternal(conn.presence, (p) => p.entries)).filter((p) => p.role !== 'screen');
  // Plain data (useYValue compares structurally).
  const joined = useYValue(
    roots(doc).participants,
    () => getParticipants(doc).filter((p) => p.role !== 'screen').map((p) => ({ participantId: p.participantId, name: p.name, role: p.role })),
    [doc],
  );
  const people: JoinedPerson[] = present.map((p) => ({ participantId: p.participantId, name: p.name, role: p.role === 'host' ? 'host' : 'member', offline: false }));
  const here = new Set(people.map((p) => p.participantId));
  for (const p of joined) {
    if (here.has(p.participantId)) continue;
    people.push({ participantId: p.participantId, name: p.name, role: p.role === 'host' ? 'host' : 'member', offline: live });
  }
  const rank = { host: 0, member: 1 } as const;
  return people.sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}
