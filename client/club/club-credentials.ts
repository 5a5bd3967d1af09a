// The club credentials this device holds: one per club it joined, kept in localStorage.
import { ClubCredential } from '../../shared/club.ts';
import { readStored, writeStored } from '../sync/device.ts';

const key = (clubId: string) => `entraide:club:${clubId}`;

export function savedCredential(clubId: string): ClubCredential | null {
  const raw = readStored(key(clubId));
  if (!raw) return null;
  try {
    const parsed = ClubCredential.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.clubId === clubId ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCredential(credential: ClubCredential): void {
  writeStored(key(credential.clubId), JSON.stringify(credential));
}
