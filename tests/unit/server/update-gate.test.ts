// The gate on its own, on a document and a client replica: what it refuses is undone
// exactly, what it allows in the same update stays, and both replicas end equal.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateGate } from '../../../server/sync/UpdateGate.ts';
import {
  addSticky, addVisitNote, castVote, deleteSticky, getSession, getStickies, initSessionDocument, moveSticky, setHideCounts, setPhase, setStickyText, setVotingOpen,
} from '../../../shared/session/index.ts';
import type { Actor } from '../../../shared/session/index.ts';
import * as S from '../../../shared/session/index.ts';

const host: Actor = { participantId: 'h', name: 'Hélène', role: 'host' };
const alice: Actor = { participantId: 'a', name: 'Alice', role: 'member' };
const bob: Actor = { participantId: 'b', name: 'Bob', role: 'member' };

/** A server document in brainstorm with one idea each from Alice and Bob, and a replica of it. */
function setup() {
  const server = new Y.Doc();
  initSessionDocument(server, { title: 't', hostCompany: 'c', hostName: 'h', date: '2026-11-28' });
  setPhase(server, host, 'brainstorm');
  setVotingOpen(server, true, 1);
  setHideCounts(server, false);
  addSticky(server, alice, { text: 'idée A', x: 0, y: 0 }, { id: 'sa' });
  addSticky(server, bob, { text: 'idée B', x: 300, y: 0 }, { id: 'sb' });
  const gate = new UpdateGate(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** The client's change, sent as one update, judged as `actor`; the undo goes back to it. */
  const send = (actor: Actor, change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => change(client));
    const update = Y.encodeStateAsUpdate(client, before);
    const verdict = gate.apply('conn', actor, () => Y.applyUpdate(server, update, 'conn'));
    if (verdict.undo) Y.applyUpdate(client, verdict.undo);
    return verdict;
  };
  return { server, client, send, gate };
}

const view = (doc: Y.Doc) => ({ ...getSession(doc), id: '' });

