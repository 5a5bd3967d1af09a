import type { Logger } from 'pino';
import { createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

/**
 * A Redis client that reconnects forever with a capped backoff, and fails commands at
 * once while disconnected instead of queueing them: presence heartbeats rewrite
 * everything on the next beat, and a queue would only replay stale state.
 */
export async function connectRedis(url: string, log: Logger, name: string): Promise<Redis> {
  const client: Redis = createClient({
    url,
    name: `entraide-${name}`,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000), connectTimeout: 5000 },
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log.warn({ err: err.message, client: name }, 'redis connection lost; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ client: name }, 'redis connection back');
    down = false;
  });
  await client.connect();
  return client;
}

/**
 * The Socket.IO Redis adapter publishes without handling the returned promise; with
 * node-redis a publish during an outage rejects, and an unhandled rejection ends the
 * process. This view of the client logs those failures instead (events published while
 * Redis is away are lost; presence lists are re-sent by the next heartbeat).
 */
export function withSafePublish(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'publish' || property === 'PUBLISH') {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<number>).apply(target, args).catch((err: unknown) => {
            log.debug({ err: (err as Error).message }, 'socket.io event not published: redis unavailable');
            return 0;
          });
      }
      // node-redis keeps state in private fields: call its methods on the real client.
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
