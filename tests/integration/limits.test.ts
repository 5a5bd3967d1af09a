import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CloseCode, MAX_FRAME_BYTES } from '../../shared/protocol.ts';
import { updateFrame } from '../../server/sync/messages.ts';
import { connectProvider, destroyAll, openRaw, whenClosed, whenDoc, whenSynced } from '../helpers/clients.ts';
import * as S from '../../shared/session/index.ts';
import type { ParticipantCredential } from '../../shared/schemas.ts';
import { joinAs } from '../helpers/access.ts';
import { addNote, enter, noteCount, noteTexts } from '../helpers/session-text.ts';
import { createSession, SAMPLE_SESSION, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

/**
 * An update of `who`'s visit notes, at most `bytes` long and within a note of it: notes of
 * 2,000 characters, then one cut to fit. Ids, times and the client id are fixed, so the
 * size is measured once and built again exactly.
 */
function notesOf(who: ParticipantCredential, bytes: number): Uint8Array {
  const me = { participantId: who.participantId, name: who.name };
  const build = (lastLength: number, full: number): Uint8Array => {
    const doc = new Y.Doc();
    doc.clientID = 424242;
    for (let i = 0; i < full; i++) S.addVisitNote(doc, me, { stationId: null, kind: 'idea', text: `${i} ${'a'.repeat(1990)}` }, { id: `n${i}`, at: 1 });
    S.addVisitNote(doc, me, { stationId: null, kind: 'idea', text: `fin ${'b'.repeat(lastLength)}` }, { id: 'last', at: 1 });
    return Y.encodeStateAsUpdate(doc);
  };
  const perNote = build(0, 1).byteLength - build(0, 0).byteLength;
  let full = Math.floor((bytes - build(0, 0).byteLength) / perNote);
  while (full > 0 && build(0, full).byteLength + 2000 > bytes) full--;
  let last = Math.min(1990, bytes - build(0, full).byteLength);
  for (let over = build(last, full).byteLength - bytes; over > 0 && last > 0; over = build(last, full).byteLength - bytes) last -= over;
  return build(last, full);
}

let server: TestServer;
let session: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
});
afterAll(async () => {
  await server.close();
});