describe('UpdateGate', () => {
  it('lets an allowed change through untouched', () => {
    const { server, client, send } = setup();
    const verdict = send(alice, (d) => setStickyText(d, 'sa', 'idée A, mieux dite'));
    expect(verdict.refused).toEqual([]);
    expect(verdict.undo).toBeNull();
    expect(getStickies(server).find((s) => s.id === 'sa')?.text).toBe('idée A, mieux dite');
    expect(view(client)).toEqual(view(server));
  });

  it("undoes a member's edit of another's idea, keeps his own edit in the same update", () => {
    const { server, client, send } = setup();
    const before = view(server);
    const verdict = send(alice, (d) => {
      setStickyText(d, 'sb', 'réécrit par Alice');
      setStickyText(d, 'sa', 'la mienne');
    });
    expect(verdict.refused.map((r) => [r.where, r.reason])).toEqual([['stickies/sb/text', 'not-author']]);
    expect(getStickies(server).find((s) => s.id === 'sb')?.text).toBe('idée B');
    expect(getStickies(server).find((s) => s.id === 'sa')?.text).toBe('la mienne');
    expect(view(client)).toEqual(view(server));
    expect(view(server).stickies.find((s) => s.id === 'sb')).toEqual(before.stickies.find((s) => s.id === 'sb'));
  });

  it("restores another's idea a member deleted, whole, and keeps the idea he added", () => {
    const { server, client, send } = setup();
    const bobs = getStickies(server).find((s) => s.id === 'sb');
    const verdict = send(alice, (d) => {
      deleteSticky(d, 'sb');
      addSticky(d, alice, { text: 'nouvelle', x: 0, y: 200 }, { id: 'sa2' });
    });
    expect(verdict.refused.map((r) => r.reason)).toEqual(['not-author']);
    expect(getStickies(server).find((s) => s.id === 'sb')).toEqual(bobs);
    expect(getStickies(server).map((s) => s.id).sort()).toEqual(['sa', 'sa2', 'sb']);
    expect(view(client)).toEqual(view(server));
  });

  it('refuses a phase move, a forged author and a vote past the budget, each with its reason', () => {
    const { server, client, send } = setup();
    const before = view(server);
    const verdict = send(alice, (d) => {
      setPhase(d, alice, 'closed');
      addSticky(d, bob, { text: 'au nom de Bob', x: 0, y: 400 });
      moveSticky(d, 'sa', 10, 10);
      for (let i = 0; i < 6; i++) castVote(d, alice, 'sb');
    });
    expect(new Set(verdict.refused.map((r) => r.reason))).toEqual(new Set(['host-or-facilitator-only', 'not-yourself', 'vote-budget-exhausted']));
    const after = view(server);
    expect(after.meta.phase).toBe('brainstorm');
    expect(after.phaseHistory).toEqual(before.phaseHistory);
    expect(after.stickies.map((s) => s.id).sort()).toEqual(['sa', 'sb']);
    expect(after.votes).toHaveLength(5);
    expect(after.stickies.find((s) => s.id === 'sa')).toMatchObject({ x: 10, y: 10 });
    expect(view(client)).toEqual(after);
  });

  it('gives a round on groups and a round on ideas a budget each, and refuses a point on the kind the round is not on', () => {
    // Seen with eight phones: a round on the themes, then one on the ideas, and the second
    // started at "2 sur 5": the points on groups, no longer offered to take back, were spent.
    const { server, client, send } = setup();
    let group = '';
    send(host, (d) => {
      group = S.createGroup(d, host, 'Financement');
      S.setStickyGroup(d, 'sa', group);
    });
    S.setVoteTarget(server, 'groups');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const onGroups = send(alice, (d) => {
      for (let i = 0; i < 3; i++) castVote(d, alice, group);
      castVote(d, alice, 'sb');
    });
    expect(onGroups.refused.map((r) => r.reason)).toEqual(['wrong-target']);
    S.setVoteTarget(server, 'stickies');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(S.votesUsedBy(server, 'a')).toBe(0);
    const onIdeas = send(alice, (d) => {
      for (let i = 0; i < 5; i++) castVote(d, alice, 'sb');
      castVote(d, alice, group);
    });
    expect(onIdeas.refused.map((r) => r.reason)).toEqual(['wrong-target']);
    expect(S.votesUsedBy(server, 'a')).toBe(5);
    expect(send(alice, (d) => castVote(d, alice, 'sa')).refused.map((r) => r.reason)).toEqual(['vote-budget-exhausted']);
    // Both rounds count in the results, each whole.
    expect(S.tally(server).bySticky).toEqual({ [group]: 3, sb: 5 });
    expect(view(client)).toEqual(view(server));
  });

  it('gives each round a whole budget, and refuses a point of a round over, given or taken back', () => {
    // Seen with eight phones: the run-off among the top ideas opened with everyone at "0 sur 5".
    const { server, client, send } = setup();
    const sync = () => Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(send(alice, (d) => { for (let i = 0; i < 5; i++) castVote(d, alice, 'sa'); }).refused).toEqual([]);
    expect(send(alice, (d) => castVote(d, alice, 'sb')).refused.map((r) => r.reason)).toEqual(['vote-budget-exhausted']);
    setVotingOpen(server, false, 2);
    setVotingOpen(server, true, 3);
    sync();
    expect(S.getVotingSettings(server).round).toBe(2);
    expect(S.votesUsedBy(server, 'a')).toBe(0);
    expect(send(alice, (d) => { for (let i = 0; i < 5; i++) castVote(d, alice, 'sb'); }).refused).toEqual([]);
    expect(send(alice, (d) => castVote(d, alice, 'sa')).refused.map((r) => r.reason)).toEqual(['vote-budget-exhausted']);
    // A point of the first round, sent now (a phone offline as it closed), and one of its points taken back.
    const late = send(bob, (d) => d.getMap('votes').set('late', { voterId: 'b', voterName: 'Bob', stickyId: 'sa', seq: 1, at: 0, round: 1 }));
    expect(late.refused.map((r) => r.reason)).toEqual(['wrong-round']);
    const first = S.getVotes(server).find((v) => v.round === 1 && v.voterId === 'a')!;
    expect(send(alice, (d) => d.getMap('votes').delete(first.id)).refused.map((r) => r.reason)).toEqual(['wrong-round']);
    expect(S.roundTally(server, 1).bySticky).toEqual({ sa: 5 });
    expect(S.tally(server).bySticky).toEqual({ sb: 5 });
    expect(view(client)).toEqual(view(server));
  });

  it('refuses everything once the session is closed, a late visit note included', () => {
    const { server, client, send } = setup();
    send(host, (d) => setPhase(d, host, 'synthesis'));
    send(host, (d) => setPhase(d, host, 'closed'));
    const closed = view(server);
    const verdict = send(alice, (d) => addVisitNote(d, alice, { stationId: null, kind: 'idea', text: 'notée hors ligne' }));
    expect(verdict.refused.map((r) => r.reason)).toEqual(['session-closed']);
    expect(view(server)).toEqual(closed);
    expect(view(client)).toEqual(closed);
  });

  it("judges each update on the rules as they are then, changed by the server's own hand in between too", () => {
    const { server, client, send } = setup();
    expect(send(alice, (d) => moveSticky(d, 'sa', 10, 10)).refused).toEqual([]);
    // Not through the gate: the server's own change (a facilitation command, a migration, another instance's).
    setPhase(server, host, 'synthesis');
    setPhase(server, host, 'closed');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const verdict = send(alice, (d) => moveSticky(d, 'sa', 20, 20));
    expect(verdict.refused.map((r) => [r.where, r.reason])).toEqual([
      ['stickies/sa/x', 'session-closed'],
      ['stickies/sa/y', 'session-closed'],
    ]);
    expect(getStickies(server).find((s) => s.id === 'sa')).toMatchObject({ x: 10, y: 10 });
    expect(view(client)).toEqual(view(server));
  });

  it('refuses writes outside the documented roots and fields, and past the lengths', () => {
    const { server, client, send } = setup();
    const before = view(server);
    const verdict = send(alice, (d) => {
      d.getMap('secret').set('x', 1);
      d.getMap('facilitation').set('speaker', { participantId: 'a' });
      (d.getMap('stickies').get('sa') as Y.Map<unknown>).set('authorId', 'b');
      setStickyText(d, 'sa', 'x'.repeat(501));
    });
    expect(verdict.refused.map((r) => r.reason).sort()).toEqual(['invalid-write', 'invalid-write', 'invalid-write', 'too-long']);
    expect(view(server)).toEqual(before);
    expect(view(client)).toEqual(before);
    expect(server.getMap('secret').size).toBe(0);
  });
});

