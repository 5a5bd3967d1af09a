// The personal credential this device holds for each session it joined (localStorage, so
// every tab of the person is the same participant). See docs/security.md for why here.
import { ParticipantCredential } from '../../shared/schemas.ts';
import { readStored, writeStored } from './device.ts';

const key = (sessionId: string) => `entraide:credential:${sessionId}`;

export function storedCredential(sessionId: string): ParticipantCredential | null {
  const raw = readStored(key(sessionId));
  if (!raw) return null;
  try {
    const parsed = ParticipantCredential.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function storeCredential(sessionId: string, credential: ParticipantCredential): void {
  writeStored(key(sessionId), JSON.stringify(credential));
}

export function forgetCredential(sessionId: string): void {
  try {
    localStorage.removeItem(key(sessionId));
  } catch {
    // No storage: nothing was kept.
  }
}
