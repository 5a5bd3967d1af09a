import { useEffect, useState } from 'react';
import type { ClubMember } from '../../shared/club.ts';
import { fetchClub } from './club-api.ts';
import { useClubCredential } from './useClubCredential.ts';

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
    fetchClub(credential).then(
      (view) => {
        if (live) setMembers(view.members);
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
