// What this device remembers about its user: a random participant id made once, and the
// name typed at the first join. Both live in localStorage, never on the server alone.
const PARTICIPANT_KEY = 'entraide:participantId';
const NAME_KEY = 'entraide:name';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // No storage (private mode): the value lasts for this page only.
  }
}

function randomId(length = 22): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return id;
}

let memoryId: string | null = null;

export function participantId(): string {
  const saved = read(PARTICIPANT_KEY);
  if (saved && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
  memoryId ??= randomId();
  write(PARTICIPANT_KEY, memoryId);
  return memoryId;
}

export function savedName(): string | null {
  const name = read(NAME_KEY)?.trim();
  return name ? name : null;
}

export function saveName(name: string): void {
  write(NAME_KEY, name.trim());
}