describe('UpdateGate, the closing round', () => {
  it('lets the host run it in the Synthèse only, on people of the session, and no member', () => {
    const { server, client, send } = setup();
    S.registerParticipant(server, alice);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Not before the Synthèse.
    expect(send(host, (d) => S.setClosingRound(d, true)).refused.map((r) => [r.where, r.reason])).toEqual([['meta/closingRound', 'wrong-phase']]);
    setPhase(server, host, 'synthesis');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Not by a member, for the round or for whose words the screen shows.
    expect(send(alice, (d) => S.setClosingRound(d, true)).refused.map((r) => [r.where, r.reason])).toEqual([['meta/closingRound', 'host-or-facilitator-only']]);
    expect(send(host, (d) => S.setClosingRound(d, true)).refused).toEqual([]);
    expect(send(alice, (d) => S.showLearningsOf(d, 'a')).refused.map((r) => r.reason)).toEqual(['host-or-facilitator-only']);
    // Not someone who never was in the session, nor anything but an id or nobody.
    expect(send(host, (d) => S.showLearningsOf(d, 'inconnu')).refused.map((r) => [r.where, r.reason])).toEqual([['meta/closingShown', 'invalid-write']]);
    expect(send(host, (d) => d.getMap('meta').set('closingShown', 42)).refused.map((r) => r.reason)).toEqual(['invalid-write']);
    expect(send(host, (d) => d.getMap('meta').set('closingRound', 'oui')).refused.map((r) => r.reason)).toEqual(['invalid-write']);
    expect(send(host, (d) => S.showLearningsOf(d, 'a')).refused).toEqual([]);
    expect(S.getClosingRound(server)).toEqual({ open: true, shownId: 'a' });
    expect(view(client)).toEqual(view(server));
    // Ended, it shows nobody's words.
    expect(send(host, (d) => S.setClosingRound(d, false)).refused).toEqual([]);
    expect(S.getClosingRound(server)).toEqual({ open: false, shownId: null });
  });
});

