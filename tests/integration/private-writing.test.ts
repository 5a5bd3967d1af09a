// Issue 9, private writing is private: while it is on, a member's stickies live in his own
// private document (`/yjs/<sessionId>/private`, which the server maps to the connection's
// own participant), never in the session document. Raw y-websocket clients of every kind
// try to read them before the reveal; the reveal, by the host, moves them onto the board in
// one change with authors and times kept; a private write after the reveal is refused whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { FacilitationCommand, ParticipantCredential } from '../../shared/schemas.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, openRaw, roundTrip, watchRefusals, whenDoc, whenSynced, type WatchedRefusals } from '../helpers/clients.ts';
import { joinPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;
const providers: WebsocketProvider[] = [];
const sockets: PresenceSocket[] = [];
let marc: ParticipantCredential;
let nadia: ParticipantCredential;
let lea: ParticipantCredential;
let screenCredential: ParticipantCredential;
let hostSocket: PresenceSocket;
let marcSocket: PresenceSocket;

type Watched = WebsocketProvider & { readonly refused: WatchedRefusals };

/** A provider whose permission-denied reasons are kept. */
function connect(room: string, token: string): Watched {
  const provider = connectProvider(server.ws, room, token, new Y.Doc());
  providers.push(provider);
  return Object.assign(provider, { refused: watchRefusals(provider) });
}

/** Resolves once the provider was refused `count` times. */
function whenDenied(provider: Watched, count: number): Promise<string[]> {
  return provider.refused.when(count);
}

const privateRoom = () => S.privateRoomName(session.id);

function refusal(socket: PresenceSocket, command: FacilitationCommand): Promise<{ reason?: string }> {
  return new Promise((resolve) => {
    socket.once('event:error', resolve);
    socket.emit('facilitate', command);
  });
}

const SECRETS = ['Secret de Marc', 'Secret de Nadia', 'Secret de Paul'];

/** Does anything this document holds, as encoded, contain one of the private texts? */
function leaks(doc: Y.Doc): string[] {
  const bytes = Buffer.from(Y.encodeStateAsUpdate(doc));
  return SECRETS.filter((s) => bytes.includes(Buffer.from(s)));
}

let host: Watched;
let observers: WebsocketProvider[];
let marcPrivate: Watched;
let nadiaPrivate: Watched;
let paulPrivate: Watched;
let claire: ParticipantCredential;
let groupId: string;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
  claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
  marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc Vidal');
  nadia = await joinAs(server.http, session.id, session.tokens.member, 'Nadia Benali');
  lea = await joinAs(server.http, session.id, session.tokens.member, 'Léa Morel');
  screenCredential = await joinAs(server.http, session.id, session.tokens.screen, 'Écran salle');
  hostSocket = joinPresence(server.http, session.id, claire.credential, 'Claire Mugnier');
  marcSocket = joinPresence(server.http, session.id, marc.credential, 'Marc Vidal');
  sockets.push(hostSocket, marcSocket);

  host = connect(session.id, claire.credential);
  // Everyone else who syncs the session document: members by link and by credential, the
  // screen by link and by credential.
  observers = [
    connect(session.id, session.tokens.host),
    connect(session.id, marc.credential),
    connect(session.id, nadia.credential),
    connect(session.id, lea.credential),
    connect(session.id, session.tokens.member),
    connect(session.id, session.tokens.member),
    connect(session.id, session.tokens.screen),
    connect(session.id, screenCredential.credential),
  ];
  await Promise.all([host, ...observers].map(whenSynced));
  const hostActor = { participantId: claire.participantId, name: claire.name, role: 'host' as const };
  S.setPhase(host.doc, hostActor, 'brainstorm');
  groupId = S.createGroup(host.doc, hostActor, 'Financement');
  S.registerParticipant(observers[1]!.doc, { participantId: marc.participantId, name: marc.name, role: 'member' });
  await Promise.all(observers.map((o) => whenDoc(o.doc, (d) => S.getPhase(d) === 'brainstorm' && S.getGroups(d).length === 1 && S.getParticipants(d).length === 1)));

  hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'start' });
  await Promise.all([host, ...observers].map((p) => whenDoc(p.doc, (d) => S.getBoardSettings(d).privateWriting)));

  marcPrivate = connect(privateRoom(), marc.credential);
  nadiaPrivate = connect(privateRoom(), nadia.credential);
  // A raw client on the member link: the server names it, and gives it its own private document.
  paulPrivate = connect(privateRoom(), session.tokens.member);
  await Promise.all([marcPrivate, nadiaPrivate, paulPrivate].map(whenSynced));
  S.addSticky(marcPrivate.doc, { participantId: marc.participantId, name: 'Marc Vidal' }, { text: 'Secret de Marc', x: 40, y: 60, color: 'blue', groupId }, { id: 'marc-secret-1', at: 1_000 });
  S.addSticky(nadiaPrivate.doc, { participantId: nadia.participantId, name: 'Nadia Benali' }, { text: 'Secret de Nadia', x: 300, y: 60, color: 'pink' }, { id: 'nadia-secret-1', at: 2_000 });
  // Paul claims to be Marc: refused, as on the board; his private document stays empty.
  S.addSticky(paulPrivate.doc, { participantId: marc.participantId, name: 'Paul Girard' }, { text: 'Secret de Paul', x: 600, y: 60 }, { id: 'paul-secret-1', at: 3_000 });
  expect((await whenDenied(paulPrivate, 1)).at(-1)).toMatch(/^rule: not-yourself: /);
  await whenDoc(paulPrivate.doc, (d) => S.countPrivateStickies(d) === 0);
  // The server counts them (without a word of them) once it has them.
  await Promise.all([host, ...observers].map((p) => whenDoc(p.doc, (d) => S.getPrivateProgress(d).ideas === 2)));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  destroyAll(...providers);
  await server.close();
});

