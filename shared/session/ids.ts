// Ids for new entries: random, URL-safe, long enough that two offline replicas never collide.
import type { CreateOptions } from './types.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

export function idOf(opts: CreateOptions | undefined): string {
  return opts?.id ?? newId();
}

export function timeOf(opts: CreateOptions | undefined): number {
  return opts?.at ?? Date.now();
}
