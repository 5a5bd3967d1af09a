import { createClient } from 'redis';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { closeRedis, connectRedis, forSocketIoAdapter } from '../../server/redis.ts';
import { startRedis } from '../helpers/presence.ts';
import { reservedPort } from '../helpers/ports.ts';

const log = createLogger('silent');

/** Another connection to the same Redis, to look at it and to publish. */
async function observer(url: string) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('Redis clients through an outage', () => {
  it('a subscription in flight when Redis dies is made again once Redis is back', async () => {
    const port = await reservedPort();
    let redis = await startRedis(port);
    const client = await connectRedis(redis.url, log, 'io-sub');
    const adapterView = forSocketIoAdapter(client, log);

    // Redis takes the command but does not answer it: it is in flight when Redis dies.
    const pauser = await observer(redis.url);
    await pauser.sendCommand(['CLIENT', 'PAUSE', '60000', 'ALL']);
    const received: string[] = [];
    void adapterView.pSubscribe('entraide:io#*', (message: Buffer) => received.push(message.toString()), true);
    await redis.stop();
    pauser.destroy();

    redis = await startRedis(port); // a new, empty Redis on the same port
    const other = await observer(redis.url);
    // node-redis restores only subscriptions that succeeded: this one comes back through the retry.
    await vi.waitFor(async () => expect(await other.sendCommand(['PUBSUB', 'NUMPAT'])).toBe(1), { timeout: 10_000 });
    await other.publish('entraide:io#/#', 'après la coupure');
    await vi.waitFor(() => expect(received).toEqual(['après la coupure']));

    other.destroy();
    await closeRedis(client);
    await redis.stop();
  });

  it('closing while Redis is away does not wait for it, and fails what was queued', async () => {
    const redis = await startRedis(await reservedPort());
    const client = await connectRedis(redis.url, log, 'bus-sub');
    await client.subscribe('entraide:room:x', () => {}, true);
    await redis.stop();
    // node-redis keeps a subscription change queued until Redis answers again.
    const unsubscribed = client.unsubscribe('entraide:room:x').then(
      () => 'done',
      () => 'failed',
    );
    await closeRedis(client);
    expect(await unsubscribed).toBe('failed');
    expect(client.isOpen).toBe(false);
  });

  it('closing while Redis answers is graceful: queued commands get their replies', async () => {
    const redis = await startRedis(await reservedPort());
    const client = await connectRedis(redis.url, log, 'presence');
    const written = client.set('entraide:k', 'v');
    await closeRedis(client);
    expect(await written).toBe('OK');
    const other = await observer(redis.url);
    expect(await other.get('entraide:k')).toBe('v');
    other.destroy();
    await redis.stop();
  });
});
