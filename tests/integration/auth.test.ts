import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, enter, hostLine, hostLineText, noteTexts } from '../helpers/session-text.ts';
import * as decoding from 'lib0/decoding';
import { updateFrame } from '../../server/sync/messages.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let one: CreatedSession;
let other: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  one = await createSession(server.http);
  other = await createSession(server.http);
});
afterAll(async () => {
  await server.close();
});

describe('websocket upgrade authorization', () => {
  const yjs = (session: string, token?: string) => `${server.ws}/yjs/${session}${token === undefined ? '' : `?token=${token}`}`;
  const io = (session: string, token?: string) =>
    `${server.ws}/socket.io/?EIO=4&transport=websocket&sessionId=${session}${token === undefined ? '' : `&token=${token}`}`;

  it.each([
    ['/yjs', yjs],
    ['/socket.io', io],
  ])('%s: refuses a missing token with 401', async (_name, url) => {
    expect(await openRaw(url(one.id))).toMatchObject({ kind: 'refused', status: 401 });
  });

  it.each([
    ['/yjs', yjs],
    ['/socket.io', io],
  ])('%s: refuses a wrong token with 401', async (_name, url) => {
    const forged = one.tokens.member.slice(0, -4) + (one.tokens.member.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await openRaw(url(one.id, forged))).toMatchObject({ kind: 'refused', status: 401 });
    expect(await openRaw(url(one.id, 'short'))).toMatchObject({ kind: 'refused', status: 401 });
  });

  it.each([
    ['/yjs', yjs],
    ['/socket.io', io],
  ])("%s: a token of one session opens no other", async (_name, url) => {
    for (const token of Object.values(other.tokens)) {
      expect(await openRaw(url(one.id, token))).toMatchObject({ kind: 'refused', status: 401 });
    }
  });

  it.each([
    ['/yjs', yjs],
    ['/socket.io', io],
  ])('%s: an unknown session gets 404', async (_name, url) => {
    expect(await openRaw(url('unknownSession123', one.tokens.member))).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('opens with a valid token of each role', async () => {
    for (const token of Object.values(one.tokens)) {
      const outcome = await openRaw(yjs(one.id, token));
      expect(outcome.kind).toBe('open');
      if (outcome.kind === 'open') outcome.ws.close();
    }
  });
});

describe('the screen role is read-only', () => {
  it('applies and relays no update from a screen, and tells that screen alone', async () => {
    const session = await createSession(server.http);
    const member = await enter(server, session.id, session.tokens.member, 'Bob Perrin');
    await whenSynced(member.provider);
    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.screen}`);
    if (raw.kind !== 'open') throw new Error('screen refused');
    const frames = collectFrames(raw.ws);

    const forged = new Y.Doc();
    addNote(forged, member.me, 'écrit par l’écran');
    raw.ws.send(updateFrame(Y.encodeStateAsUpdate(forged)));
    const denied = await whenFrame(raw.ws, frames, (f) => f[0] === 2);
    const decoder = decoding.createDecoder(denied);
    decoding.readVarUint(decoder);
    expect(decoding.readVarUint(decoder)).toBe(0); // permission denied
    expect(decoding.readVarString(decoder)).toMatch(/read-only/);

    // A member edit after the forged one reaches the screen; the forged one reached nobody.
    addNote(member.doc, member.me, 'par un membre');
    await whenFrame(raw.ws, frames, (f) => f[0] === 0 && f[1] === 2);
    const late = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(late.doc, (d) => noteTexts(d).includes('par un membre'));
    const lease = await server.app.registry.acquire(session.id);
    expect(noteTexts(lease.room.doc)).toEqual(['par un membre']);
    lease.release();
    raw.ws.close();
    destroyAll(member.provider, late);
  });

  it('lets a screen follow the document and share its awareness', async () => {
    const session = await createSession(server.http);
    const host = connectProvider(server.ws, session.id, session.tokens.host);
    const screen = connectProvider(server.ws, session.id, session.tokens.screen);
    await Promise.all([whenSynced(host), whenSynced(screen)]);
    screen.awareness.setLocalStateField('user', { name: 'Écran de la salle' });
    hostLine(host.doc).insert(0, 'Ordre du jour');
    await whenDoc(screen.doc, (d) => hostLineText(d) === 'Ordre du jour');
    await new Promise<void>((resolve) => {
      const check = () => {
        const names = [...host.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
        if (names.includes('Écran de la salle')) resolve();
      };
      host.awareness.on('change', check);
      check();
    });
    destroyAll(host, screen);
  });
});
