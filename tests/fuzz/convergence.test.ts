// Seeded randomized convergence test of the session document, in the manner of Yjs's own
// tests: 3 to 5 replicas apply random operations and exchange updates in random order with
// random disconnects; after a full sync every replica must hold the same state and derive
// the same summary and tally, and the invariants must hold.
//
// Replay a seed: FUZZ_SEED=1234 npx vitest run tests/fuzz
// Explore more:  FUZZ_RANDOM=200 npx vitest run tests/fuzz  (prints any failing seed; add it below)
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { Network } from './network.ts';
import { actorOf, randomOp } from './session-ops.ts';

interface RunOptions {
  readonly steps: number;
  /** Start from a document written before versioning, which replicas migrate concurrently. */
  readonly unversionedStart?: boolean;
}

export function runSeed(seed: number, opts: RunOptions = { steps: 300 }): { net: Network; log: string[] } {
  const gen = prng.create(seed);
  const count = prng.int32(gen, 3, 5);
  const origin = new Y.Doc({ guid: 'fuzz-session' });
  origin.clientID = 1000;
  if (opts.unversionedStart) {
    S.roots(origin).meta.set('title', 'Séance sans version');
  } else {
    S.initSessionDocument(origin, { title: 'Fuzz', hostCompany: 'Arvéa', hostName: 'Laurent', date: '2026-03-12' }, { at: 0 });
    S.setPhase(origin, actorOf(0), 'brainstorm', { at: 1 });
  }
  const net = new Network(gen, count, origin);
  const counters = net.peers.map(() => 0);
  let clock = 1_000;
  const log: string[] = [];

  for (let step = 0; step < opts.steps; step++) {
    const roll = prng.int32(gen, 0, 99);
    if (roll < 55) {
      const peer = prng.oneOf(gen, net.peers);
      const name = randomOp({
        gen,
        peer,
        actor: actorOf(peer.index),
        id: () => `${peer.index}-${counters[peer.index] = (counters[peer.index] ?? 0) + 1}`,
        // Each device's clock is skewed; the document must not rely on clocks agreeing.
        at: () => (clock += prng.int32(gen, 0, 5)) + (peer.index - 2) * 7,
      });
      log.push(`${step} peer${peer.index} ${name}`);
    } else if (roll < 90) {
      const n = prng.int32(gen, 1, 4);
      for (let i = 0; i < n; i++) net.deliverOne();
    } else if (roll < 96) {
      const peer = prng.oneOf(gen, net.peers);
      net.disconnect(peer);
      log.push(`${step} peer${peer.index} offline`);
    } else {
      const peer = prng.oneOf(gen, net.peers);
      net.reconnect(peer);
      log.push(`${step} peer${peer.index} online`);
    }
  }
  net.flush();
  return { net, log };
}

function assertConverged(net: Network): void {
  const [first, ...rest] = net.peers;
  if (!first) throw new Error('no peers');
  for (const p of net.peers) {
    expect(p.doc.store.pendingStructs, `peer${p.index} has pending structs`).toBeNull();
    expect(p.doc.store.pendingDs, `peer${p.index} has a pending delete set`).toBeNull();
  }
  const state = (doc: Y.Doc) => ({
    vector: Y.encodeStateVector(doc),
    encoded: canonicalUpdate(doc),
    snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
    session: S.getSession(doc),
    tally: S.tally(doc),
    summary: S.buildSummary(doc),
    markdown: S.renderSummaryMarkdown(S.buildSummary(doc), 'fr'),
    presentation: S.PRESENTATION_SECTIONS.map((s) => S.getPresentationFragment(doc, s).toString()),
    // Last: Y.Doc#toJSON lists only the root types this replica has instantiated.
    json: doc.toJSON(),
  });
  const expected = state(first.doc);
  for (const p of rest) {
    const got = state(p.doc);
    expect(got.vector, `state vector of peer${p.index}`).toEqual(expected.vector);
    expect(got.snapshot, `snapshot of peer${p.index}`).toEqual(expected.snapshot);
    expect(got.encoded, `encoded state of peer${p.index}`).toEqual(expected.encoded);
    expect(got.json, `content of peer${p.index}`).toEqual(expected.json);
    expect(got.session, `session view of peer${p.index}`).toEqual(expected.session);
    expect(got.tally, `tally of peer${p.index}`).toEqual(expected.tally);
    expect(got.summary, `summary of peer${p.index}`).toEqual(expected.summary);
    expect(got.markdown).toBe(expected.markdown);
    expect(got.presentation).toEqual(expected.presentation);
  }
  assertInvariants(first.doc);
}

/**
 * The replica's encoded state, re-encoded through a fresh document. The raw bytes of
 * encodeStateAsUpdate can differ between replicas in the same state: garbage-collected
 * (deleted) ranges are kept as several GC structs on one replica and one merged struct on
 * another, depending on how the deletes arrived. A fresh document integrating the whole
 * update merges them the same way, so its encoding is canonical.
 */
function canonicalUpdate(doc: Y.Doc): Uint8Array {
  const fresh = new Y.Doc({ guid: doc.guid });
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  return Y.encodeStateAsUpdate(fresh);
}

