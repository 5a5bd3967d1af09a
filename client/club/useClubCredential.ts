import type { ClubCredential } from '../../shared/club.ts';
import { savedCredential } from './club-credentials.ts';

/** This device's credential for the club, or null (it never opened one of its links). */
export function useClubCredential(clubId: string): ClubCredential | null {
  return savedCredential(clubId);
}
