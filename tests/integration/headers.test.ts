import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;
beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
});
afterAll(async () => {
  await server.close();
});

describe('keep-alive', () => {
  it('keeps idle connections longer than a proxy does (60 s), so none is closed as it is reused', async () => {
    const res = await fetch(`${server.http}/healthz`);
    expect(res.headers.get('keep-alive')).toBe('timeout=65');
  });
});

describe('headers that keep links and content out of sight', () => {
  it('every API answer, the summary and errors included, is not to be stored by any cache', async () => {
    const urls = [
      `/api/sessions/${session.id}?token=${session.tokens.member}`,
      `/api/sessions/${session.id}/summary?token=${session.tokens.member}`,
      `/api/sessions/${session.id}/summary?token=${session.tokens.member}&format=md`,
      `/api/sessions/${session.id}?token=${'x'.repeat(43)}`,
      '/api/nothing-here',
    ];
    for (const url of urls) {
      const res = await fetch(`${server.http}${url}`);
      expect([url, res.headers.get('cache-control')]).toEqual([url, 'no-store']);
    }
    const created = await fetch(`${server.http}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(created.status).toBe(400);
    expect(created.headers.get('cache-control')).toBe('no-store');
  });

  it('a Content-Security-Policy that forbids framing, and no Referer', async () => {
    const res = await fetch(`${server.http}/api/sessions/${session.id}?token=${session.tokens.member}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