function assertInvariants(doc: Y.Doc): void {
  const view = S.getSession(doc);
  const t = S.tally(doc);
  const stickyIds = new Set(view.stickies.map((s) => s.id));
  const groupIds = new Set(view.groups.map((g) => g.id));
  // The tally respects every member's budget and counts only live stickies.
  for (const [voter, n] of Object.entries(t.byVoter)) {
    expect(n, `votes counted for ${voter}`).toBeLessThanOrEqual(view.board.voteBudget);
  }
  const counted = new Set(t.countedVoteIds);
  for (const v of view.votes.filter((x) => counted.has(x.id))) expect(stickyIds.has(v.stickyId)).toBe(true);
  expect(Object.values(t.bySticky).reduce((a, b) => a + b, 0)).toBe(t.countedVoteIds.length);
  expect(t.countedVoteIds.length + t.ignored).toBe(view.votes.length);
  // A member keeps his earliest votes: no ignored vote of his comes before a counted one
  // unless it was on a deleted sticky.
  const byVoter = new Map<string, S.Vote[]>();
  for (const v of view.votes) byVoter.set(v.voterId, [...(byVoter.get(v.voterId) ?? []), v]);
  for (const votes of byVoter.values()) {
    const live = votes.filter((v) => stickyIds.has(v.stickyId));
    expect(live.map((v) => counted.has(v.id))).toEqual(live.map((_, i) => i < view.board.voteBudget));
  }
  // Every sticky's group exists or is null; every note's station exists or is null.
  for (const s of view.stickies) expect(s.groupId === null || groupIds.has(s.groupId)).toBe(true);
  const stationIds = new Set(view.stations.map((s) => s.id));
  for (const n of view.visitNotes) expect(n.stationId === null || stationIds.has(n.stationId)).toBe(true);
  // Hidden only while private writing is on.
  if (!view.board.privateWriting) expect(view.stickies.filter((s) => s.hidden)).toEqual([]);
  // The schema version is current and the phase is one of the phases.
  expect(view.meta.schemaVersion).toBe(S.CURRENT_SCHEMA_VERSION);
  expect(S.PHASES).toContain(view.meta.phase);
  // Ranks are sorted by votes.
  const ranked = S.rankedStickies(doc);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.votes).toBeGreaterThanOrEqual(ranked[i]!.votes);
}

function check(seed: number, opts?: RunOptions): void {
  const { net } = runSeed(seed, opts);
  try {
    assertConverged(net);
  } catch (error) {
    throw new Error(`seed ${seed} did not converge (replay with FUZZ_SEED=${seed}): ${String(error)}`, { cause: error });
  }
}

const FIXED_SEEDS = [
  1, 2, 3, 5, 7, 8, 13, 21, 34, 42, 55, 89, 144, 233, 1337, 2024, 31337, 65537, 123456789, 2147483647,
];

describe('session document convergence', () => {
  it.each(FIXED_SEEDS)('converges with seed %i', (seed) => {
    check(seed);
  });

  it.each([11, 12, 13])('converges when replicas migrate an unversioned document concurrently (seed %i)', (seed) => {
    const { net } = runSeed(seed, { steps: 150, unversionedStart: true });
    for (const p of net.peers) S.migrateSessionDocument(p.doc);
    net.flush();
    assertConverged(net);
  });

  it('exercises what it claims: votes over budget, offline edits, deletes', () => {
    const { net, log } = runSeed(1);
    const doc = net.peers[0]!.doc;
    expect(log.filter((l) => l.endsWith('offline')).length).toBeGreaterThan(3);
    expect(log.filter((l) => l.endsWith('castVote')).length).toBeGreaterThan(10);
    // Concurrent votes went over a member's budget after a merge, and the tally kept it.
    const budget = S.getBoardSettings(doc).voteBudget;
    const cast = new Map<string, number>();
    for (const v of S.getVotes(doc)) cast.set(v.voterId, (cast.get(v.voterId) ?? 0) + 1);
    expect(Math.max(...cast.values())).toBeGreaterThan(budget);
    expect(Math.max(...Object.values(S.tally(doc).byVoter))).toBeLessThanOrEqual(budget);
    expect(log.some((l) => l.endsWith('deleteSticky'))).toBe(true);
    expect(S.getStickies(doc).length).toBeGreaterThan(5);
    expect(net.delivered).toBeGreaterThan(100);
  });

  // Seeds that once failed stay here, named for what they caught. So far they caught only a
  // flaw in this test: comparing raw encodeStateAsUpdate bytes (see canonicalUpdate).
  it('seed 3: converged replicas split deleted ranges into GC structs differently (raw bytes differ)', () => {
    check(3);
  });
  it('seed 7: same, a replica receiving deletes one by one keeps one GC struct per item', () => {
    check(7);
  });

  // Exploration on demand only: declared when asked for, so CI counts no skipped test.
  const replay = Number(process.env['FUZZ_SEED']);
  if (Number.isInteger(replay) && process.env['FUZZ_SEED'] !== undefined) {
    it(`replays FUZZ_SEED=${replay}`, () => {
      check(replay);
    });
  }

  const extra = Number(process.env['FUZZ_RANDOM'] ?? 0);
  if (extra > 0) {
    it(`converges with ${extra} random seeds`, () => {
      for (let i = 0; i < extra; i++) check(Math.floor(Math.random() * 2 ** 31));
    });
  }
});
