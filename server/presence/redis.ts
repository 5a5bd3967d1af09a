import { PresenceEntry } from '../../shared/schemas.ts';
import type { Redis } from '../redis.ts';
import { byArrival, type PresenceStore } from './types.ts';

/**
 * Presence in Redis, shared by every instance. Per session, a sorted set holds each
 * connection's expiry time and a hash holds its entry. Expiry is per entry (Redis 7.0 has
 * no per-field TTL), checked on read; both keys also expire as a whole once nobody renews
 * anything in the session.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'entraide:presence') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async put(entry: PresenceEntry, expiresAt: number): Promise<void> {
    const { expiry, entries } = this.#keys(entry.sessionId);
    const keepKeysMs = Math.max(1000, expiresAt - Date.now()) * 2;
    await this.#redis
      .multi()
      .zAdd(expiry, { score: expiresAt, value: entry.connectionId })
      .hSet(entries, entry.connectionId, JSON.stringify(entry))
      .pExpire(expiry, keepKeysMs)
      .pExpire(entries, keepKeysMs)
      .exec();
  }

  async remove(sessionId: string, connectionId: string): Promise<void> {
    const { expiry, entries } = this.#keys(sessionId);
    await this.#redis.multi().zRem(expiry, connectionId).hDel(entries, connectionId).exec();
  }

  async list(sessionId: string, now = Date.now()): Promise<PresenceEntry[]> {
    const { expiry, entries } = this.#keys(sessionId);
    const expired = await this.#redis.zRangeByScore(expiry, '-inf', now);
    if (expired.length > 0) await this.#redis.multi().zRem(expiry, expired).hDel(entries, expired).exec();
    const live = await this.#redis.zRangeByScore(expiry, `(${now}`, '+inf');
    if (live.length === 0) return [];
    const raw = await this.#redis.hmGet(entries, live);
    const result: PresenceEntry[] = [];
    for (const json of raw) {
      if (typeof json !== 'string') continue;
      const parsed = PresenceEntry.safeParse(safeJson(json));
      if (parsed.success) result.push(parsed.data);
    }
    return result.sort(byArrival);
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  #keys(sessionId: string) {
    return { expiry: `${this.#prefix}:${sessionId}:expiry`, entries: `${this.#prefix}:${sessionId}:entries` };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