describe('UpdateGate, the owners of actions', () => {
  it('gives an action to someone of the session, or of its club, and to nobody else', () => {
    const { server, client, send, gate } = setup();
    S.registerParticipant(server, alice);
    setPhase(server, host, 'synthesis');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const marc = { participantId: 'm-club', name: 'Marc Duret' };
    const reasons = (actor: Actor, change: (doc: Y.Doc) => void) => send(actor, change).refused.map((r) => r.reason);
    expect(reasons(host, (d) => S.addActionItem(d, { text: 'Appeler la banque', owner: alice }, { id: 'a1' }))).toEqual([]);
    expect(reasons(host, (d) => S.addActionItem(d, { text: 'Relire le pacte', owner: null }, { id: 'a2' }))).toEqual([]);
    // The writer himself, whether or not he wrote himself into the participants.
    expect(reasons(host, (d) => S.addActionItem(d, { text: 'Répondre au devis', owner: host }, { id: 'a4' }))).toEqual([]);
    // Someone the session never saw, under a name of the room: refused, new or changed.
    expect(reasons(host, (d) => S.addActionItem(d, { text: 'Visiter l’atelier', owner: { participantId: 'inconnu', name: 'Alice' } }, { id: 'a3' }))).toEqual(['unknown-person']);
    expect(reasons(host, (d) => S.updateActionItem(d, 'a2', { owner: marc }))).toEqual(['unknown-person']);
    expect(S.getActionItems(server).map((a) => [a.id, a.ownerId])).toEqual([['a1', 'a'], ['a2', null], ['a4', 'h']]);
    // A member of the session's club, absent from the room: his.
    gate.knowPeople((id) => id === marc.participantId);
    expect(reasons(host, (d) => S.updateActionItem(d, 'a2', { owner: marc }))).toEqual([]);
    expect(S.getActionItems(server).find((a) => a.id === 'a2')?.ownerId).toBe('m-club');
    expect(view(client)).toEqual(view(server));
  });
});

describe('UpdateGate, fields edited in place', () => {
  it("refuses an idea's text replaced by a plain string, and keeps its author's move and colour in the same update", () => {
    const { server, client, send } = setup();
    const verdict = send(alice, (d) => {
      const sticky = d.getMap('stickies').get('sa') as Y.Map<unknown>;
      sticky.set('text', 'plus un texte partagé');
      sticky.set('x', 40);
      sticky.set('color', 'blue');
    });
    expect(verdict.refused.map((r) => [r.where, r.reason])).toEqual([['stickies/sa/text', 'invalid-write']]);
    expect(getStickies(server).find((s) => s.id === 'sa')).toMatchObject({ text: 'idée A', x: 40, color: 'blue' });
    expect(view(client)).toEqual(view(server));
  });

  it("refuses a colour on another's idea, a colour outside the palette on one's own, and a field no idea has", () => {
    const { server, client, send } = setup();
    const before = view(server);
    const verdict = send(alice, (d) => {
      (d.getMap('stickies').get('sb') as Y.Map<unknown>).set('color', 'blue');
      const own = d.getMap('stickies').get('sa') as Y.Map<unknown>;
      own.set('color', 'plaid');
      own.set('score', 3);
    });
    expect(verdict.refused.map((r) => [r.where, r.reason]).sort()).toEqual([
      ['stickies/sa/color', 'invalid-write'],
      ['stickies/sa/score', 'invalid-write'],
      ['stickies/sb/color', 'not-author'],
    ]);
    expect(view(server)).toEqual(before);
    expect(view(client)).toEqual(before);
  });
});