describe('before the reveal', () => {
  it('no client that syncs the session document holds a private sticky, nor does its stored state', async () => {
    for (const p of [host, ...observers]) {
      expect(leaks(p.doc)).toEqual([]);
      expect(S.getStickies(p.doc)).toEqual([]);
      expect(S.getPrivateProgress(p.doc)).toMatchObject({ ideas: 2, writers: 2 });
    }
    const stored = Y.mergeUpdates(await server.app.storage.docs.loadUpdates(session.id));
    expect(Buffer.from(stored).includes(Buffer.from('Secret'))).toBe(false);
  });

  it('each owner has his own, stored on the server under his participant id', async () => {
    expect(S.getPrivateStickies(marcPrivate.doc, host.doc).map((s) => s.text)).toEqual(['Secret de Marc']);
    expect(S.getPrivateStickies(nadiaPrivate.doc, host.doc).map((s) => s.text)).toEqual(['Secret de Nadia']);
    const ids = await server.app.storage.docs.listDocs(`${session.id}/private/`);
    expect(ids).toContain(`${session.id}/private/${marc.participantId}`);
    expect(ids).toContain(`${session.id}/private/${nadia.participantId}`);
    expect(ids).toHaveLength(3);
  });

  it('no room name opens another participant’s private document', async () => {
    const marcDoc = `${session.id}/private/${marc.participantId}`;
    const tokens = [session.tokens.host, session.tokens.member, session.tokens.screen, nadia.credential, lea.credential, screenCredential.credential];
    for (const token of tokens) {
      for (const path of [marcDoc, encodeURIComponent(marcDoc), `${session.id}/private/`, `${session.id}//private`, `${session.id}/private/${marc.participantId}/private`]) {
        const outcome = await openRaw(`${server.ws}/yjs/${path}?token=${encodeURIComponent(token)}&participantId=${marc.participantId}`);
        if (outcome.kind === 'open') outcome.ws.close();
        expect(outcome, `${path} with ${token.slice(0, 6)}`).toMatchObject({ kind: 'refused', status: 404 });
      }
    }
    // The screen has no private document at all.
    for (const token of [session.tokens.screen, screenCredential.credential]) {
      const outcome = await openRaw(`${server.ws}/yjs/${privateRoom()}?token=${encodeURIComponent(token)}`);
      if (outcome.kind === 'open') outcome.ws.close();
      expect(outcome).toMatchObject({ kind: 'refused', status: 403 });
    }
    // Anyone else's `/private` is his own: Léa's is empty, a member link's a new one each time,
    // Nadia's holds her sticky alone, the host's is empty.
    const lookers = [connect(privateRoom(), lea.credential), connect(privateRoom(), session.tokens.member), connect(privateRoom(), nadia.credential), connect(privateRoom(), session.tokens.host)];
    await Promise.all(lookers.map(whenSynced));
    expect(lookers.map((l) => S.countPrivateStickies(l.doc))).toEqual([0, 0, 1, 0]);
    expect(lookers.flatMap((l) => leaks(l.doc))).toEqual(['Secret de Nadia']);
    destroyAll(...lookers);
  });

  it('the host cannot move the session on while ideas are private: the move is undone with its reason', async () => {
    const hostActor = { participantId: claire.participantId, name: claire.name, role: 'host' as const };
    const before = host.refused.reasons.length;
    S.setPhase(host.doc, hostActor, 'synthesis');
    const denied = await whenDenied(host, before + 1);
    expect(denied.at(-1)).toMatch(/^rule: private-writing: /);
    await whenDoc(host.doc, (d) => S.getPhase(d) === 'brainstorm');
    // Relayed before the undo was sent back: an observer has had it, and never saw the move.
    await roundTrip(observers[0]!);
    expect(S.getPhase(observers[0]!.doc)).toBe('brainstorm');
    expect(S.getPhaseHistory(observers[0]!.doc).map((c) => c.to)).not.toContain('synthesis');
  });

  it('only the host or a facilitator reveals', async () => {
    expect(await refusal(marcSocket, { kind: 'privateWriting', action: 'reveal' })).toMatchObject({ reason: 'host-or-facilitator-only' });
    expect(S.getBoardSettings(host.doc).privateWriting).toBe(true);
  });
});

