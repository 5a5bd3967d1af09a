// One group a title, when phones create it at the same moment (seen in an exploratory run of
// eight phones): two members typed "Financement" and tapped *Créer le groupe* at once, a
// third 1.5 s later, and every *Groupe* menu then read "Financement, Financement,
// Financement"; the members' ideas went into the three, and the results read "Financement 7
// · Compétences 1 · Financement 1". A device that sees a group of the title takes it; one
// that does not see it yet (offline, or within the same instant) makes its own, and the
// server merges them, as a change of its own, into the earliest: its ideas, its points, and
// an idea still in its author's private document until the reveal.
//
// Here stock y-websocket providers on a real server: each device makes its group offline,
// with ideas and points in it, then all come back at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { joinPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

interface Device {
  readonly me: S.Person;
  readonly credential: string;
  /** The session document, as his phone syncs it. */
  readonly board: WebsocketProvider;
}

let server: TestServer;
let session: CreatedSession;
let hostSocket: PresenceSocket;
let host: Device;
let hostActor: S.Actor;
const providers: WebsocketProvider[] = [];
const devices: Device[] = [];
/** The group the host made before anyone else's. */
let skills = '';

function connect(room: string, token: string): WebsocketProvider {
  const provider = connectProvider(server.ws, room, token, new Y.Doc());
  providers.push(provider);
  return provider;
}

async function member(name: string): Promise<Device> {
  const cred = await joinAs(server.http, session.id, session.tokens.member, name);
  const device = { me: { participantId: cred.participantId, name: cred.name }, credential: cred.credential, board: connect(session.id, cred.credential) };
  devices.push(device);
  await whenSynced(device.board);
  return device;
}

/** The groups' titles, in the order every list shows them. */
const titles = (doc: Y.Doc) => S.getGroups(doc).map((g) => g.title);
/** The group id a sticky holds as stored, not as read. */
const storedGroup = (doc: Y.Doc, id: string) => (S.roots(doc).stickies.get(id) as Y.Map<unknown> | undefined)?.get('groupId');
const settledPoll = { timeout: 10_000, interval: 20 };

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
  const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
  hostActor = { participantId: claire.participantId, name: claire.name, role: 'host' };
  hostSocket = joinPresence(server.http, session.id, claire.credential, claire.name);
  host = { me: hostActor, credential: claire.credential, board: connect(session.id, claire.credential) };
  await whenSynced(host.board);
  S.setPhase(host.board.doc, hostActor, 'brainstorm');
  skills = S.createGroup(host.board.doc, hostActor, 'Compétences', { at: Date.now() - 60_000 });
  S.addSticky(host.board.doc, hostActor, { text: 'Former les régleurs', x: 0, y: 0, groupId: skills });
  hostSocket.emit('facilitate', { kind: 'voting', open: true, hideCounts: false, budget: 3, target: 'groups' });
  await whenDoc(host.board.doc, (d) => S.getVotingSettings(d).open && !S.ruleStateOf(d).countsHidden && S.getVotingSettings(d).target === 'groups');
}, 60_000);

afterAll(async () => {
  hostSocket.disconnect();
  destroyAll(...providers);
  await server.close();
});

