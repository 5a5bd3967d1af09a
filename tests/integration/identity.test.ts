import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../../shared/schemas.ts';
import { joinPresence, whenPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;
const sockets: PresenceSocket[] = [];
beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

describe('who a connection is: the server says, not the client', () => {
  it('a link token gets a participant id of the server making; an id the client asks for is ignored', async () => {
    const watcher = joinPresence(server.http, session.id, session.tokens.host, 'Claire');
    sockets.push(watcher);
    const impostor = io(server.http, {
      path: '/socket.io/',
      transports: ['websocket'],
      query: { sessionId: session.id, token: session.tokens.member, name: 'Marc', participantId: 'p-claire-host-id', view: 'lobby' },
    });
    sockets.push(impostor);
    const list = await whenPresence(watcher, (e) => e.length === 2);
    const marc = list.find((e: PresenceEntry) => e.name === 'Marc');
    const claire = list.find((e: PresenceEntry) => e.name === 'Claire');
    expect(marc?.participantId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(marc?.participantId).not.toBe('p-claire-host-id');
    expect(claire?.participantId).not.toBe(marc?.participantId);
  });
});
