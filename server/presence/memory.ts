import type { PresenceEntry } from '../../shared/schemas.ts';
import { byArrival, type PresenceStore } from './types.ts';

/** Presence for a single node without Redis. */
export class MemoryPresenceStore implements PresenceStore {
  readonly #sessions = new Map<string, Map<string, { entry: PresenceEntry; expiresAt: number }>>();

  async put(entry: PresenceEntry, expiresAt: number): Promise<void> {
    let session = this.#sessions.get(entry.sessionId);
    if (!session) {
      session = new Map();
      this.#sessions.set(entry.sessionId, session);
    }
    session.set(entry.connectionId, { entry, expiresAt });
  }

  async remove(sessionId: string, connectionId: string): Promise<void> {
    const session = this.#sessions.get(sessionId);
    session?.delete(connectionId);
    if (session?.size === 0) this.#sessions.delete(sessionId);
  }

  async list(sessionId: string, now = Date.now()): Promise<PresenceEntry[]> {
    const session = this.#sessions.get(sessionId);
    if (!session) return [];
    const live: PresenceEntry[] = [];
    for (const [id, { entry, expiresAt }] of session) {
      if (expiresAt <= now) session.delete(id);
      else live.push(entry);
    }
    if (session.size === 0) this.#sessions.delete(sessionId);
    return live.sort(byArrival);
  }

  async ping(): Promise<void> {}
}