describe('groups of one title created at once', () => {
  it('three phones offline each make "Financement" with ideas and points in it: once back, one group holds them all', async () => {
    const [ana, bruno, chloe] = [await member('Ana Perrin'), await member('Bruno Favre'), await member('Chloé Duret')];
    await Promise.all([ana, bruno, chloe].map((d) => whenDoc(d.board.doc, (doc) => titles(doc).length === 1 && S.getVotingSettings(doc).open)));
    for (const d of [ana, bruno, chloe]) d.board.disconnect();
    const t0 = Date.now();
    // Each phone sees no group of the title: each makes its own, puts its ideas in it (as a
    // phone does: a new idea in free space near its view's centre, then into the group), and
    // gives it points. The phones' views are alike: their ideas lie on the same spots.
    const made = [
      { d: ana, title: 'Financement', ideas: ['Prêt d’honneur régional', 'Avance remboursable BPI'], groupPoints: 1, at: t0 },
      { d: bruno, title: 'Financement', ideas: ['Crédit-bail sur les tours'], groupPoints: 2, at: t0 + 5 },
      // A third, later, typed differently: the same title as people read it.
      { d: chloe, title: '  financement ', ideas: ['Subvention hydrogène de la région'], groupPoints: 1, at: t0 + 1_500 },
    ].map(({ d, title, ideas, groupPoints, at }) => {
      const group = S.createGroup(d.board.doc, d.me, title, { at });
      const stickies = ideas.map((text, i) => {
        const id = S.addStickyNear(d.board.doc, d.me, { text }, { x: 400, y: 300 }, { at: at + i + 1 });
        S.groupSticky(d.board.doc, id, group);
        return id;
      });
      const points = Array.from({ length: groupPoints }, () => S.castVote(d.board.doc, d.me, group));
      return { d, group, stickies, points };
    });
    // (A round is on groups or on ideas: a point on an idea in this one is refused.)
    const allIdeas = made.flatMap((m) => m.stickies);
    const allPoints = made.flatMap((m) => m.points);

    for (const d of [ana, bruno, chloe]) d.board.connect();
    await whenDoc(host.board.doc, (doc) => allIdeas.every((id) => S.getSticky(doc, id)) && allPoints.every((id) => S.roots(doc).votes.has(id)));

    // One group of the title: the earliest, Ana's.
    await expect.poll(() => titles(host.board.doc), settledPoll).toEqual(['Compétences', 'Financement']);
    const kept = made[0]!.group;
    for (const d of [host, ana, bruno, chloe]) {
      await whenDoc(d.board.doc, (doc) => titles(doc).length === 2 && allIdeas.every((id) => S.getSticky(doc, id)?.groupId === kept));
      const doc = d.board.doc;
      expect(S.getGroups(doc).map((g) => g.id)).toEqual([skills, kept]);
      // Every idea in it, stored so (not only read so), and laid in its grid: none on another.
      for (const id of allIdeas) expect(storedGroup(doc, id)).toBe(kept);
      expect(S.misplacedStickies(S.getStickies(doc), new Set(allIdeas))).toEqual([]);
      // Every point kept, under its id, by its voter: those on the groups now on the kept one.
      const votes = S.getVotes(doc);
      expect(votes.map((v) => v.id).sort()).toEqual([...allPoints].sort());
      expect(votes.filter((v) => v.stickyId === kept)).toHaveLength(4);
      for (const m of made) for (const id of m.points) expect(votes.find((v) => v.id === id)?.voterId).toBe(m.d.me.participantId);
      // The results: Financement, its four points.
      const ranked = S.rankedGroups(doc).map((r) => [r.group.title, r.votes, r.stickyIds.length]);
      expect(ranked).toEqual([['Financement', 4, 4], ['Compétences', 0, 1]]);
      expect(S.tally(doc).ignored).toBe(0);
    }
  });

  it('a private idea written in a group merged since reads, and is revealed, in the group kept', async () => {
    const [dora, eloi] = [await member('Dora Blanc'), await member('Éloi Masson')];
    hostSocket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(host.board.doc, (d) => !S.getVotingSettings(d).open);
    hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'start' });
    await Promise.all([dora, eloi].map((d) => whenDoc(d.board.doc, (doc) => S.getBoardSettings(doc).privateWriting)));
    const doraOwn = connect(S.privateRoomName(session.id), dora.credential);
    await whenSynced(doraOwn);

    // Éloi makes "Trésorerie"; Dora, her phone not yet told of it, makes "trésorerie " and
    // writes an idea in it, which stays in her own document until the reveal.
    const eloiGroup = S.createGroup(eloi.board.doc, eloi.me, 'Trésorerie');
    await whenDoc(host.board.doc, (doc) => titles(doc).includes('Trésorerie'));
    dora.board.disconnect();
    const doraGroup = S.createGroup(dora.board.doc, dora.me, 'trésorerie ');
    const idea = S.addSticky(doraOwn.doc, dora.me, { text: 'Affacturage des commandes', x: 900, y: 40, groupId: doraGroup });
    await whenDoc(host.board.doc, (doc) => S.getPrivateProgress(doc).byWriter[dora.me.participantId] === 1);
    dora.board.connect();

    await expect.poll(() => titles(dora.board.doc), settledPoll).toEqual(['Compétences', 'Financement', 'Trésorerie']);
    expect(S.getGroups(dora.board.doc).at(-1)?.id).toBe(eloiGroup);
    // Her phone shows her idea in Éloi's group: her document still names her group, gone.
    expect(storedGroup(doraOwn.doc, idea)).toBe(doraGroup);
    expect(S.getPrivateSticky(doraOwn.doc, dora.board.doc, idea)?.groupId).toBe(eloiGroup);

    hostSocket.emit('facilitate', { kind: 'privateWriting', action: 'reveal' });
    await whenDoc(host.board.doc, (doc) => S.getSticky(doc, idea) !== undefined);
    expect(S.getSticky(host.board.doc, idea)?.groupId).toBe(eloiGroup);
    expect(storedGroup(host.board.doc, idea)).toBe(eloiGroup);
  });

  it('a title the host gives by renaming, typed key by key, merges nothing', async () => {
    const watcher = devices[0]!;
    const group = S.createGroup(host.board.doc, hostActor, 'Export');
    await whenDoc(watcher.board.doc, (doc) => titles(doc).includes('Export'));
    for (const typed of ['F', 'Fi', 'Fin', 'Financement']) S.renameGroup(host.board.doc, group, typed);
    await whenDoc(watcher.board.doc, (doc) => S.getGroups(doc).some((g) => g.id === group && g.title === 'Financement'));
    // The server took the renames before it relayed them; a merge would have been its next
    // change, made in the turn after them and stored with the room's writes.
    const lease = await server.app.registry.acquire(session.id);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      await lease.room.settled();
      expect(titles(lease.room.doc)).toEqual(['Compétences', 'Financement', 'Trésorerie', 'Financement']);
    } finally {
      lease.release();
    }
  });
});
