// What this device remembers about its user: the name typed at the first join, and a
// random id made once that only the shared screen's page uses locally (it writes nothing).
// A person's participant id is the server's, with his credential (credentials.ts).
import { newId } from '../../shared/session/index.ts';

const PARTICIPANT_KEY = 'entraide:participantId';
const NAME_KEY = 'entraide:name';

type Area = 'local' | 'session';
const area = (where: Area): Storage => (where === 'local' ? localStorage : sessionStorage);

/** A remembered value, or null where the browser keeps none (private mode, blocked storage). */
export function readStored(key: string, where: Area = 'local'): string | null {
  try {
    return area(where).getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string, where: Area = 'local'): void {
  try {
    area(where).setItem(key, value);
  } catch {
    // No storage (private mode): the value lasts for this page only.
  }
}

export function removeStored(key: string, where: Area = 'local'): void {
  try {
    area(where).removeItem(key);
  } catch {
    // No storage: nothing was kept.
  }
}

let memoryId: string | null = null;

export function participantId(): string {
  const saved = readStored(PARTICIPANT_KEY);
  if (saved && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
  memoryId ??= newId(24);
  writeStored(PARTICIPANT_KEY, memoryId);
  return memoryId;
}

export function savedName(): string | null {
  const name = readStored(NAME_KEY)?.trim();
  return name ? name : null;
}

export function saveName(name: string): void {
  writeStored(NAME_KEY, name.trim());
}
