import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { MemoryPresenceStore } from './presence/memory.ts';
import type { PresenceStore } from './presence/types.ts';
import type { Redis } from './redis.ts';
import type { StoreHealth } from './storage/health.ts';
import { SqliteStorage } from './storage/sqlite.ts';
import { CHECK_IN_WORKER_ABOVE_BYTES, markStore, quickCheckFile, refuseLostStore } from './storage/sqlite-safety.ts';
import type { Storage } from './storage/types.ts';
import { InProcessBus, type RoomBus } from './sync/RoomBus.ts';

/**
 * The engines behind the server, from the configuration. Redis and PostgreSQL clients
 * are imported only when configured: a single node starts without loading them.
 */
export async function openStorage(config: Config, health: StoreHealth): Promise<Storage> {
  if (!config.databaseUrl) {
    const file = path.join(config.dataDir, 'entraide.sqlite');
    // Refuses to start on a database that went missing; checks its integrity: a small one
    // now, a large one on the SQLite worker thread while the rest of the start goes on.
    const size = refuseLostStore(file);
    const checkedNow = size > 0 && size <= CHECK_IN_WORKER_ABOVE_BYTES ? quickCheckFile(file) : null;
    const storage = new SqliteStorage(file);
    markStore(file);
    if (checkedNow !== null) health.integrity = checkedNow;
    else if (size > 0) health.checkIntegrity(storage.quickCheck());
    return storage;
  }
  const { PostgresStorage } = await import('./storage/postgres.ts');
  return PostgresStorage.connect(config.databaseUrl, config.databaseSchema);
}

/** Adapts Socket.IO to broadcast across instances. */
export type AdapterFactory = Parameters<import('socket.io').Server['adapter']>[0];

export interface Sharing {
  bus: RoomBus;
  presence: PresenceStore;
  socketAdapter: AdapterFactory | null;
  /** Whether Redis is in use (for /healthz). */
  redis: boolean;
  close(): Promise<void>;
}

/**
 * Without REDIS_URL: this instance alone. With it, instances sharing Redis share rooms
 * (a document's updates reach every instance that holds it; they must also share the
 * store: PostgreSQL, or one DATA_DIR on one host), presence and Socket.IO events.
 */
export async function openSharing(config: Config, log: Logger): Promise<Sharing> {
  if (!config.redisUrl) {
    const bus = new InProcessBus();
    return { bus, presence: new MemoryPresenceStore(), socketAdapter: null, redis: false, close: () => bus.close() };
  }
  const url = config.redisUrl;
  const [{ connectRedis, closeRedis, forSocketIoAdapter }, { RedisPresenceStore }, { RedisBus }, { createAdapter }] = await Promise.all([
    import('./redis.ts'),
    import('./presence/redis.ts'),
    import('./sync/RedisBus.ts'),
    import('@socket.io/redis-adapter'),
  ]);
  const names = ['io-pub', 'io-sub', 'presence', 'bus-pub', 'bus-sub'] as const;
  const clients = (await Promise.all(names.map((name) => connectRedis(url, log, name)))) as Redis[];
  const [ioPub, ioSub, presenceClient, busPub, busSub] = clients as [Redis, Redis, Redis, Redis, Redis];
  const bus = new RedisBus(busPub, busSub, log);
  return {
    bus,
    presence: new RedisPresenceStore(presenceClient),
    socketAdapter: createAdapter(forSocketIoAdapter(ioPub, log), forSocketIoAdapter(ioSub, log), { key: 'entraide:io' }),
    redis: true,
    close: async () => {
      await bus.close();
      await Promise.allSettled(clients.map((client) => closeRedis(client)));
    },
  };
}
