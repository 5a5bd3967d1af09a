import type { PresenceEntry } from '../../shared/schemas.ts';

/**
 * Who is in which session. Entries expire unless renewed, so the users of an instance
 * that died vanish by themselves. One interface, in memory for a single node and in
 * Redis for several.
 */
export interface PresenceStore {
  /** Adds or renews an entry until `expiresAt` (ms since epoch). */
  put(entry: PresenceEntry, expiresAt: number): Promise<void>;
  remove(sessionId: string, connectionId: string): Promise<void>;
  /** The live entries of a session, oldest first; expired ones are dropped. */
  list(sessionId: string, now?: number): Promise<PresenceEntry[]>;
  ping(): Promise<void>;
}

export function byArrival(a: PresenceEntry, b: PresenceEntry): number {
  return a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : 0;
}
