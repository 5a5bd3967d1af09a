// Hidden counts are a secret. While a round hides its counts, each member's points go to his
// own private document (`/yjs/<sessionId>/private`), never to the session document: thirty
// members on y-websocket's stock provider vote, and a member's script that reads the session
// document finds no point, only how many people have given some. The server holds the
// round's rules in both documents (budget, names, no point on the board, no phase move, no
// close but the host's command), and the close moves every point onto the board in the one
// change that closes the round, then empties the private documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { ParticipantCredential } from '../../shared/schemas.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, roundTrip, watchRefusals, whenDoc, whenSynced, type WatchedRefusals } from '../helpers/clients.ts';
import { joinPresence, type PresenceSocket } from '../helpers/presence.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

const MEMBERS = 30;
const IDEAS = 12;
const BUDGET = 3;

interface Member {
  readonly cred: ParticipantCredential;
  readonly me: S.Person;
  /** The session document, as his phone syncs it. */
  readonly board: WebsocketProvider;
  /** His private document. */
  readonly own: WebsocketProvider;
  readonly boardRefusals: WatchedRefusals;
  readonly ownRefusals: WatchedRefusals;
}

let server: TestServer;
let session: CreatedSession;
let hostSocket: PresenceSocket;
let host: WebsocketProvider;
let hostRefusals: WatchedRefusals;
let hostActor: S.Actor;
/** A script on the member link, reading the session document as any member's device holds it. */
let script: WebsocketProvider;
const members: Member[] = [];
const providers: WebsocketProvider[] = [];
let ideas: string[] = [];
/** What each member gave, idea by idea, as the board must count it after the close. */
const given = new Map<string, number>();

function connect(room: string, token: string): WebsocketProvider {
  const provider = connectProvider(server.ws, room, token, new Y.Doc());
  providers.push(provider);
  return provider;
}

/** A session of its own, its host (Claire) with his presence socket and his board. */
async function sessionWithLead() {
  const other = await createSession(server.http);
  const lead = await joinAs(server.http, other.id, other.tokens.host, 'Claire Mugnier');
  const leadActor: S.Actor = { participantId: lead.participantId, name: lead.name, role: 'host' };
  const socket = joinPresence(server.http, other.id, lead.credential, lead.name);
  return { other, leadActor, socket, leadBoard: connect(other.id, lead.credential) };
}

const votesIn = (doc: Y.Doc) => S.getVotes(doc).length;
const progressOf = (doc: Y.Doc, m: Member) => S.getHiddenVoteProgress(doc).byVoter[m.cred.participantId] ?? 0;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
  const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
  hostActor = { participantId: claire.participantId, name: claire.name, role: 'host' };
  hostSocket = joinPresence(server.http, session.id, claire.credential, claire.name);
  host = connect(session.id, claire.credential);
  hostRefusals = watchRefusals(host);
  script = connect(session.id, session.tokens.member);
  await Promise.all([whenSynced(host), whenSynced(script)]);
  S.setPhase(host.doc, hostActor, 'brainstorm');
  ideas = Array.from({ length: IDEAS }, (_, i) => S.addSticky(host.doc, hostActor, { text: `Idée ${i + 1}`, x: 220 * i, y: 0 }));
  await whenDoc(script.doc, (d) => S.getStickies(d).length === IDEAS);
  hostSocket.emit('facilitate', { kind: 'voting', open: true, budget: BUDGET });
  await whenDoc(script.doc, (d) => S.ruleStateOf(d).countsHidden && S.ruleStateOf(d).voteBudget === BUDGET);

  for (let i = 0; i < MEMBERS; i++) {
    const cred = await joinAs(server.http, session.id, session.tokens.member, `Membre ${i + 1}`);
    const board = connect(session.id, cred.credential);
    const own = connect(S.privateRoomName(session.id), cred.credential);
    members.push({ cred, me: { participantId: cred.participantId, name: cred.name }, board, own, boardRefusals: watchRefusals(board), ownRefusals: watchRefusals(own) });
  }
  await Promise.all(members.flatMap((m) => [whenSynced(m.board), whenSynced(m.own)]));
  await Promise.all(members.map((m) => whenDoc(m.board.doc, (d) => S.ruleStateOf(d).countsHidden)));
}, 120_000);

afterAll(async () => {
  hostSocket.disconnect();
  destroyAll(...providers);
  await server.close();
});