describe('the reveal', () => {
  it('moves every private sticky onto everyone’s board in one change, with author, name, time, place, colour and group', async () => {
    const batches: number[] = [];
    S.roots(observers[6]!.doc).stickies.observe((e) => batches.push(e.keysChanged.size));
    hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'reveal' });
    await Promise.all([host, ...observers].map((p) => whenDoc(p.doc, (d) => S.getStickies(d).length === 2)));
    for (const p of [host, ...observers]) {
      expect(S.getBoardSettings(p.doc).privateWriting).toBe(false);
      expect(S.getPrivateProgress(p.doc).ideas).toBe(0);
      expect(S.getStickies(p.doc)).toEqual([
        { id: 'marc-secret-1', text: 'Secret de Marc', authorId: marc.participantId, authorName: 'Marc Vidal', x: 40, y: 60, color: 'blue', groupId, createdAt: 1_000, hidden: false },
        { id: 'nadia-secret-1', text: 'Secret de Nadia', authorId: nadia.participantId, authorName: 'Nadia Benali', x: 300, y: 60, color: 'pink', groupId: null, createdAt: 2_000, hidden: false },
      ]);
    }
    expect(batches).toEqual([2]);
    // The private documents are emptied on their owners' devices too.
    await Promise.all([marcPrivate, nadiaPrivate, paulPrivate].map((p) => whenDoc(p.doc, (d) => S.countPrivateStickies(d) === 0)));
  });

  it('a private write after the reveal is refused whole, with the reason; both documents stay as they were', async () => {
    const stored = async (id: string) => {
      const doc = new Y.Doc();
      for (const update of await server.app.storage.docs.loadUpdates(id)) Y.applyUpdate(doc, update);
      return { stateVector: Y.encodeStateVector(doc), stickies: S.roots(doc).stickies.toJSON() };
    };
    const marcDoc = `${session.id}/private/${marc.participantId}`;
    const [sharedBefore, privateBefore] = [await stored(session.id), await stored(marcDoc)];
    const hostBefore = Y.encodeStateVector(host.doc);
    expect(marcPrivate.refused.reasons).toEqual([]);

    S.addSticky(marcPrivate.doc, { participantId: marc.participantId, name: 'Marc Vidal' }, { text: 'Trop tard', x: 0, y: 400 }, { id: 'marc-late' });
    await whenDenied(marcPrivate, 1);
    expect(marcPrivate.refused.reasons).toEqual(['rule: not-private-writing: private writing is over: the ideas were revealed']);
    // The connection stays open, and the device keeps what it wrote.
    expect(marcPrivate.wsconnected).toBe(true);
    expect(S.countPrivateStickies(marcPrivate.doc)).toBe(1);

    // What the server holds and serves.
    const check = connect(privateRoom(), marc.credential);
    await whenSynced(check);
    expect(S.countPrivateStickies(check.doc)).toBe(0);
    expect(await stored(marcDoc)).toEqual(privateBefore);
    expect(await stored(session.id)).toEqual(sharedBefore);
    expect(Y.encodeStateVector(host.doc)).toEqual(hostBefore);
    for (const p of [host, ...observers]) expect(S.getStickies(p.doc).map((s) => s.id)).not.toContain('marc-late');

    // Reconnecting sends it again in its sync, refused again: nothing is lost silently.
    marcPrivate.disconnect();
    marcPrivate.connect();
    await whenDenied(marcPrivate, 2);
    expect(marcPrivate.refused.reasons[1]).toMatch(/^rule: not-private-writing: /);
    check.destroy();
  });

  it('a device whose sync brings nothing new is not refused', async () => {
    nadiaPrivate.disconnect();
    nadiaPrivate.connect();
    await whenSynced(nadiaPrivate);
    // A refusal of its sync step 2 would come before the answer to a later message.
    await roundTrip(nadiaPrivate);
    expect(nadiaPrivate.refused.reasons).toEqual([]);
  });

  it('revealing again, with private writing off, is refused', async () => {
    expect(await refusal(hostSocket, { kind: 'privateWriting', action: 'reveal' })).toMatchObject({ reason: 'not-private-writing' });
  });
});

