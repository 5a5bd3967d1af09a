import { useMemo } from 'react';
import type { ClubCredential } from '../../shared/club.ts';
import { credentialFrom, storedCredential } from './club-credentials.ts';

/**
 * This device's credential for the club, or null (it never opened one of its links): the
 * same object from one render to the next while what is stored stays the same. A fresh one
 * at each render re-ran every effect that depends on it: the club page fetched the club,
 * rendered, and fetched again, 8 times a second, with a new live socket each time.
 */
export function useClubCredential(clubId: string): ClubCredential | null {
  const raw = storedCredential(clubId);
  return useMemo(() => credentialFrom(clubId, raw), [clubId, raw]);
}
