import { getLearnings, getParticipants, roots, type Learning } from '../../../shared/session/index.ts';
import { peopleOf } from '../../components/PresenceList.tsx';
import { useExternal } from '../../hooks/useExternal.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useRoom } from '../../room/room-context.ts';
import { hasLearning } from './LearningEntry.tsx';

/** Someone of the closing round: in the room now, or who has written his learnings. */
export interface RoundPerson {
  readonly participantId: string;
  readonly name: string;
  readonly role: 'host' | 'member';
  readonly present: boolean;
  /** What he wrote; null while he has written nothing. */
  readonly learning: Learning | null;
}

/**
 * The people of the closing round: the host and the members present, and whoever wrote
 * learnings and has left; the host first, then by name (as the list of people present).
 */
export function useRoundPeople(): RoundPerson[] {
  const { conn, doc } = useRoom();
  const present = peopleOf(useExternal(conn.presence, (p) => p.entries)).filter((p) => p.role !== 'screen');
  const learnings = useYValue(roots(doc).learnings, () => getLearnings(doc).filter(hasLearning), [doc]);
  // Plain data (useYValue compares structurally): the role each person joined with.
  const roles = useYValue(roots(doc).participants, () => Object.fromEntries(getParticipants(doc).map((p) => [p.participantId, p.role])), [doc]);
  const wrote = new Map(learnings.map((l) => [l.participantId, l]));
  const people: RoundPerson[] = present.map((p) => ({
    participantId: p.participantId,
    name: p.name,
    role: p.role === 'host' ? 'host' : 'member',
    present: true,
    learning: wrote.get(p.participantId) ?? null,
  }));
  const here = new Set(people.map((p) => p.participantId));
  for (const l of learnings) {
    if (here.has(l.participantId)) continue;
    people.push({ participantId: l.participantId, name: l.name, role: roles[l.participantId] === 'host' ? 'host' : 'member', present: false, learning: l });
  }
  const rank = { host: 0, member: 1 } as const;
  return people.sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}
