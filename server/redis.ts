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