/** The visit notes the server has stored, as texts. */
async function storedState(): Promise<string[]> {
  const doc = new Y.Doc();
  for (const u of await server.app.storage.docs.loadUpdates(session.id)) Y.applyUpdate(doc, u);
  return noteTexts(doc);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

const validUpdate = (() => {
  const d = new Y.Doc();
  addNote(d, { participantId: 'p-someone', name: 'Quelqu’un' }, 'texte valide et assez long pour être coupé');
  return Y.encodeStateAsUpdate(d);
})();

const badFrames: Array<[string, Uint8Array | string]> = [
  ['random bytes', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
  ['an unknown message type', Uint8Array.from([9, 1, 2, 3])],
  ['an unknown sync type', syncFrame(7, new Uint8Array([1, 2]))],
  ['a length past the end of the frame', Uint8Array.from([0, 2, 50, 1, 2, 3])],
  ['a truncated Yjs update', syncFrame(2, validUpdate.slice(0, validUpdate.length - 5))],
  ['a Yjs update of garbage', syncFrame(2, Uint8Array.from([1, 1, 200, 1, 0, 40, 1, 2, 3]))],
  ['a truncated sync step 2', syncFrame(1, validUpdate.slice(0, 9))],
  ['an invalid awareness update', Uint8Array.from([1, 3, 1, 200, 1])],
  ['a text frame', 'hello'],
];

describe('bad input closes the sender alone and changes nothing', () => {
  it.each(badFrames)('%s', async (_what, frame) => {
    const bystander = await enter(server, session.id, session.tokens.member, 'Bob Perrin');
    await whenSynced(bystander.provider);
    const before = await storedState();

    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${session.tokens.member}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const closed = whenClosed(raw.ws);
    raw.ws.send(frame);
    expect((await closed).code).toBe(CloseCode.MalformedMessage);

    // The room goes on: the bystander still writes and a newcomer still syncs.
    addNote(bystander.doc, bystander.me, `après ${_what}`);
    const newcomer = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(newcomer.doc, (d) => noteTexts(d).includes(`après ${_what}`));
    expect(await storedState()).toEqual([...before, `après ${_what}`].sort());
    destroyAll(bystander.provider, newcomer);
  });

  it(`refuses a plain update over ${MAX_FRAME_BYTES} bytes with 4513 (it goes in the next sync step 2)`, async () => {
    const before = await storedState();
    // Bob's own notes on his own credential: what the rules allow, refused for its size alone.
    const bob = await joinAs(server.http, session.id, session.tokens.member, 'Bob Perrin');
    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${bob.credential}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const closed = whenClosed(raw.ws);
    const frame = updateFrame(notesOf(bob, MAX_FRAME_BYTES + 3000));
    expect(frame.byteLength).toBeGreaterThan(MAX_FRAME_BYTES);
    raw.ws.send(frame);
    expect((await closed).code).toBe(CloseCode.UpdateTooLarge);
    expect(await storedState()).toEqual(before);
    const after = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(after);
    expect(noteTexts(after.doc)).toEqual(before);
    destroyAll(after);
  });

  it('accepts a frame just under the limit', async () => {
    const nadia = await joinAs(server.http, session.id, session.tokens.member, 'Nadia Benali');
    const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${nadia.credential}`);
    if (raw.kind !== 'open') throw new Error('refused');
    const update = notesOf(nadia, MAX_FRAME_BYTES - 200);
    const frame = updateFrame(update);
    expect(frame.byteLength).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(frame.byteLength).toBeGreaterThan(MAX_FRAME_BYTES - 2200);
    raw.ws.send(frame);
    const sent = new Y.Doc();
    Y.applyUpdate(sent, update);
    const reader = connectProvider(server.ws, session.id, session.tokens.member);
    await whenDoc(reader.doc, (d) => noteCount(d) >= noteCount(sent) && noteTexts(sent).every((t) => noteTexts(d).includes(t)));
    raw.ws.close();
    destroyAll(reader);
  });
});

describe('HTTP API input', () => {
  it('answers an invalid body with 400 naming each bad field', async () => {
    const res = await fetch(`${server.http}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '', hostCompany: 'ACME', date: '03/12/2026', extra: 1 }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/title: must not be empty/);
    expect(error).toMatch(/hostName: required/);
    expect(error).toMatch(/date: must be a calendar date/);
    expect(error).toMatch(/unknown field\(s\): extra/);
  });

  it('answers invalid JSON with 400', async () => {
    const res = await fetch(`${server.http}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'body: invalid JSON' });
  });

  it('answers an unknown session with 404 and a wrong token with 401', async () => {
    expect((await fetch(`${server.http}/api/sessions/doesNotExist1?token=${session.tokens.member}`)).status).toBe(404);
    expect((await fetch(`${server.http}/api/sessions/${session.id}?token=nope`)).status).toBe(401);
    const ok = await fetch(`${server.http}/api/sessions/${session.id}?token=${session.tokens.screen}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: session.id, role: 'screen' });
  });

  it('limits the sessions one address creates, and says when to try again', async () => {
    const create = (base: string, from: string) =>
      fetch(`${base}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify(SAMPLE_SESSION),
      });
    // Behind a proxy on this host: the client address comes from X-Forwarded-For.
    const proxied = await startServer({ sessionCreatePerMinute: 3, trustProxy: 'loopback' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await create(proxied.http, '203.0.113.7')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await create(proxied.http, '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/^too many sessions and clubs created from this address: try again in \d+ s$/) });
    // Creating a club spends the same budget, and its refusal says so in the same words.
    const club = await fetch(`${proxied.http}/api/clubs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ name: 'Club Savoie', network: 'APM' }),
    });
    expect(club.status).toBe(429);
    expect(await club.json()).toEqual({ error: expect.stringMatching(/^too many sessions and clubs created from this address: try again in \d+ s$/) });
    // Someone else behind the same proxy is not held back.
    expect((await create(proxied.http, '198.51.100.2')).status).toBe(201);
    await proxied.close();

    // Not behind a trusted proxy: a forged X-Forwarded-For does not buy a new budget.
    const direct = await startServer({ sessionCreatePerMinute: 1 });
    expect((await create(direct.http, '203.0.113.7')).status).toBe(201);
    expect((await create(direct.http, '198.51.100.2')).status).toBe(429);
    await direct.close();
  });

  it('reports health', async () => {
    const res = await fetch(`${server.http}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { storage: 'ok' } });
  });
});
