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
 * Closes a client without waiting on a Redis that does not answer. node-redis's close()
 * waits for every queued command's reply, and a subscription change made during an
 * outage stays queued until Redis is back: closing then would wait forever. So: a
 * graceful close while Redis answers (with a deadline), and an immediate one otherwise,
 * which rejects what is still queued.
 */
export async function closeRedis(client: Redis, graceMs = 2000): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const outcome = await Promise.race([client.close().then(() => 'closed' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'late') client.destroy();
}

const PUBLISH = new Set<PropertyKey>(['publish', 'PUBLISH']);
const SUBSCRIBE = new Set<PropertyKey>(['subscribe', 'SUBSCRIBE', 'pSubscribe', 'PSUBSCRIBE']);
const UNSUBSCRIBE = new Set<PropertyKey>(['unsubscribe', 'UNSUBSCRIBE', 'pUnsubscribe', 'PUNSUBSCRIBE']);

/**
 * A view of a client for the Socket.IO Redis adapter, which calls it without handling the
 * promises it gets back. With node-redis, a command in flight when Redis goes away
 * rejects, and an unhandled rejection ends the process. Through this view:
 * - a failed publish is logged (events published while Redis is away are lost; presence
 *   lists are sent again by the next heartbeat);
 * - a failed subscription is made again when Redis answers (node-redis restores only
 *   the subscriptions that succeeded; without this the adapter would stay deaf);
 * - a failed unsubscription is logged (the connection it was on is gone anyway).
 */
export function forSocketIoAdapter(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const call = (args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      if (PUBLISH.has(property)) {
        return (...args: unknown[]) =>
          call(args).catch((err: unknown) => {
            log.debug({ err: (err as Error).message }, 'socket.io event not published: redis unavailable');
            return 0;
          });
      }
      if (SUBSCRIBE.has(property)) {
        return (...args: unknown[]) => {
          const attempt = (): Promise<unknown> =>
            Promise.resolve(call(args)).catch((err: unknown) => {
              if (!target.isOpen) return undefined; // closing: nothing to restore
              // Still connected: Redis itself refused (an ACL, say); trying again would loop.
              if (target.isReady) {
                log.error({ err: (err as Error).message, command: String(property) }, 'socket.io subscription refused by redis');
                return undefined;
              }
              log.warn({ err: (err as Error).message, command: String(property) }, 'socket.io subscription lost with the connection; retrying when redis answers');
              return new Promise<void>((resolve) => target.once('ready', () => resolve())).then(attempt);
            });
          return attempt();
        };
      }
      if (UNSUBSCRIBE.has(property)) {
        return (...args: unknown[]) =>
          Promise.resolve(call(args)).catch((err: unknown) => {
            log.debug({ err: (err as Error).message }, 'socket.io unsubscription failed: redis unavailable');
          });
      }
      // node-redis keeps state in private fields: call its methods on the real client.
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
