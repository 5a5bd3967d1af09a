// Roles and leaders, as exploratory runs with a laptop, the room's screen and eight phones
// found them, checked on the server with real y-websocket providers and sockets:
// - two leaders moving the session at once: the second move, made from a phase the session
//   had left, is refused by name (`moved-meanwhile`), never as `invalid-write`, and only one
//   move stands, whatever the targets;
// - a phase move lowers every hand raised before it (they stayed up into the next phase);
// - a member's device that opens the host link stays that participant, made host (a second,
//   host participant was made for the same person, with no word).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import * as S from '../../shared/session/index.ts';
import type { Phase } from '../../shared/session/index.ts';
import { ParticipantCredential } from '../../shared/schemas.ts';
import { connectProvider, destroyAll, roundTrip, watchRefusals, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, whenPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';
import { joinAs } from '../helpers/access.ts';

let server: TestServer;
const providers: WebsocketProvider[] = [];
const sockets: PresenceSocket[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  destroyAll(...providers);
  await server.close();
});

async function provider(session: CreatedSession, credential: string): Promise<WebsocketProvider> {
  const p = connectProvider(server.ws, session.id, credential, new Y.Doc());
  providers.push(p);
  await whenSynced(p);
  return p;
}

const actorOf = (c: ParticipantCredential) => ({ participantId: c.participantId, name: c.name, role: c.role });

describe('two leaders moving the session at once', () => {
  it('takes one move and refuses the other as moved-meanwhile, on every crossing', async () => {
    const session = await createSession(server.http);
    // The host on his laptop, and a member he made facilitator on her phone.
    const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
    const anne = await joinAs(server.http, session.id, session.tokens.member, 'Anne Perrin');
    const laptop = await provider(session, claire.credential);
    const phone = await provider(session, anne.credential);
    const socket = joinPresence(server.http, session.id, claire.credential, 'Claire Mugnier');
    sockets.push(socket);
    await whenPresence(socket, (e) => e.length === 1);
    socket.emit('facilitate', { kind: 'facilitator', participantId: anne.participantId, name: 'Anne Perrin', granted: true });
    await whenDoc(phone.doc, (d) => S.isFacilitator(d, anne.participantId));
    const laptopRefusals = watchRefusals(laptop);
    const phoneRefusals = watchRefusals(phone);

    // Each round, both press from the same phase before either sees the other's move: the
    // same target, then different ones (a forward jump the rules allow on its own).
    const rounds: Array<[Phase, Phase]> = [
      ['visit', 'visit'],
      ['questions', 'brainstorm'],
      ['brainstorm', 'brainstorm'],
      ['synthesis', 'synthesis'],
    ];
    for (const [byHost, byFacilitator] of rounds) {
      const from = S.getPhase(laptop.doc);
      const before = S.getPhaseHistory(laptop.doc).length;
      const refusedBefore = laptopRefusals.reasons.length + phoneRefusals.reasons.length;
      S.setPhase(laptop.doc, actorOf(claire), byHost);
      S.setPhase(phone.doc, actorOf(anne), byFacilitator);
      await Promise.all([roundTrip(laptop), roundTrip(phone)]);
      await Promise.all([roundTrip(laptop), roundTrip(phone)]);
      const refused = [...laptopRefusals.reasons, ...phoneRefusals.reasons].slice(refusedBefore);
      // One of the two moves stands, the other is refused by name: never a raw invalid-write.
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatch(/^rule: moved-meanwhile: /);
      const settle = (d: Y.Doc) => S.getPhaseHistory(d).length === before + 1 && S.getPhase(d) !== from;
      await whenDoc(laptop.doc, settle);
      await whenDoc(phone.doc, settle);
      const log = S.getPhaseHistory(laptop.doc);
      const last = log.at(-1)!;
      expect(last.from).toBe(from);
      expect(S.getPhase(laptop.doc)).toBe(last.to);
      expect(S.getPhase(phone.doc)).toBe(last.to);
      expect(S.getPhaseHistory(phone.doc)).toEqual(log);
      // The move that stands is the one its mover logged.
      expect(last.to).toBe(last.byId === claire.participantId ? byHost : byFacilitator);
    }
  });

  // Two sets of one key at once: Yjs keeps the value of the higher client id, so the later
  // move either wins the key (a key change, judged as a move) or loses it (no key change, its
  // log entry alone): both are refused by name. Made deterministic: the facilitator's phone is
  // offline while the host moves, and its own move, from the phase it last knew, arrives after.
  for (const staleWins of [true, false]) {
    it(`refuses a move that arrives after another, from the phase it left, when it ${staleWins ? 'wins' : 'loses'} the key`, async () => {
      const session = await createSession(server.http);
      const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
      const anne = await joinAs(server.http, session.id, session.tokens.member, 'Anne Perrin');
      const laptopDoc = new Y.Doc();
      const phoneDoc = new Y.Doc();
      laptopDoc.clientID = staleWins ? 1000 : 2000;
      phoneDoc.clientID = staleWins ? 2000 : 1000;
      const laptop = connectProvider(server.ws, session.id, claire.credential, laptopDoc);
      const phone = connectProvider(server.ws, session.id, anne.credential, phoneDoc);
      providers.push(laptop, phone);
      await Promise.all([whenSynced(laptop), whenSynced(phone)]);
      const socket = joinPresence(server.http, session.id, claire.credential, 'Claire Mugnier');
      sockets.push(socket);
      socket.emit('facilitate', { kind: 'facilitator', participantId: anne.participantId, name: 'Anne Perrin', granted: true });
      await whenDoc(phone.doc, (d) => S.isFacilitator(d, anne.participantId));
      const refusals = watchRefusals(phone);
      phone.disconnect();
      S.setPhase(laptop.doc, actorOf(claire), 'visit');
      await roundTrip(laptop);
      S.setPhase(phone.doc, actorOf(anne), 'questions');
      phone.connect();
      await refusals.when(1);
      expect(refusals.reasons).toEqual([expect.stringMatching(/^rule: moved-meanwhile: /)]);
      const settled = (d: Y.Doc) => S.getPhase(d) === 'visit' && S.getPhaseHistory(d).length === 1;
      await whenDoc(phone.doc, settled);
      await roundTrip(laptop);
      expect(settled(laptop.doc)).toBe(true);
    });
  }

  it('still judges a stale move by a member who does not lead as not his to make', async () => {
    const session = await createSession(server.http);
    const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
    const marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc Dupont');
    const laptop = await provider(session, claire.credential);
    const phone = await provider(session, marc.credential);
    const refusals = watchRefusals(phone);
    S.setPhase(laptop.doc, actorOf(claire), 'visit');
    S.setPhase(phone.doc, actorOf(marc), 'questions');
    await refusals.when(1);
    expect(refusals.reasons[0]).toMatch(/^rule: host-or-facilitator-only: /);
    await whenDoc(phone.doc, (d) => S.getPhase(d) === 'visit');
  });
});

