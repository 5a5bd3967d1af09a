import { io } from 'socket.io-client';
import * as S from '../../shared/session/index.ts';
import { addNote } from '../helpers/session-text.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceEntry } from '../../shared/schemas.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, openRaw, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, whenPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;
const sockets: PresenceSocket[] = [];
const providers: WebsocketProvider[] = [];
const provider = (token: string) => {
  const p = connectProvider(server.ws, session.id, token);
  providers.push(p);
  return p;
};
const presence = (token: string, name: string) => {
  const s = joinPresence(server.http, session.id, token, name);
  sockets.push(s);
  return s;
};
beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  destroyAll(...providers);
  await server.close();
});

const byName = (entries: PresenceEntry[], name: string) => entries.filter((e) => e.name === name);

describe('who a connection is: the server says, not the client', () => {
  it('a link token gets a participant id of the server making; an id the client asks for is ignored', async () => {
    const watcher = presence(session.tokens.host, 'Claire');
    const impostor = io(server.http, {
      path: '/socket.io/',
      transports: ['websocket'],
      query: { sessionId: session.id, token: session.tokens.member, name: 'Marc', participantId: 'p-claire-host-id', view: 'lobby' },
    });
    sockets.push(impostor);
    const list = await whenPresence(watcher, (e) => byName(e, 'Marc').length === 1);
    const marc = byName(list, 'Marc')[0];
    expect(marc?.participantId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(marc?.participantId).not.toBe('p-claire-host-id');
    expect(byName(list, 'Claire')[0]?.participantId).not.toBe(marc?.participantId);
    impostor.disconnect();
  });

  it('entering with a link and a name gives a personal credential bound to a participant and the link role', async () => {
    const nadia = await joinAs(server.http, session.id, session.tokens.member, 'Nadia Haddad');
    expect(nadia).toMatchObject({ role: 'member', name: 'Nadia Haddad' });
    expect(nadia.participantId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(nadia.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nadia.credential).not.toBe(session.tokens.member);
    const host = await joinAs(server.http, session.id, session.tokens.host, 'Laurent Pellet');
    expect(host.role).toBe('host');

    // The session info names the participant.
    const info = await (await fetch(`${server.http}/api/sessions/${session.id}?token=${nadia.credential}`)).json();
    expect(info).toMatchObject({ role: 'member', participant: { id: nadia.participantId, name: 'Nadia Haddad' } });

    // A credential opens the document with the stock provider.
    const writer = provider(nadia.credential);
    const reader = provider(session.tokens.screen);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    addNote(writer.doc, { participantId: nadia.participantId, name: nadia.name }, 'Par Nadia');
    await whenDoc(reader.doc, (d) => S.getVisitNotes(d).some((n) => n.text === 'Par Nadia' && n.authorId === nadia.participantId));

    // A credential opens no other session, and a credential cannot make another participant.
    const other = await createSession(server.http);
    expect(await openRaw(`${server.ws}/yjs/${other.id}?token=${nadia.credential}`)).toMatchObject({ kind: 'refused', status: 401 });
    const again = await fetch(`${server.http}/api/sessions/${session.id}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: nadia.credential, name: 'Someone else' }),
    });
    expect(again.status).toBe(400);
  });

  it('presence shows the credential participant and its name, whatever the query says; two tabs are one participant', async () => {
    const watcher = presence(session.tokens.host, 'Watcher');
    const thomas = await joinAs(server.http, session.id, session.tokens.member, 'Thomas Guillot');
    const tabA = io(server.http, {
      path: '/socket.io/',
      transports: ['websocket'],
      query: { sessionId: session.id, token: thomas.credential, name: 'Not Thomas', participantId: 'forged-id-123', view: 'lobby' },
    });
    sockets.push(tabA);
    const tabB = presence(thomas.credential, 'Thomas Guillot');
    const list = await whenPresence(watcher, (e) => byName(e, 'Thomas Guillot').length === 2);
    expect(new Set(byName(list, 'Thomas Guillot').map((e) => e.participantId))).toEqual(new Set([thomas.participantId]));
    expect(list.some((e) => e.name === 'Not Thomas' || e.participantId === 'forged-id-123')).toBe(false);
    tabA.disconnect();
    tabB.disconnect();
  });

  it('a participant renames himself with his credential; a new connection shows the new name', async () => {
    const elodie = await joinAs(server.http, session.id, session.tokens.member, 'Élodie');
    const res = await fetch(`${server.http}/api/sessions/${session.id}/participants/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${elodie.credential}` },
      body: JSON.stringify({ name: 'Élodie Favre' }),
    });
    expect(res.status).toBe(200);
    const info = await (await fetch(`${server.http}/api/sessions/${session.id}?token=${elodie.credential}`)).json();
    expect(info.participant).toEqual({ id: elodie.participantId, name: 'Élodie Favre' });
    const byLink = await fetch(`${server.http}/api/sessions/${session.id}/participants/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.tokens.member}` },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(byLink.status).toBe(400);
  });

  it('bad input to the participants endpoint gets a clear error', async () => {
    const post = (body: unknown) =>
      fetch(`${server.http}/api/sessions/${session.id}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post({ token: session.tokens.member })).json()).toEqual({ error: expect.stringContaining('name') });
    expect((await post({ token: session.tokens.member, name: '' })).status).toBe(400);
    expect((await post({ token: 'x'.repeat(43), name: 'Eve' })).status).toBe(401);
    const unknown = await fetch(`${server.http}/api/sessions/unknownSession1/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.tokens.member, name: 'Eve' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('only the host lists participants, removes them and reissues links', async () => {
    const marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc Duret');
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${server.http}/api/sessions/${session.id}/participants`, as(marc.credential))).status).toBe(403);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/participants`, as(session.tokens.member))).status).toBe(403);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/links/member`, { method: 'POST', ...as(marc.credential) })).status).toBe(403);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/participants/${marc.participantId}`, { method: 'DELETE', ...as(session.tokens.screen) })).status).toBe(403);
    expect((await fetch(`${server.http}/api/sessions/${session.id}/links/host`, { method: 'POST', ...as(session.tokens.host) })).status).toBe(400);
    const list = await (await fetch(`${server.http}/api/sessions/${session.id}/participants`, as(session.tokens.host))).json();
    expect(list).toContainEqual(expect.objectContaining({ participantId: marc.participantId, name: 'Marc Duret', role: 'member', removedAt: null }));
  });
});

