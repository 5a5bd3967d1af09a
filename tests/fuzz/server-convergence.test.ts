// The convergence fuzz with the server in the loop (issue 9): stock y-websocket clients of
// a host and members, on a real server, apply random operations of every kind (those the
// rules refuse included, and some in a made-up person's name), going offline and back at
// random. Once all are back, every replica and the stored document are equal, and no
// change the rules refuse has survived.
//
// Replay a seed: FUZZ_SEED=1234 npx vitest run tests/fuzz/server-convergence.test.ts
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { Actor } from '../../shared/session/index.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { seedSession } from '../helpers/seed.ts';
import { createSession, startServer, type TestServer } from '../helpers/server.ts';
import type { Peer } from './network.ts';
import { randomOp } from './session-ops.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ sessionCreatePerMinute: 0 });
});
afterAll(() => server?.close());

const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [11, 12, 13];
const FORGED = 'p-forged';

interface Device {
  readonly provider: WebsocketProvider;
  readonly actor: Actor;
  readonly peer: Peer;
}

function sorted(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

function content(doc: Y.Doc): string {
  const r = S.roots(doc) as unknown as Record<string, Y.Map<unknown>>;
  return sorted({
    roots: Object.fromEntries(Object.keys(r).map((name) => [name, r[name]?.toJSON()])),
    presentation: S.PRESENTATION_SECTIONS.map((s) => S.fragmentPlainText(S.getPresentationFragment(doc, s))),
  });
}

function covers(doc: Y.Doc, other: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(other))) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('convergence with the server in the loop', () => {
  it.each(SEEDS)('seed %i: replicas and storage converge, and nothing the rules refuse survives', async (seed) => {
    const gen = prng.create(seed);
    const session = await createSession(server.http);
    const host = await joinAs(server.http, session.id, session.tokens.host, 'Laurent');
    const members = [];
    for (let i = 1; i <= 6; i++) members.push(await joinAs(server.http, session.id, session.tokens.member, `Membre ${i}`));
    await seedSession(server.app, session.id, (doc) => {
      doc.getMap('meta').set('phase', 'brainstorm');
      S.setVotingOpen(doc, true, Date.now());
      // Points on the board (a round that hides its counts takes them in private documents).
      S.setHideCounts(doc, false);
    });
    // The host, six members, and the first member's phone beside his laptop (one participant).
    const creds = [host, ...members, members[0]!];
    const devices: Device[] = creds.map((cred, index) => {
      const provider = connectProvider(server.ws, session.id, cred.credential);
      const actor: Actor = { participantId: cred.participantId, name: cred.name, role: cred.role };
      return { provider, actor, peer: { index, doc: provider.doc, online: true, inbox: [] } };
    });
    await Promise.all(devices.map((d) => whenSynced(d.provider)));
    const real = new Set(creds.map((c) => c.participantId));
    let n = 0;
    const log: string[] = [];
    for (let step = 0; step < 250; step++) {
      const device = prng.oneOf(gen, devices);
      const roll = prng.int32(gen, 0, 99);
      if (roll < 70) {
        // One in ten writes in a name nobody holds a credential for.
        const forged = prng.int32(gen, 0, 9) === 0;
        const actor = forged ? { ...device.actor, participantId: `${FORGED}-${step}`, name: 'Personne' } : device.actor;
        const op = randomOp({ gen, peer: device.peer, actor, id: () => `${device.peer.index}-${++n}`, at: () => Date.now() });
        log.push(`${step} device${device.peer.index}${forged ? ' forged' : ''} ${op}`);
      } else if (roll < 85) {
        if (device.provider.wsconnected || device.provider.wsconnecting) device.provider.disconnect();
        else device.provider.connect();
        log.push(`${step} device${device.peer.index} ${device.provider.shouldConnect ? 'online' : 'offline'}`);
      }
      // Let the network carry what it can between steps, as real devices would.
      if (step % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const d of devices) if (!d.provider.shouldConnect) d.provider.connect();
    const docs = devices.map((d) => d.provider.doc);
    try {
      await until(() => docs.every((doc) => docs.every((other) => covers(doc, other))) && new Set(docs.map(content)).size === 1, 'every replica equal');
    } catch (err) {
      throw new Error(`seed ${seed}: ${(err as Error).message}\n${log.slice(-30).join('\n')}`);
    }
    const final = content(docs[0]!);
    const stored = new Y.Doc();
    for (const update of await server.app.storage.docs.loadUpdates(session.id)) Y.applyUpdate(stored, update);
    expect(content(stored), `seed ${seed}: stored`).toBe(final);

    // Nothing in the name of someone without a credential, nothing outside the documented roots.
    expect(final.includes(FORGED), `seed ${seed}: a forged name survived`).toBe(false);
    const doc = docs[0]!;
    for (const s of S.getStickies(doc)) expect(real.has(s.authorId), `sticky by ${s.authorId}`).toBe(true);
    for (const v of S.getVotes(doc)) expect(real.has(v.voterId), `vote by ${v.voterId}`).toBe(true);
    for (const note of S.getVisitNotes(doc)) expect(real.has(note.authorId)).toBe(true);
    // Only the host moved the phase: the facilitators he grants are made-up ids, not members here.
    for (const change of S.getPhaseHistory(doc)) expect(change.byId, 'phase moved by').toBe(host.participantId);
    destroyAll(...devices.map((d) => d.provider));
  }, 120_000);
});
