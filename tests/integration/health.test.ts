import { describe, expect, it, vi } from 'vitest';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { reservedPort } from '../helpers/ports.ts';
import { joinPresence, names, startRedis, whenPresence } from '../helpers/presence.ts';
import { createSession, startServer, tempDir } from '../helpers/server.ts';
import { hostLine, hostLineText } from '../helpers/session-text.ts';

async function health(base: string, path: string): Promise<{ status: number; body: { status: string; checks?: Record<string, string> } }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as { status: string; checks?: Record<string, string> } };
}

describe('health with Redis away (issue 10)', () => {
  it('stays live and ready, says "degraded", and every instance still serves its own clients', async () => {
    const port = await reservedPort();
    let redis = await startRedis(port);
    const cfg = { redisUrl: redis.url, presenceTtlMs: 3000, presenceHeartbeatMs: 200 };
    const dataDir = tempDir();
    const a = await startServer({ ...cfg, dataDir });
    const b = await startServer({ ...cfg, dataDir });
    const session = await createSession(a.http);
    for (const server of [a, b]) {
      expect(await health(server.http, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', checks: { storage: 'ok', redis: 'ok', writes: 'ok' } } });
    }

    await redis.stop();
    for (const server of [a, b]) {
      await vi.waitFor(async () => {
        // What a balancer probes keeps both instances in: each still serves its clients.
        expect(await health(server.http, '/healthz/ready')).toMatchObject({ status: 200, body: { status: 'degraded', checks: { storage: 'ok' } } });
      });
      expect((await health(server.http, '/healthz')).status).toBe(200);
      expect((await health(server.http, '/healthz/ready')).body.checks?.redis).not.toBe('ok');
      expect(await health(server.http, '/healthz/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
    // The host and a member on instance A work together while Redis is away.
    const one = connectProvider(a.ws, session.id, session.tokens.host);
    const two = connectProvider(a.ws, session.id, session.tokens.member);
    await Promise.all([whenSynced(one), whenSynced(two)]);
    hostLine(one.doc).insert(0, 'sans Redis');
    await whenDoc(two.doc, (d) => hostLineText(d) === 'sans Redis');

    redis = await startRedis(port);
    await vi.waitFor(async () => expect((await health(a.http, '/healthz')).body.status).toBe('ok'), { timeout: 10_000 });
    const alice = joinPresence(a.http, session.id, session.tokens.member, 'Alice');
    await whenPresence(alice, (e) => names(e).includes('Alice'));
    alice.close();
    destroyAll(one, two);
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
  });

  it('is not ready (503) when storage does not answer, and live still', async () => {
    const server = await startServer();
    // What a lost database file looks like to a running server: it no longer answers.
    const sqlite = (server.app.storage.docs as unknown as { close(): Promise<void> });
    await sqlite.close();
    expect(await health(server.http, '/healthz/ready')).toMatchObject({ status: 503, body: { status: 'unavailable' } });
    expect((await health(server.http, '/healthz')).status).toBe(503);
    expect((await health(server.http, '/healthz/live')).status).toBe(200);
    await server.close().catch(() => {});
  });
});
