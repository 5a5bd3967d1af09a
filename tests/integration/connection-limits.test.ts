import { describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../shared/protocol.ts';
import type { WebSocket } from 'ws';
import { awarenessFrame } from '../../server/sync/messages.ts';
import { collectFrames, connectionPair, connectProvider, destroyAll, openRaw, whenClosed, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createClub, createClubSession, joinClub } from '../helpers/clubs.ts';
import { createSession, startServer } from '../helpers/server.ts';

/** An awareness message speaking for `clients` (id, clock, state), encoded by hand. */
function awareness(clients: Array<[number, number, object | null]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients.length);
  for (const [id, clock, state] of clients) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return awarenessFrame(encoding.toUint8Array(e));
}

async function raw(url: string) {
  const opened = await openRaw(url);
  if (opened.kind !== 'open') throw new Error(`refused with ${opened.status}`);
  return { ws: opened.ws, frames: collectFrames(opened.ws) };
}

describe('awareness limits', () => {
  it('refuses a connection that speaks for more than four awareness clients', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const c = await raw(url);
    const closed = whenClosed(c.ws);
    c.ws.send(awareness([1, 2, 3, 4, 5].map((id) => [id, 1, { user: { name: `n${id}` } }])));
    expect((await closed).code).toBe(CloseCode.MalformedMessage);

    const big = await raw(url);
    const bigClosed = whenClosed(big.ws);
    big.ws.send(awareness([[9, 1, { user: { name: 'x'.repeat(70_000) } }]]));
    expect((await bigClosed).code).toBe(CloseCode.MalformedMessage);
    await server.close();
  });

  it('keeps a room of eight stock providers: the states a provider echoes back are not its own', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const providers = [];
    for (let i = 0; i < 8; i++) {
      const p = connectProvider(server.ws, session.id, session.tokens.member);
      p.awareness.setLocalStateField('user', { name: `Membre ${i}` });
      await whenSynced(p);
      providers.push(p);
    }
    const last = providers[7]!;
    await vi.waitFor(() => expect(last.awareness.getStates().size).toBe(8));
    for (const p of providers) {
      p.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    }
    await vi.waitFor(() => expect([...last.awareness.getStates().values()].filter((st) => st.cursor).length).toBe(8));
    expect(providers.every((p) => p.wsconnected)).toBe(true);
    destroyAll(...providers);
    await server.close();
  });

  it('a client id belongs to the connection that announced it, while it is open', async () => {
    const server = await startServer();
    const session = await createSession(server.http);
    const url = `${server.ws}/yjs/${session.id}?token=${session.tokens.member}`;
    const observer = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(observer);
    const names = () => [...observer.awareness.getStates().entries()].filter(([id]) => id === 777).map(([, s]) => (s.user as { name: string }).name);

    const first = await raw(url);
    first.ws.send(awareness([[777, 1, { user: { name: 'Claire' } }]]));
    await vi.waitFor(() => expect(names()).toEqual(['Claire']));
    // Another connection (with the same member link) claims the id: newer clock, new name.
    const other = await raw(url);
    other.ws.send(awareness([[777, 2, { user: { name: 'Usurpateur' } }]]));
    // A marker through that connection: once the observer has it, the claim was handled.
    other.ws.send(awareness([[778, 1, { user: { name: 'marqueur' } }]]));
    await vi.waitFor(() => expect(observer.awareness.getStates().has(778)).toBe(true));
    expect(names()).toEqual(['Claire']);

    // The owner leaving removes the state for everyone...
    first.ws.close();
    await vi.waitFor(() => expect(names()).toEqual([]));
    // ...and the id is free again: announced with a newer clock, it is taken.
    other.ws.send(awareness([[777, 3, { user: { name: 'Claire' } }]]));
    await vi.waitFor(() => expect(names()).toEqual(['Claire']));
    other.ws.close();
    await vi.waitFor(() => expect(names()).toEqual([]));
    destroyAll(observer);
    await server.close();
  });
});

