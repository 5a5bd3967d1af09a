import { useEffect, useState } from 'react';
import type { ClubCredential, ClubMember } from '../../shared/club.ts';
import { fetchClub } from './club-api.ts';
import { useClubCredential } from './useClubCredential.ts';

/** How long a member list fetched serves the forms that ask for it again. */
const FRESH_MS = 60_000;
const recent = new Map<string, { readonly at: number; readonly members: Promise<readonly ClubMember[]> }>();

/**
 * The club's members, fetched once for every form that asks within a minute: each action
 * form (the new action's, the one being edited) fetched the whole club view for itself.
 */
function membersOf(credential: ClubCredential): Promise<readonly ClubMember[]> {
  const key = `${credential.clubId}:${credential.credential}`;
  const hit = recent.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.members;
  const members = fetchClub(credential).then((view) => view.members);
  recent.set(key, { at: Date.now(), members });
  // A failure is not kept: the next form asks again.
  members.catch(() => recent.delete(key));
  return members;
}

/**
 * The members of the session's club, for a device that entered as one of them (its club
 * credential): empty until they come, or for a session without a club, or a device that
 * came in by a link. A club member absent from the room can carry an action.
 */
export function useClubMembers(clubId: string | null | undefined): readonly ClubMember[] {
  const credential = useClubCredential(clubId ?? '');
  const [members, setMembers] = useState<readonly ClubMember[]>([]);
  useEffect(() => {
    if (!clubId || !credential) return;
    let live = true;
    membersOf(credential).then(
      (list) => {
        if (live) setMembers(list);
      },
      // Without the list, the owner is chosen among the people present, as before.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [clubId, credential]);
  return members;
}