describe('hands and phase moves', () => {
  it('lowers every hand raised before a move, not one raised after it, nor on a refused move', async () => {
    const session = await createSession(server.http);
    const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
    const laptop = await provider(session, claire.credential);
    const members = await Promise.all(['Marc Dupont', 'Nadia Benali', 'Paul Girard'].map((n) => joinAs(server.http, session.id, session.tokens.member, n)));
    const memberSockets = members.map((m) => joinPresence(server.http, session.id, m.credential, m.name));
    sockets.push(...memberSockets);
    await Promise.all(memberSockets.map((s) => whenPresence(s, (e) => e.length === members.length)));
    for (const s of memberSockets) s.emit('facilitate', { kind: 'hand', raised: true });
    await whenDoc(laptop.doc, (d) => S.getRaisedHands(d).length === 3);

    // A member's own move is refused and undone: the hands stay up.
    const marcPhone = await provider(session, members[0]!.credential);
    const refusals = watchRefusals(marcPhone);
    S.setPhase(marcPhone.doc, actorOf(members[0]!), 'visit');
    await refusals.when(1);
    await roundTrip(laptop);
    await new Promise((resolve) => setImmediate(resolve));
    await roundTrip(laptop);
    expect(S.getPhase(laptop.doc)).toBe('presentation');
    expect(S.getRaisedHands(laptop.doc).map((h) => h.name)).toEqual(['Marc Dupont', 'Nadia Benali', 'Paul Girard']);

    // The host gives Marc the floor: *À la parole : Marc*.
    const hostSocket = joinPresence(server.http, session.id, claire.credential, 'Claire Mugnier');
    sockets.push(hostSocket);
    hostSocket.emit('facilitate', { kind: 'floor', action: 'give', participantId: members[0]!.participantId });
    await whenDoc(laptop.doc, (d) => S.getSpeaker(d)?.name === 'Marc Dupont');

    // The host moves on: every hand goes down, and the floor is free, on the server, for everyone
    // (*À la parole : Marc* stayed over the next phase).
    S.setPhase(laptop.doc, actorOf(claire), 'visit');
    await whenDoc(laptop.doc, (d) => S.getRaisedHands(d).length === 0 && S.getSpeaker(d) === null);
    await whenDoc(marcPhone.doc, (d) => S.getRaisedHands(d).length === 0 && S.getPhase(d) === 'visit' && S.getSpeaker(d) === null);

    // A hand raised in the new phase stays up until the next move.
    memberSockets[1]!.emit('facilitate', { kind: 'hand', raised: true });
    await whenDoc(laptop.doc, (d) => S.getRaisedHands(d).length === 1);
    // (Anything the server would do after it has reached the laptop by a second round trip.)
    await roundTrip(laptop);
    await new Promise((resolve) => setImmediate(resolve));
    await roundTrip(laptop);
    expect(S.getRaisedHands(laptop.doc).map((h) => h.name)).toEqual(['Nadia Benali']);
    S.setPhase(laptop.doc, actorOf(claire), 'questions');
    await whenDoc(laptop.doc, (d) => S.getRaisedHands(d).length === 0);
  });
});