describe('awareness takeover', () => {
  it('the same participant reconnecting takes his id back at once; a link token never can', async () => {
    const server = await startServer();
    const club = await createClub(server.http, 'Club Bourse');
    const admin = await joinClub(server.http, club.id, club.adminToken, 'Claire');
    const session = await createClubSession(server.http, admin, { title: 'Hydrogène', hostCompany: 'DAP', date: '2026-12-03' });
    const sessionId = session.id;
    const observer = connectProvider(server.ws, sessionId, admin.credential);
    await whenSynced(observer);
    const names = () => [...observer.awareness.getStates().entries()].filter(([id]) => id === 777).map(([, s]) => (s.user as { name: string }).name);

    // Claire's phone, on her personal credential, announces its id...
    const phone = await raw(`${server.ws}/yjs/${sessionId}?token=${admin.credential}`);
    phone.ws.send(awareness([[777, 1, { user: { name: 'Claire' } }]]));
    await vi.waitFor(() => expect(names()).toEqual(['Claire']));
    // ...then reconnects on a new socket before the server noticed the old one was gone.
    const again = await raw(`${server.ws}/yjs/${sessionId}?token=${admin.credential}`);
    again.ws.send(awareness([[777, 2, { user: { name: 'Claire (revenue)' } }]]));
    await vi.waitFor(() => expect(names()).toEqual(['Claire (revenue)']));
    // The old socket finally goes: it owns nothing any more, so her state stays.
    phone.ws.close();
    const memberToken = new URL(session.links.member, server.http).searchParams.get('token') ?? '';
    const member = await raw(`${server.ws}/yjs/${sessionId}?token=${memberToken}`);
    member.ws.send(awareness([[777, 3, { user: { name: 'Usurpateur' } }]]));
    member.ws.send(awareness([[778, 1, { user: { name: 'marqueur' } }]]));
    await vi.waitFor(() => expect(observer.awareness.getStates().has(778)).toBe(true));
    expect(names()).toEqual(['Claire (revenue)']);
    again.ws.close();
    await vi.waitFor(() => expect(names()).toEqual([]));
    member.ws.close();
    destroyAll(observer);
    await server.close();
  });
});

describe('keep-alive', () => {
  it('sends an idle connection an empty awareness message before y-websocket would give up', async () => {
    const server = await startServer({ keepaliveMs: 200 });
    const session = await createSession(server.http);
    const c = await raw(`${server.ws}/yjs/${session.id}?token=${session.tokens.screen}`);
    const frame = await whenFrame(c.ws, c.frames, (f) => f.length === 3 && f[0] === 1 && f[1] === 1 && f[2] === 0);
    expect([...frame]).toEqual([1, 1, 0]);
    // A real provider receives one too, applies it without complaint and stays connected.
    const screen = connectProvider(server.ws, session.id, session.tokens.screen);
    await whenSynced(screen);
    let dropped = false;
    screen.on('connection-close', () => (dropped = true));
    const socket = screen.ws as unknown as WebSocket;
    await new Promise<void>((resolve) => {
      // The provider reads frames as ArrayBuffers.
      const onMessage = (data: ArrayBuffer | Buffer) => {
        if (!Buffer.from([1, 1, 0]).equals(new Uint8Array(data))) return;
        socket.off('message', onMessage);
        resolve();
      };
      socket.on('message', onMessage);
    });
    expect(dropped).toBe(false);
    expect(screen.wsconnected && screen.synced).toBe(true);
    c.ws.close();
    destroyAll(screen);
    await server.close();
  });
});

describe('backpressure', () => {
  it('stops reading from a client while its updates wait for a slow store, and reads again once they drain', async () => {
    const { conn, client, close } = await connectionPair({ participantId: 'p-limits', name: 'Limits', role: 'member' });
    const MB = 1024 * 1024;

    conn.unstored(3 * MB);
    expect(conn.ws.isPaused).toBe(false);
    conn.unstored(1.5 * MB); // 4.5 MB waiting
    expect(conn.ws.isPaused).toBe(true);
    // While paused, what the client sends is left in the socket, unread.
    let received = 0;
    conn.ws.on('message', () => (received += 1));
    client.send('hello');
    conn.unstored(-2 * MB); // 2.5 MB: still above the resume mark
    expect(conn.ws.isPaused).toBe(true);
    conn.unstored(-2 * MB); // 0.5 MB
    expect(conn.ws.isPaused).toBe(false);
    await vi.waitFor(() => expect(received).toBe(1));
    close();
  });
});