describe('UpdateGate, the phase log', () => {
  it("refuses a phase move logged in another's name, and keeps the host's own", () => {
    const { server, client, send } = setup();
    const forged = send(host, (d) => S.setPhase(d, { ...host, participantId: 'someone-else' }, 'synthesis'));
    expect(forged.refused.map((r) => r.reason)).toEqual(['not-yourself', 'not-yourself']);
    expect(S.getPhaseHistory(server).map((c) => c.byId)).toEqual(['h']);
    expect(S.getPhase(server)).toBe('brainstorm');
    expect(view(client)).toEqual(view(server));
    const own = send(host, (d) => S.setPhase(d, host, 'synthesis'));
    expect(own.refused).toEqual([]);
    expect(S.getPhase(server)).toBe('synthesis');
  });
});

describe('UpdateGate, content limits', () => {
  it('refuses an idea past the number one person may have on the board', () => {
    const { server, send } = setup();
    // Alice has one idea already (setup).
    for (let i = 2; i < S.STICKIES_PER_PERSON; i++) addSticky(server, alice, { text: `${i}`, x: 0, y: 0 });
    expect(send(alice, (d) => addSticky(d, alice, { text: 'la dernière permise', x: 0, y: 0 })).refused).toEqual([]);
    const over = send(alice, (d) => addSticky(d, alice, { text: 'une de trop', x: 0, y: 0 }));
    expect(over.refused.map((r) => r.reason)).toEqual(['too-many']);
    expect(getStickies(server).filter((s) => s.authorId === 'a')).toHaveLength(S.STICKIES_PER_PERSON);
  });

  // "Annuler" after deleting one's own idea while the host moved it (his tidy, say): the idea
  // comes back from a copy taken as it was deleted, whole, as she left it, and the server
  // takes it as her own idea added again.
  it('takes back an idea its author deleted while the host moved it, whole, from the copy taken at the removal', () => {
    const { server, client, send, gate } = setup();
    const copy = S.copySticky(client, 'sa');
    expect(copy).not.toBeNull();
    moveSticky(server, 'sa', 500, 400);
    const before = Y.encodeStateVector(client);
    deleteSticky(client, 'sa');
    const removal = gate.apply('conn', alice, () => Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), 'conn'));
    expect(removal.refused).toEqual([]);
    // The host's move reaches her device after her removal.
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(getStickies(client).map((s) => s.id)).toEqual(['sb']);

    const back = send(alice, (d) => expect(S.restoreSticky(d, copy!)).toBe(true));
    expect(back.refused).toEqual([]);
    expect(getStickies(server).find((s) => s.id === 'sa')).toMatchObject({ text: 'idée A', x: 0, y: 0, authorId: 'a', authorName: 'Alice', color: 'yellow', groupId: null });
    expect(view(client)).toEqual(view(server));
    // Brought back already (by another of her devices): not twice.
    expect(S.restoreSticky(client, copy!)).toBe(false);
    // Another's idea is not hers to bring back.
    const bobs = S.copySticky(client, 'sb')!;
    const other = send(host, (d) => deleteSticky(d, 'sb'));
    expect(other.refused).toEqual([]);
    expect(send(alice, (d) => S.restoreSticky(d, bobs)).refused.map((r) => r.reason)).toEqual(['not-yourself']);
    expect(getStickies(server).map((s) => s.id)).toEqual(['sa']);
  });
});
