// The club credentials this device holds: one per club it joined, kept in localStorage.
import { ClubCredential } from '../../shared/club.ts';
import { readStored, writeStored } from '../sync/device.ts';

const key = (clubId: string) => `entraide:club:${clubId}`;

export function savedCredential(clubId: string): ClubCredential | null {
  return credentialFrom(clubId, storedCredential(clubId));
}

/** The credential as stored, unread (what a hook compares from one render to the next). */
export function storedCredential(clubId: string): string | null {
  return readStored(key(clubId));
}

/** The club's credential in what was stored, or null if it is none (or another club's). */
export function credentialFrom(clubId: string, raw: string | null): ClubCredential | null {
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
