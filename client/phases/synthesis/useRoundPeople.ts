import { getLearnings, roots, type Learning } from '../../../shared/session/index.ts';
import { distinctNames } from '../../components/people-names.ts';
import { useExternal } from '../../hooks/useExternal.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useJoinedPeople } from '../../room/useJoinedPeople.ts';
import { useRoom } from '../../room/room-context.ts';
import { hasLearning } from './LearningEntry.tsx';

/** Someone of the closing round: who joined the session, or has written his learnings. */
export interface RoundPerson {
  readonly participantId: string;
  readonly name: string;
  readonly role: 'host' | 'member';
  /** No device of his is connected now (his phone offline, or he left): said beside his name. */
  readonly offline: boolean;
  /** What he wrote; null while he has written nothing. */
  readonly learning: Learning | null;
}

/**
 * The people of the closing round: the host and every member who joined the session,
 * connected now or not (a phone that dropped offline vanished from the round, and the host
 * thought its member had not come; one who left without writing is asked, or known gone),
 * and whoever wrote learnings; the host first, then by name (as the list of people present).
 */
export function useRoundPeople(): RoundPerson[] {
  const { conn, doc } = useRoom();
  const joined = useJoinedPeople();
  const live = useExternal(conn.presence, (p) => p.connected);
  const learnings = useYValue(roots(doc).learnings, () => getLearnings(doc).filter(hasLearning), [doc]);
  const wrote = new Map(learnings.map((l) => [l.participantId, l]));
  const people: RoundPerson[] = joined.map((p) => ({ ...p, learning: wrote.get(p.participantId) ?? null }));
  const here = new Set(people.map((p) => p.participantId));
  for (const l of learnings) {
    if (here.has(l.participantId)) continue;
    people.push({ participantId: l.participantId, name: l.name, role: 'member', offline: live, learning: l });
  }
  // Two of one name (two "Philippe") are told apart, as in every list of people.
  const labels = distinctNames(people);
  const rank = { host: 0, member: 1 } as const;
  return people.map((p) => ({ ...p, name: labels.get(p.participantId) ?? p.name })).sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}