describe('the host link on a member’s device', () => {
  const joinWith = (session: CreatedSession, token: string, name: string, credential?: string) =>
    fetch(`${server.http}/api/sessions/${session.id}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ token, name }),
    });
  const participants = async (session: CreatedSession, hostCredential: string) =>
    (await (await fetch(`${server.http}/api/sessions/${session.id}/participants`, { headers: { authorization: `Bearer ${hostCredential}` } })).json()) as Array<{ participantId: string; name: string; role: string }>;
  const roleOf = async (session: CreatedSession, token: string) =>
    ((await (await fetch(`${server.http}/api/sessions/${session.id}?token=${token}`)).json()) as { role: string }).role;

  it('makes the device’s participant the host: one person, one participant, his credential', async () => {
    const session = await createSession(server.http);
    const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
    const marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc Dupont');
    expect(await roleOf(session, marc.credential)).toBe('member');

    const res = await joinWith(session, session.tokens.host, 'Marc Dupont', marc.credential);
    expect(res.status).toBe(200);
    const upgraded = ParticipantCredential.parse(await res.json());
    expect(upgraded).toEqual({ ...marc, role: 'host' });
    // The server decides: his credential opens the session as its host from now on.
    expect(await roleOf(session, marc.credential)).toBe('host');
    expect((await participants(session, claire.credential)).map((p) => `${p.name} ${p.role}`)).toEqual(['Claire Mugnier host', 'Marc Dupont host']);
    // And he writes as the host: the session moves under his hand.
    const phone = await provider(session, marc.credential);
    S.setPhase(phone.doc, { participantId: marc.participantId, name: marc.name, role: 'host' }, 'visit');
    await roundTrip(phone);
    const observer = await provider(session, claire.credential);
    expect(S.getPhase(observer.doc)).toBe('visit');
  });

  it('leaves a host who opens the member link the host, and a device without a credential a new participant', async () => {
    const session = await createSession(server.http);
    const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
    const res = await joinWith(session, session.tokens.member, 'Claire Mugnier', claire.credential);
    expect(res.status).toBe(200);
    expect(ParticipantCredential.parse(await res.json())).toEqual(claire);
    expect(await roleOf(session, claire.credential)).toBe('host');
    // A credential of another session is no one here: the link makes a participant.
    const other = await createSession(server.http);
    const elsewhere = await joinAs(server.http, other.id, other.tokens.member, 'Paul Girard');
    const fresh = await joinWith(session, session.tokens.member, 'Paul Girard', elsewhere.credential);
    expect(fresh.status).toBe(201);
    const paul = ParticipantCredential.parse(await fresh.json());
    expect(paul.participantId).not.toBe(elsewhere.participantId);
    expect(paul.role).toBe('member');
    expect((await participants(session, claire.credential)).map((p) => `${p.name} ${p.role}`)).toEqual(['Claire Mugnier host', 'Paul Girard member']);
  });
});