describe('what a private document takes from its owner', () => {
  it('his stickies alone, of the board’s shape and lengths, at most 200: the rest is undone with its reason, the room counts 200, and what the reveal cannot fit on the board stays his', async () => {
    const other = await createSession(server.http);
    const chair = await joinAs(server.http, other.id, other.tokens.host, 'Claire Mugnier');
    const script = await joinAs(server.http, other.id, other.tokens.member, 'Marc Vidal');
    const chairSocket = joinPresence(server.http, other.id, chair.credential, 'Claire Mugnier');
    sockets.push(chairSocket);
    const chairDoc = connect(other.id, chair.credential);
    await whenSynced(chairDoc);
    S.setPhase(chairDoc.doc, { participantId: chair.participantId, name: chair.name, role: 'host' }, 'brainstorm');
    const observer = connect(other.id, script.credential);
    await whenDoc(observer.doc, (d) => S.getPhase(d) === 'brainstorm');
    // One idea of his is on the board already, written before private writing started.
    S.addSticky(observer.doc, { participantId: script.participantId, name: 'Marc Vidal' }, { text: 'Au tableau', x: 0, y: 600 }, { id: 'on-board' });
    chairSocket.emit('facilitate', { kind: 'privateWriting', action: 'start' });
    await whenDoc(observer.doc, (d) => S.getBoardSettings(d).privateWriting);

    // A script with the member's own credential writes to his private document directly.
    const own = connect(S.privateRoomName(other.id), script.credential);
    await whenSynced(own);
    const me = { participantId: script.participantId, name: 'Marc Vidal' };
    S.addSticky(own.doc, me, { text: 'x'.repeat(S.TEXT_MAX.sticky + 1), x: 0, y: 0 }, { id: 'too-long' });
    expect((await whenDenied(own, 1)).at(-1)).toMatch(/^rule: too-long: /);
    // Another root than the stickies: a group, valid on the board, means nothing here.
    S.createGroup(own.doc, me, 'Groupe privé');
    expect((await whenDenied(own, 2)).at(-1)).toMatch(/^rule: invalid-write: /);
    own.doc.transact(() => {
      for (let i = 0; i < S.STICKIES_PER_PERSON; i++) S.addSticky(own.doc, me, { text: `Idée ${i}`, x: i, y: 0 }, { id: `idea-${i}` });
    });
    S.addSticky(own.doc, me, { text: 'Une de trop', x: 0, y: 300 }, { id: 'one-too-many' });
    expect((await whenDenied(own, 3)).at(-1)).toMatch(/^rule: too-many: /);
    expect(own.refused.reasons).toHaveLength(3);

    // The device converges on what the server kept, and a fresh connection reads the same.
    await whenDoc(own.doc, (d) => S.countPrivateStickies(d) === S.STICKIES_PER_PERSON && S.roots(d).groups.size === 0);
    const fresh = connect(S.privateRoomName(other.id), script.credential);
    await whenSynced(fresh);
    const kept = [...S.roots(fresh.doc).stickies.keys()];
    expect(kept).toHaveLength(S.STICKIES_PER_PERSON);
    expect(kept).not.toContain('too-long');
    expect(kept).not.toContain('one-too-many');
    expect(S.roots(fresh.doc).groups.size).toBe(0);
    // What the room's screen shows: 200 ideas from one person, not more.
    await whenDoc(observer.doc, (d) => S.getPrivateProgress(d).ideas === S.STICKIES_PER_PERSON);
    expect(S.getPrivateProgress(observer.doc)).toMatchObject({ ideas: S.STICKIES_PER_PERSON, writers: 1 });
    // A second device of his, with the highest client id there is, moves every idea: each
    // idea's fields then come from two clients (a removal deletes them all).
    const highest = new Y.Doc();
    highest.clientID = 0x7fffffff;
    const second = connectProvider(server.ws, S.privateRoomName(other.id), script.credential, highest);
    providers.push(second);
    const secondRefused = watchRefusals(second);
    await whenSynced(second);
    highest.transact(() => {
      for (const id of kept) S.moveSticky(highest, id, 3, 4);
    });
    await roundTrip(second);
    expect(secondRefused.reasons).toEqual([]);

    // The reveal puts 199 of them beside the one on the board (200 a person); the last one
    // stays in his private document, on his devices (shown as not shared), not deleted.
    chairSocket.emit('facilitate', { kind: 'privateWriting', action: 'reveal' });
    const mine = (d: Y.Doc) => S.getStickies(d).filter((st) => st.authorId === script.participantId);
    await whenDoc(observer.doc, (d) => mine(d).length === S.STICKIES_PER_PERSON);
    await whenDoc(own.doc, (d) => S.countPrivateStickies(d) === 1);
    const left = [...S.roots(own.doc).stickies.keys()];
    expect(mine(observer.doc).map((st) => st.id)).not.toContain(left[0]);
    expect(new Set([...mine(observer.doc).map((st) => st.id), ...left]).size).toBe(S.STICKIES_PER_PERSON + 1);

    // Not shared, it takes no change but its removal: a move is refused whole (the server
    // keeps it where it was)...
    const kept0 = left[0]!;
    const at = S.getPrivateSticky(own.doc, observer.doc, kept0)!.x;
    S.moveSticky(own.doc, kept0, 999, 999);
    expect((await whenDenied(own, 4)).at(-1)).toMatch(/^rule: not-private-writing: /);
    const served = connect(S.privateRoomName(other.id), script.credential);
    await whenSynced(served);
    expect(S.getPrivateSticky(served.doc, observer.doc, kept0)?.x).toBe(at);
    // ...and so is its removal with a new idea written in the same change...
    own.doc.transact(() => {
      S.deleteSticky(own.doc, kept0);
      S.addSticky(own.doc, me, { text: 'À la place', x: 0, y: 0 }, { id: 'instead' });
    });
    expect((await whenDenied(own, 5)).at(-1)).toMatch(/^rule: not-private-writing: /);
    await roundTrip(served);
    expect(S.countPrivateStickies(served.doc)).toBe(1);
    // ...but its owner may throw it away: taken, stored, and nobody is told otherwise.
    S.deleteSticky(served.doc, kept0);
    const after = connect(S.privateRoomName(other.id), script.credential);
    await whenSynced(after);
    expect(S.countPrivateStickies(after.doc)).toBe(0);
    await roundTrip(served);
    expect(served.refused.reasons).toEqual([]);
    // A hand-made update that hangs list content on the ideas' map, where no key shows it,
    // is no removal: refused.
    const handMade = new Y.Doc();
    handMade.getArray(S.ROOT.stickies).push(['caché']);
    Y.applyUpdate(served.doc, Y.encodeStateAsUpdate(handMade));
    expect((await whenDenied(served, 1)).at(-1)).toMatch(/^rule: not-private-writing: /);
    destroyAll(own, fresh, second, served, after, observer, chairDoc);
  });
});