describe('a round that hides its counts, thirty members', () => {
  it('each member’s points go to his own document: the room learns how many people voted, never where', async () => {
    members.forEach((m, i) => {
      for (let k = 0; k < BUDGET; k++) {
        const idea = ideas[(i + k * 5) % IDEAS]!;
        // As the board does it (giveVote): in his private document, the session's votes counted for the order.
        S.castVote(m.own.doc, m.me, idea, undefined, m.board.doc);
        given.set(idea, (given.get(idea) ?? 0) + 1);
      }
    });
    // The server counts each voter's points as it stores them, without their target.
    await whenDoc(script.doc, (d) => S.getHiddenVoteProgress(d).points === MEMBERS * BUDGET);
    expect(S.voterCount(script.doc)).toBe(MEMBERS);
    for (const m of members) expect(progressOf(script.doc, m)).toBe(BUDGET);
    // Nobody who syncs the session document holds a point, nor does storage.
    for (const doc of [script.doc, host.doc, ...members.map((m) => m.board.doc)]) expect(votesIn(doc)).toBe(0);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(await server.app.storage.docs.loadUpdates(session.id)));
    expect(votesIn(stored)).toBe(0);
    // Each one sees his own three, and nothing left to give.
    for (const m of members) expect(S.ownTally(m.board.doc, m.own.doc, m.cred.participantId).used).toBe(BUDGET);
  });

  it('the server holds the round’s rules, whichever document a script writes', async () => {
    const [a, b, c, d, e] = members as [Member, Member, Member, Member, Member];
    // A fourth point: over the budget, undone in his own document.
    S.castVote(a.own.doc, a.me, ideas[0]!, undefined, a.board.doc);
    expect((await a.ownRefusals.when(1)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    await whenDoc(a.own.doc, (doc) => votesIn(doc) === BUDGET);
    // A point on the board while the counts are hidden: undone, seen by nobody.
    S.castVote(b.board.doc, b.me, ideas[1]!);
    expect((await b.boardRefusals.when(1)).at(-1)).toMatch(/^rule: counts-hidden: /);
    await whenDoc(b.board.doc, (doc) => votesIn(doc) === 0);
    // A point in another's name, in his own document.
    S.castVote(c.own.doc, a.me, ideas[2]!);
    expect((await c.ownRefusals.when(1)).at(-1)).toMatch(/^rule: not-yourself: /);
    await whenDoc(c.own.doc, (doc) => votesIn(doc) === BUDGET);
    // An idea in his private document while private writing is off: refused whole, as after
    // any reveal, and kept on his device (marked as not shared), never undone there.
    S.addSticky(d.own.doc, d.me, { text: 'Idée cachée', x: 0, y: 0 });
    expect((await d.ownRefusals.when(1)).at(-1)).toMatch(/^rule: not-private-writing: /);
    await roundTrip(d.own);
    expect(S.countPrivateStickies(d.own.doc)).toBe(1);
    const onServer = await server.app.registry.acquire(`${session.id}/private/${d.cred.participantId}`);
    expect(S.countPrivateStickies(onServer.room.doc)).toBe(0);
    onServer.release();
    // The host may neither move the phase (the points would stay private) nor close the
    // round by writing the document: only his command closes it.
    S.setPhase(host.doc, hostActor, 'synthesis');
    expect((await hostRefusals.when(1)).at(-1)).toMatch(/^rule: vote-open: /);
    S.setVotingOpen(host.doc, false, Date.now());
    expect((await hostRefusals.when(2)).at(-1)).toMatch(/^rule: invalid-write: /);
    await whenDoc(host.doc, (doc) => S.getPhase(doc) === 'brainstorm' && S.ruleStateOf(doc).countsHidden);
    // Taking one back is his own business.
    const taken = S.getVotes(e.own.doc).at(-1)!;
    expect(S.retractVote(e.own.doc, e.cred.participantId, taken.stickyId, e.board.doc)).toBe(true);
    given.set(taken.stickyId, given.get(taken.stickyId)! - 1);
    await whenDoc(script.doc, (doc) => progressOf(doc, e) === BUDGET - 1);
    // None of it reached anyone else.
    expect(votesIn(script.doc)).toBe(0);
    expect(S.getPhase(script.doc)).toBe('brainstorm');
  });

  it('the close moves every point onto the board in the change that closes the round, and empties the private documents', async () => {
    const total = MEMBERS * BUDGET - 1;
    // What the script's replica held after each change: never a point while the round is open,
    // never a closed round short of a point.
    const seen: Array<[boolean, number]> = [];
    script.doc.on('afterTransaction', (tr: Y.Transaction) => seen.push([S.getVotingSettings(tr.doc).open, votesIn(tr.doc)]));
    hostSocket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(script.doc, (doc) => !S.getVotingSettings(doc).open);
    expect(seen.filter(([open, n]) => (open ? n !== 0 : n !== total))).toEqual([]);
    // Each point under its voter, counted as given.
    const byVoter = new Map<string, number>();
    for (const v of S.getVotes(script.doc)) byVoter.set(v.voterId, (byVoter.get(v.voterId) ?? 0) + 1);
    expect(members.map((m) => byVoter.get(m.cred.participantId))).toEqual(members.map((_, i) => (i === 4 ? BUDGET - 1 : BUDGET)));
    expect(S.tally(script.doc).bySticky).toEqual(Object.fromEntries([...given].filter(([, n]) => n > 0).sort(([x], [y]) => (x < y ? -1 : 1))));
    expect(S.voterCount(script.doc)).toBe(MEMBERS);
    expect(S.getVotes(script.doc).every((v) => members.some((m) => m.cred.participantId === v.voterId && m.cred.name === v.voterName))).toBe(true);
    // The private documents are emptied, on every phone.
    await Promise.all(members.map((m) => whenDoc(m.own.doc, (doc) => votesIn(doc) === 0)));
    for (const m of members) expect(S.ownTally(m.board.doc, m.own.doc, m.cred.participantId).used).toBe(m === members[4] ? BUDGET - 1 : BUDGET);
    // Stored as it is.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(await server.app.storage.docs.loadUpdates(session.id)));
    expect(S.tally(stored).bySticky).toEqual(S.tally(script.doc).bySticky);
  });

  it('a point given in private after the close is refused and undone on its device: it cannot come back in a later round', async () => {
    const e = members[4]!;
    const before = e.ownRefusals.reasons.length;
    S.castVote(e.own.doc, e.me, ideas[0]!, undefined, e.board.doc);
    expect((await e.ownRefusals.when(before + 1)).at(-1)).toMatch(/^rule: voting-closed: /);
    await whenDoc(e.own.doc, (doc) => votesIn(doc) === 0);
    expect(S.ownTally(e.board.doc, e.own.doc, e.cred.participantId).used).toBe(BUDGET - 1);
    expect(votesIn(script.doc)).toBe(MEMBERS * BUDGET - 1);
  });

  it('a point left in a private document as a round closed (taken by another instance) does not count in the next round', async () => {
    const g = members[6]!;
    // What another instance's late point leaves here: in his private document, not on the board.
    const lease = await server.app.registry.acquire(`${session.id}/private/${g.cred.participantId}`);
    await lease.room.changeAsServer((doc) => void S.castVote(doc, g.me, ideas[9]!, { id: 'left-over' }));
    lease.release();
    await whenDoc(g.own.doc, (doc) => votesIn(doc) === 1);
    hostSocket.emit('facilitate', { kind: 'voting', open: true });
    // The round opens with his private document emptied: a new round, his budget whole (his
    // points of the first round are its own, on the board).
    await whenDoc(g.own.doc, (doc) => votesIn(doc) === 0);
    await whenDoc(g.board.doc, (doc) => S.ruleStateOf(doc).countsHidden);
    expect(S.ownTally(g.board.doc, g.own.doc, g.cred.participantId).used).toBe(0);
    hostSocket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(script.doc, (doc) => !S.getVotingSettings(doc).open);
    expect(S.getVotes(script.doc).some((v) => v.id === 'left-over')).toBe(false);
    expect(votesIn(script.doc)).toBe(MEMBERS * BUDGET - 1);
  });

  it('counts shown in the middle of a round move the points as the close does; points then go on the board', async () => {
    const [a, b] = members as [Member, Member];
    const earlier = MEMBERS * BUDGET - 1;
    // Another round, four points each, hidden again: everyone's budget whole.
    hostSocket.emit('facilitate', { kind: 'voting', open: true, budget: BUDGET + 1 });
    await Promise.all([a, b, members[4]!].map((m) => whenDoc(m.board.doc, (doc) => S.ruleStateOf(doc).countsHidden && S.ruleStateOf(doc).voteBudget === BUDGET + 1)));
    expect(S.ownTally(members[4]!.board.doc, members[4]!.own.doc, members[4]!.cred.participantId).used).toBe(0);
    for (const idea of ideas.slice(5, 5 + BUDGET + 1)) S.castVote(a.own.doc, a.me, idea, undefined, a.board.doc);
    await whenDoc(script.doc, (doc) => progressOf(doc, a) === BUDGET + 1);
    // His points of the rounds before take nothing from this one's: four given, the fifth is one too many.
    const before = a.ownRefusals.reasons.length;
    S.castVote(a.own.doc, a.me, ideas[10]!, undefined, a.board.doc);
    expect((await a.ownRefusals.when(before + 1)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    await whenDoc(a.own.doc, (doc) => votesIn(doc) === BUDGET + 1);
    expect(votesIn(script.doc)).toBe(earlier);
    hostSocket.emit('facilitate', { kind: 'voting', hideCounts: false });
    await whenDoc(script.doc, (doc) => votesIn(doc) === earlier + BUDGET + 1 && S.getVotingSettings(doc).open && !S.ruleStateOf(doc).countsHidden);
    await whenDoc(a.own.doc, (doc) => votesIn(doc) === 0);
    // Now the counts show: a point goes on the board, and one in private is refused.
    await whenDoc(b.board.doc, (doc) => !S.ruleStateOf(doc).countsHidden);
    S.castVote(b.board.doc, b.me, ideas[6]!);
    await whenDoc(script.doc, (doc) => votesIn(doc) === earlier + BUDGET + 2);
    const refusedBefore = b.ownRefusals.reasons.length;
    S.castVote(b.own.doc, b.me, ideas[7]!, undefined, b.board.doc);
    expect((await b.ownRefusals.when(refusedBefore + 1)).at(-1)).toMatch(/^rule: counts-shown: /);
    expect(votesIn(script.doc)).toBe(earlier + BUDGET + 2);
    // The round shows its own points: the first round's stand apart, its results.
    expect(Object.values(S.roundTally(script.doc).bySticky).reduce((x, y) => x + y, 0)).toBe(BUDGET + 2);
  });
});

describe('a point on an idea deleted since uses no budget, as every device counts it', () => {
  // A phone counts only the points on ideas still on the board (ownTally): after an idea was
  // deleted, it said "1 point left" and offered *Voter*, and the server refused the point
  // (it still counted the one on the deleted idea).
  it('in a round that hides its counts, and in one that shows them', async () => {
    const { other, leadActor, socket, leadBoard } = await sessionWithLead();
    const sophieCred = await joinAs(server.http, other.id, other.tokens.member, 'Sophie Girard');
    const emilieCred = await joinAs(server.http, other.id, other.tokens.member, 'Émilie Roux');
    const sophie = { me: { participantId: sophieCred.participantId, name: sophieCred.name }, board: connect(other.id, sophieCred.credential), own: connect(S.privateRoomName(other.id), sophieCred.credential) };
    const emilie = { me: { participantId: emilieCred.participantId, name: emilieCred.name }, board: connect(other.id, emilieCred.credential) };
    const ownRefusals = watchRefusals(sophie.own);
    const boardRefusals = watchRefusals(sophie.board);
    await Promise.all([leadBoard, sophie.board, sophie.own, emilie.board].map(whenSynced));
    S.setPhase(leadBoard.doc, leadActor, 'brainstorm');
    const theirs = S.addSticky(emilie.board.doc, emilie.me, { text: 'Rencontrer trois dirigeants', x: 0, y: 0 });
    const a = S.addSticky(leadBoard.doc, leadActor, { text: 'Idée A', x: 300, y: 0 });
    const b = S.addSticky(leadBoard.doc, leadActor, { text: 'Idée B', x: 600, y: 0 });
    await whenDoc(sophie.board.doc, (d) => S.getStickies(d).length === 3);
    const progress = (d: Y.Doc) => S.getHiddenVoteProgress(d).byVoter[sophie.me.participantId] ?? 0;

    // Hidden counts, two points: one on Émilie's idea, one on A. Émilie deletes hers.
    socket.emit('facilitate', { kind: 'voting', open: true, budget: 2 });
    await whenDoc(sophie.board.doc, (d) => S.ruleStateOf(d).countsHidden && S.ruleStateOf(d).voteBudget === 2);
    S.castVote(sophie.own.doc, sophie.me, theirs, undefined, sophie.board.doc);
    S.castVote(sophie.own.doc, sophie.me, a, undefined, sophie.board.doc);
    await whenDoc(leadBoard.doc, (d) => progress(d) === 2);
    S.deleteSticky(emilie.board.doc, theirs);
    await whenDoc(sophie.board.doc, (d) => S.getStickies(d).length === 2);
    // Her phone counts one point left; the server takes it.
    expect(S.ownTally(sophie.board.doc, sophie.own.doc, sophie.me.participantId).used).toBe(1);
    S.castVote(sophie.own.doc, sophie.me, b, undefined, sophie.board.doc);
    await whenDoc(leadBoard.doc, (d) => progress(d) === 3);
    // The next is one too many.
    S.castVote(sophie.own.doc, sophie.me, b, undefined, sophie.board.doc);
    expect((await ownRefusals.when(1)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    await whenDoc(sophie.own.doc, (d) => votesIn(d) === 3);
    expect(ownRefusals.reasons).toHaveLength(1);

    // The close puts her points on the board: the one on the deleted idea counts for nothing.
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(leadBoard.doc, (d) => !S.getVotingSettings(d).open && votesIn(d) === 3);
    expect(S.tally(leadBoard.doc).bySticky).toEqual({ [a]: 1, [b]: 1 });

    // A round that shows its counts, three points, whole; A deleted, she gives them all to B.
    socket.emit('facilitate', { kind: 'voting', open: true, budget: 3, hideCounts: false });
    await whenDoc(sophie.board.doc, (d) => S.getVotingSettings(d).open && !S.ruleStateOf(d).countsHidden && S.ruleStateOf(d).voteBudget === 3);
    S.deleteSticky(leadBoard.doc, a);
    await whenDoc(sophie.board.doc, (d) => S.getStickies(d).length === 1);
    for (let i = 0; i < 3; i++) S.castVote(sophie.board.doc, sophie.me, b);
    await whenDoc(leadBoard.doc, (d) => S.roundTally(d).bySticky[b] === 3);
    S.castVote(sophie.board.doc, sophie.me, b);
    expect((await boardRefusals.when(1)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    await whenDoc(sophie.board.doc, (d) => S.roundTally(d).bySticky[b] === 3 && votesIn(d) === 6);
    // A point on what is not on the board is refused, whatever budget it would leave: it
    // would cost nothing, and count the day an idea were put under that key.
    S.castVote(sophie.board.doc, sophie.me, 'nowhere');
    expect((await boardRefusals.when(2)).at(-1)).toMatch(/^rule: no-such-target: /);
    await whenDoc(sophie.board.doc, (d) => votesIn(d) === 6);

    // A hidden round again, four points, whole: the points on the board are the rounds' before.
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(sophie.board.doc, (d) => !S.getVotingSettings(d).open);
    socket.emit('facilitate', { kind: 'voting', open: true, budget: 4, hideCounts: true });
    await whenDoc(sophie.board.doc, (d) => S.ruleStateOf(d).countsHidden && S.ruleStateOf(d).voteBudget === 4);
    expect(S.ownTally(sophie.board.doc, sophie.own.doc, sophie.me.participantId).used).toBe(0);
    for (let i = 0; i < 4; i++) S.castVote(sophie.own.doc, sophie.me, b, undefined, sophie.board.doc);
    await whenDoc(leadBoard.doc, (d) => progress(d) === 4);
    S.castVote(sophie.own.doc, sophie.me, b, undefined, sophie.board.doc);
    expect((await ownRefusals.when(2)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    S.castVote(sophie.own.doc, sophie.me, theirs, undefined, sophie.board.doc);
    expect((await ownRefusals.when(3)).at(-1)).toMatch(/^rule: no-such-target: /);
    socket.disconnect();
  });
});

describe('each round its whole budget: a point of a round over is refused', () => {
  // A run-off among the top ideas opened with every member at "0 sur 5": the budget was per
  // kind of target, not per round. Now each round gives it whole, and a point of a round
  // over (a phone offline as it closed, back in the next) is refused: it would spend, or
  // count, in the wrong round.
  it('in a round that shows its counts, and in one that hides them', async () => {
    const { other, leadActor, socket, leadBoard } = await sessionWithLead();
    const cred = await joinAs(server.http, other.id, other.tokens.member, 'Sophie Girard');
    const me = { participantId: cred.participantId, name: cred.name };
    const phone = connect(other.id, cred.credential);
    const own = connect(S.privateRoomName(other.id), cred.credential);
    const boardRefusals = watchRefusals(phone);
    const ownRefusals = watchRefusals(own);
    await Promise.all([leadBoard, phone, own].map(whenSynced));
    S.setPhase(leadBoard.doc, leadActor, 'brainstorm');
    const [a, b] = ['Idée A', 'Idée B'].map((text, i) => S.addSticky(leadBoard.doc, leadActor, { text, x: 300 * i, y: 0 })) as [string, string];
    await whenDoc(phone.doc, (d) => S.getStickies(d).length === 2);
    const mine = (d: Y.Doc, round: number) => S.getVotes(d).filter((v) => v.voterId === me.participantId && v.round === round).length;

    // Round 1, counts shown, two points: she gives both.
    socket.emit('facilitate', { kind: 'voting', open: true, budget: 2, hideCounts: false });
    await whenDoc(phone.doc, (d) => S.getVotingSettings(d).open && S.getVotingSettings(d).round === 1 && !S.ruleStateOf(d).countsHidden);
    S.castVote(phone.doc, me, a);
    S.castVote(phone.doc, me, a);
    await whenDoc(leadBoard.doc, (d) => mine(d, 1) === 2);
    // Round 2 opened while her phone was off the network, on which she gave one more of round 1's.
    phone.disconnect();
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(leadBoard.doc, (d) => !S.getVotingSettings(d).open);
    socket.emit('facilitate', { kind: 'voting', open: true, hideCounts: false });
    await whenDoc(leadBoard.doc, (d) => S.getVotingSettings(d).open && S.getVotingSettings(d).round === 2);
    S.retractVote(phone.doc, me.participantId, a);
    S.castVote(phone.doc, me, b);
    phone.connect();
    // Back: both her changes are of round 1, over: refused, undone on her phone.
    expect(await boardRefusals.when(1)).toEqual([expect.stringMatching(/^rule: wrong-round: /)]);
    await whenDoc(phone.doc, (d) => S.getVotingSettings(d).round === 2 && mine(d, 1) === 2 && S.getVotes(d).length === 2);
    expect(S.roundTally(leadBoard.doc, 1).bySticky).toEqual({ [a]: 2 });
    // Round 2 gives her two points, whole.
    expect(S.ownTally(phone.doc, own.doc, me.participantId).used).toBe(0);
    S.castVote(phone.doc, me, b);
    S.castVote(phone.doc, me, b);
    await whenDoc(leadBoard.doc, (d) => mine(d, 2) === 2);
    S.castVote(phone.doc, me, b);
    expect((await boardRefusals.when(2)).at(-1)).toMatch(/^rule: vote-budget-exhausted: /);
    await whenDoc(leadBoard.doc, (d) => S.roundTally(d).bySticky[b] === 2 && S.tally(d).bySticky[b] === 2 && S.tally(d).bySticky[a] === undefined);

    // Round 3 hides its counts; her private document, offline, holds one point of it when it
    // closes and round 4 opens: back online, it is refused there too.
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(phone.doc, (d) => !S.getVotingSettings(d).open);
    socket.emit('facilitate', { kind: 'voting', open: true, hideCounts: true });
    await whenDoc(phone.doc, (d) => S.ruleStateOf(d).countsHidden && S.getVotingSettings(d).round === 3);
    own.disconnect();
    S.castVote(own.doc, me, a, undefined, phone.doc);
    expect(S.getVotes(own.doc)[0]?.round).toBe(3);
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(phone.doc, (d) => !S.getVotingSettings(d).open);
    socket.emit('facilitate', { kind: 'voting', open: true, hideCounts: true });
    await whenDoc(phone.doc, (d) => S.ruleStateOf(d).countsHidden && S.getVotingSettings(d).round === 4);
    own.connect();
    expect((await ownRefusals.when(1)).at(-1)).toMatch(/^rule: wrong-round: /);
    await whenDoc(own.doc, (d) => votesIn(d) === 0);
    socket.emit('facilitate', { kind: 'voting', open: false });
    await whenDoc(leadBoard.doc, (d) => !S.getVotingSettings(d).open);
    expect(S.getVotes(leadBoard.doc).filter((v) => v.round >= 3)).toEqual([]);
    socket.disconnect();
  });
});
