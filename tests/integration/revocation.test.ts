import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../shared/protocol.ts';
import { joinAs, reissueLink } from '../helpers/access.ts';
import { connectProvider, destroyAll, openRaw, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, names, whenPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, tempDir, type CreatedSession, type TestServer } from '../helpers/server.ts';
import { addNote, noteTexts } from '../helpers/session-text.ts';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schemas: string[] = [];
const sockets: PresenceSocket[] = [];
const providers: WebsocketProvider[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  destroyAll(...providers);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const provider = (server: TestServer, sessionId: string, token: string) => {
  const p = connectProvider(server.ws, sessionId, token);
  providers.push(p);
  return p;
};
const presence = (server: TestServer, sessionId: string, token: string, name: string) => {
  const s = joinPresence(server.http, sessionId, token, name);
  sockets.push(s);
  return s;
};
/** Resolves with the close the server decided (the provider then stops reconnecting). */
const whenClosedForGood = (p: WebsocketProvider) =>
  new Promise<{ code: number; reason: string }>((resolve) => p.once('closed', (event) => resolve(event)));
const whenDisconnected = (s: PresenceSocket) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
const yjs = (server: TestServer, session: CreatedSession, token: string) => `${server.ws}/yjs/${session.id}?token=${token}`;
const socketIo = (server: TestServer, session: CreatedSession, token: string) =>
  `${server.ws}/socket.io/?EIO=4&transport=websocket&sessionId=${session.id}&token=${token}&name=X`;

/**
 * A member link is revoked: the connections it opened close at once (sync with 4401, a
 * final code for y-websocket; presence disconnected by the server), the old token opens
 * nothing, and people who joined through it keep their credentials.
 */
async function revokeMemberLink(where: TestServer, other: TestServer) {
  const session = await createSession(where.http);
  const nadia = await joinAs(where.http, session.id, session.tokens.member, 'Nadia');
  const host = presence(where, session.id, session.tokens.host, 'Hôte');
  const byLink = provider(other, session.id, session.tokens.member);
  const byLinkPresence = presence(other, session.id, session.tokens.member, 'Par le lien');
  const byCredential = provider(other, session.id, nadia.credential);
  const nadiaPresence = presence(other, session.id, nadia.credential, 'ignored');
  await Promise.all([whenSynced(byLink), whenSynced(byCredential)]);
  await whenPresence(host, (e) => names(e).join() === 'Hôte,Nadia,Par le lien');

  const closed = whenClosedForGood(byLink);
  const disconnected = whenDisconnected(byLinkPresence);
  const fresh = await reissueLink(where.http, session.id, session.tokens.host, 'member');
  expect(await closed).toEqual({ code: CloseCode.AccessRevoked, reason: 'link revoked' });
  expect(await disconnected).toBe('io server disconnect');
  await whenPresence(host, (e) => names(e).join() === 'Hôte,Nadia');

  for (const server of [where, other]) {
    expect(await openRaw(yjs(server, session, session.tokens.member))).toMatchObject({ kind: 'refused', status: 401 });
    expect(await openRaw(socketIo(server, session, session.tokens.member))).toMatchObject({ kind: 'refused', status: 401 });
    expect((await fetch(`${server.http}/api/sessions/${session.id}?token=${session.tokens.member}`)).status).toBe(401);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.tokens.member, name: 'Late' }),
    })).status).toBe(401);
  }

  // Nadia's connections stayed open and still carry her edits; the new link works.
  expect(byCredential.wsconnected).toBe(true);
  expect(nadiaPresence.connected).toBe(true);
  const newcomer = provider(where, session.id, fresh);
  await whenSynced(newcomer);
  addNote(byCredential.doc, { participantId: nadia.participantId, name: nadia.name }, 'toujours là');
  await whenDoc(newcomer.doc, (d) => noteTexts(d).includes('toujours là'));
  expect((await joinAs(where.http, session.id, fresh, 'Nouveau')).role).toBe('member');
  return { session, nadia, host, byCredential, nadiaPresence };
}

/** The host removes Nadia: her connections close, her credential opens nothing, others stay. */
async function removeNadia(where: TestServer, other: TestServer, ctx: Awaited<ReturnType<typeof revokeMemberLink>>) {
  const { session, nadia, host, byCredential, nadiaPresence } = ctx;
  const marc = await joinAs(where.http, session.id, session.tokens.host, 'Marc');
  const marcProvider = provider(other, session.id, marc.credential);
  await whenSynced(marcProvider);
  const closed = whenClosedForGood(byCredential);
  const disconnected = whenDisconnected(nadiaPresence);
  const res = await fetch(`${where.http}/api/sessions/${session.id}/participants/${nadia.participantId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${session.tokens.host}` },
  });
  expect(res.status).toBe(204);
  expect(await closed).toEqual({ code: CloseCode.AccessRevoked, reason: 'removed from the session' });
  expect(await disconnected).toBe('io server disconnect');
  await whenPresence(host, (e) => !names(e).includes('Nadia'));
  for (const server of [where, other]) {
    expect(await openRaw(yjs(server, session, nadia.credential))).toMatchObject({ kind: 'refused', status: 401, body: 'removed from this session by the host\n' });
    expect(await openRaw(socketIo(server, session, nadia.credential))).toMatchObject({ kind: 'refused', status: 401 });
  }
  expect(marcProvider.wsconnected).toBe(true);
  const list = await (await fetch(`${where.http}/api/sessions/${session.id}/participants`, { headers: { authorization: `Bearer ${marc.credential}` } })).json();
  expect(list.find((p: { participantId: string }) => p.participantId === nadia.participantId).removedAt).toEqual(expect.any(Number));
  // Removing twice, or someone unknown: 404.
  const again = await fetch(`${where.http}/api/sessions/${session.id}/participants/${nadia.participantId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${session.tokens.host}` },
  });
  expect(again.status).toBe(404);
}

describe('revoking links and removing people', () => {
  it('on one instance', async () => {
    const server = await startServer();
    const ctx = await revokeMemberLink(server, server);
    await removeNadia(server, server, ctx);
    await server.close();
  });

  it('the screen link too', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const screen = provider(server, session.id, session.tokens.screen);
    await whenSynced(screen);
    const closed = whenClosedForGood(screen);
    const fresh = await reissueLink(server.http, session.id, session.tokens.host, 'screen');
    expect((await closed).code).toBe(CloseCode.AccessRevoked);
    expect(await openRaw(yjs(server, session, session.tokens.screen))).toMatchObject({ kind: 'refused', status: 401 });
    const info = await (await fetch(`${server.http}/api/sessions/${session.id}?token=${fresh}`)).json();
    expect(info.role).toBe('screen');
    await server.close();
  });

  it('across two instances sharing PostgreSQL and Redis: the other instance closes its connections too', async () => {
    const schema = `entraide_test_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL };
    const a = await startServer({ ...cfg, dataDir: tempDir() });
    const b = await startServer({ ...cfg, dataDir: tempDir() });
    const ctx = await revokeMemberLink(a, b);
    await removeNadia(a, b, ctx);
    await Promise.all([a.close(), b.close()]);
  });
});
