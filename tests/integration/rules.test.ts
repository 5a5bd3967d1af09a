// Every rule from outside (issue 9): raw y-websocket clients with a host's, a facilitator's,
// a member's and the screen's credential write the session document directly, action by
// action, in every phase, live and through the sync step 2 of a device that was away. Each
// write is refused or allowed as the rule table says (shared/session/phases.ts can(),
// whose table tests/unit/session/phases.test.ts writes out); a refused one is said to its
// sender with its reason, undone on the sender's replica, never seen by a client on the
// other instance, and never stored.
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { ActionRequest, Actor, Person, Phase } from '../../shared/session/index.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { seedSession } from '../helpers/seed.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `entraide_rules_${randomBytes(4).toString('hex')}`;

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  const cfg = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL, sessionCreatePerMinute: 0 };
  a = await startServer({ ...cfg, dataDir: tempDir() });
  b = await startServer({ ...cfg, dataDir: tempDir() });
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const bob: Person = { participantId: 'p-bob', name: 'Bob Perrin' };

interface Row {
  readonly name: string;
  /** What the rules are asked; null: no client may write this at all (the server's own). */
  readonly request: (me: Actor, phase: Phase) => ActionRequest | null;
  readonly write: (doc: Y.Doc, me: Actor) => void;
}

/**
 * One row per action a client could write, in an order where an allowed write does not
 * change what the next rows are judged on (the phase moves last).
 */
const ROWS: readonly Row[] = [
  { name: 'edit the meta', request: () => ({ kind: 'editMeta' }), write: (d) => S.updateMeta(d, { title: 'Un autre titre' }) },
  { name: 'grant a facilitator', request: () => ({ kind: 'grantFacilitator' }), write: (d) => S.grantFacilitator(d, { participantId: 'p-new', name: 'Nouveau' }) },
  { name: 'rewrite the presentation', request: () => ({ kind: 'editPresentation' }), write: (d) => S.setSectionParagraphs(d, 'problem', ['Réécrit']) },
  { name: 'show a section', request: () => ({ kind: 'showSection' }), write: (d) => S.setShownSection(d, 'strategy') },
  { name: 'add a station', request: () => ({ kind: 'editStations' }), write: (d) => void S.addStation(d, 'Quai de chargement') },
  { name: 'add a visit note', request: () => ({ kind: 'addVisitNote' }), write: (d, me) => void S.addVisitNote(d, me, { stationId: null, kind: 'idea', text: 'Une note' }) },
  { name: "edit another's note", request: () => ({ kind: 'editVisitNote', authorId: bob.participantId }), write: (d) => S.updateVisitNote(d, 'n-bob', { text: 'Modifiée' }) },
  { name: 'ask a question', request: () => ({ kind: 'askQuestion' }), write: (d, me) => void S.askQuestion(d, me, 'Pourquoi ?') },
  { name: 'answer a question', request: () => ({ kind: 'answerQuestion' }), write: (d) => S.answerQuestion(d, 'q-bob', 'Parce que.') },
  { name: "reword another's question", request: () => ({ kind: 'editQuestion', authorId: bob.participantId }), write: (d) => S.editQuestion(d, 'q-bob', 'Reformulée') },
  { name: "'moi aussi' on a question", request: (me) => ({ kind: 'supportQuestion', participantId: me.participantId }), write: (d, me) => S.supportQuestion(d, 'q-bob', me) },
  { name: "'moi aussi' in another's name", request: () => ({ kind: 'supportQuestion', participantId: bob.participantId }), write: (d) => S.supportQuestion(d, 'q-bob', bob) },
  { name: 'add an idea', request: () => ({ kind: 'addSticky' }), write: (d, me) => void S.addSticky(d, me, { text: 'Mon idée', x: 0, y: 400 }) },
  { name: 'add an idea in another’s name', request: () => null, write: (d) => void S.addSticky(d, bob, { text: 'Au nom de Bob', x: 0, y: 600 }) },
  { name: "rewrite another's idea", request: () => ({ kind: 'editSticky', authorId: bob.participantId }), write: (d) => S.setStickyText(d, 's-bob', 'Réécrite') },
  { name: "move another's idea", request: () => ({ kind: 'moveSticky' }), write: (d) => S.moveSticky(d, 's-bob', 40, 40) },
  { name: "group another's idea", request: () => ({ kind: 'groupSticky', authorId: bob.participantId }), write: (d) => S.setStickyGroup(d, 's-bob', 'g-1') },
  { name: 'create a group', request: () => ({ kind: 'createGroup' }), write: (d, me) => void S.createGroup(d, me, 'Nouveau groupe') },
  { name: 'rename a group', request: () => ({ kind: 'editGroups' }), write: (d) => S.renameGroup(d, 'g-1', 'Renommé') },
  { name: 'vote', request: () => ({ kind: 'castVote', votesUsed: 0 }), write: (d, me) => void S.castVote(d, me, 's-bob') },
  { name: "vote in another's name", request: () => null, write: (d) => void S.castVote(d, bob, 's-bob') },
  { name: "take back another's vote", request: () => ({ kind: 'retractVote', voterId: bob.participantId }), write: (d) => void S.retractVote(d, bob.participantId, 's-bob') },
  { name: 'set the vote budget', request: () => ({ kind: 'setVoteBudget' }), write: (d) => S.setVoteBudget(d, 4) },
  { name: 'make the board anonymous', request: () => ({ kind: 'setAnonymous' }), write: (d) => S.setAnonymousBoard(d, true) },
  { name: 'add an action', request: () => ({ kind: 'editActionItems' }), write: (d) => void S.addActionItem(d, { text: 'Appeler la banque' }) },
  { name: 'write the decision', request: () => ({ kind: 'setDecision' }), write: (d) => S.setDecision(d, 'Je lance le projet.') },
  { name: 'say what one brought', request: (me) => ({ kind: 'setLearning', participantId: me.participantId }), write: (d, me) => S.setLearning(d, me, 'brought', 'Mon apport') },
  { name: 'say it for another', request: () => ({ kind: 'setLearning', participantId: bob.participantId }), write: (d) => S.setLearning(d, bob, 'brought', 'Au nom de Bob') },
  { name: 'raise a hand in the document', request: () => null, write: (d, me) => S.raiseHand(d, me, Date.now()) },
  { name: 'write outside the documented roots', request: () => null, write: (d) => d.getMap('secret').set('x', 1) },
  { name: "delete another's idea", request: () => ({ kind: 'deleteSticky', authorId: bob.participantId }), write: (d) => S.deleteSticky(d, 's-bob') },
  // The server's, through facilitation commands: the close of a round that hides its counts
  // moves every private point onto the board, and the reveal every private idea.
  { name: 'open or close the voting round in the document', request: () => null, write: (d) => S.setVotingOpen(d, !S.getVotingSettings(d).open, Date.now()) },
  { name: 'show the counts in the document', request: () => null, write: (d) => S.setHideCounts(d, !S.getVotingSettings(d).hideCounts) },
  { name: 'turn private writing on in the document', request: () => null, write: (d) => S.setPrivateWriting(d, true) },
  {
    name: 'move the phase',
    request: (_me, phase) => ({ kind: 'setPhase', to: phase === 'synthesis' ? 'closed' : 'synthesis' }),
    write: (d, me) => S.setPhase(d, me, S.getPhase(d) === 'synthesis' ? 'closed' : 'synthesis'),
  },
];

type Who = 'host' | 'facilitator' | 'member' | 'screen';

/** A session in `phase` with Bob's idea, note, question, vote and a group, as the server writes them. */
async function sessionIn(phase: Phase) {
  const session = await createSession(a.http);
  const creds = {
    host: await joinAs(a.http, session.id, session.tokens.host, 'Hélène Hôte'),
    facilitator: await joinAs(a.http, session.id, session.tokens.member, 'Fanny Facilitatrice'),
    member: await joinAs(a.http, session.id, session.tokens.member, 'Marc Membre'),
    screen: await joinAs(a.http, session.id, session.tokens.screen, 'Écran'),
  };
  await seedSession(a.app, session.id, (doc) => {
    doc.getMap('meta').set('phase', phase);
    S.grantFacilitator(doc, { participantId: creds.facilitator.participantId, name: creds.facilitator.name });
    S.addStation(doc, 'Atelier', { id: 'st-1' });
    S.addVisitNote(doc, bob, { stationId: null, kind: 'risk', text: 'Note de Bob' }, { id: 'n-bob' });
    S.askQuestion(doc, bob, 'Question de Bob ?', { id: 'q-bob' });
    S.addSticky(doc, bob, { text: 'Idée de Bob', x: 0, y: 0 }, { id: 's-bob' });
    S.createGroup(doc, bob, 'Groupe', { id: 'g-1' });
    // A round that shows its counts: the points go on the board (hidden-votes.test.ts has the other kind).
    if (phase === 'brainstorm') {
      S.setVotingOpen(doc, true, Date.now());
      S.setHideCounts(doc, false);
    }
    S.castVote(doc, bob, 's-bob', { id: 'v-bob' });
  });
  return { session, creds };
}

/** JSON with keys in order: a map's entries come in the order its replica received them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

/** The whole document as data: every documented root, and an undocumented one. */
function content(doc: Y.Doc): string {
  const r = S.roots(doc) as unknown as Record<string, Y.AbstractType<unknown>>;
  return canonical({
    roots: Object.fromEntries(Object.keys(r).sort().map((name) => [name, (r[name] as Y.Map<unknown>).toJSON()])),
    secret: doc.getMap('secret').toJSON(),
    presentation: S.PRESENTATION_SECTIONS.map((section) => S.fragmentPlainText(S.getPresentationFragment(doc, section))),
  });
}

/** Where two contents differ, for a failure message. */
function difference(x: string, y: string): string {
  const a = JSON.parse(x) as { roots: Record<string, unknown> };
  const b = JSON.parse(y) as { roots: Record<string, unknown> };
  const roots = Object.keys(a.roots).filter((k) => JSON.stringify(a.roots[k]) !== JSON.stringify(b.roots[k]));
  return roots.map((k) => `${k}: ${JSON.stringify(a.roots[k]).slice(0, 300)} vs ${JSON.stringify(b.roots[k]).slice(0, 300)}`).join('; ') || 'outside the roots';
}

async function storedContent(sessionId: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of await a.app.storage.docs.loadUpdates(sessionId)) Y.applyUpdate(doc, update);
  return content(doc);
}

/** The reasons of the permission-denied messages a provider receives. */
function deniedReasons(provider: WebsocketProvider): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
    reasons.push(decoding.readVarString(decoder));
  };
  return reasons;
}

/** `observer` holds everything `source` holds. */
function covers(observer: Y.Doc, source: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(observer));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(source))) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

async function until(check: () => boolean | Promise<boolean>, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const PHASES_TRIED: readonly Phase[] = ['presentation', 'visit', 'questions', 'brainstorm', 'synthesis', 'closed'];
const WHO: readonly Who[] = ['host', 'facilitator', 'member', 'screen'];

describe.each(['live', 'offline'] as const)('every rule from outside, %s', (mode) => {
  it.each(PHASES_TRIED)('in %s, for each role, every action is allowed or refused as the table says', async (phase) => {
    const failures: string[] = [];
    for (const who of WHO) {
      const { session, creds } = await sessionIn(phase);
      const cred = creds[who];
      const me: Actor = { participantId: cred.participantId, name: cred.name, role: cred.role };
      const actor = connectProvider(a.ws, session.id, cred.credential);
      // The room's screen on the other instance sees what everyone sees.
      const observer = connectProvider(b.ws, session.id, session.tokens.screen);
      const reasons = deniedReasons(actor);
      await Promise.all([whenSynced(actor), whenSynced(observer)]);
      for (const row of ROWS) {
        const before = content(observer.doc);
        const request = row.request(me, S.getPhase(observer.doc));
        // The rules of the moment, on the state the server judges against.
        const state = S.ruleStateOf(observer.doc);
        // A row with no request is never allowed, whatever the reason given.
        const decision = request ? S.can(me, state, request) : { ok: false as const, reason: null };
        const seen: string[] = [];
        const watch = () => seen.push(content(observer.doc));
        observer.doc.on('update', watch);
        reasons.length = 0;
        if (mode === 'offline') actor.disconnect();
        row.write(actor.doc, me);
        const written = content(actor.doc);
        if (mode === 'offline') actor.connect();
        const label = `${who} may${decision.ok ? '' : ' not'} ${row.name} in ${phase} (${mode})`;
        try {
          if (written === before) throw new Error(`${label}: the write changed nothing (test row to fix)`);
          if (who === 'screen' && mode === 'live') {
            // A read-only link: nothing it sends is applied, and it is told so.
            await until(() => reasons.some((r) => r.startsWith('read-only:')), () => `${label}: the screen's refusal`);
            expect(content(observer.doc), label).toBe(before);
          } else if (who === 'screen') {
            // The server never asks a read-only link for its state: what it made away stays with it.
            await until(() => actor.synced, () => `${label}: the screen back in sync`);
            expect(content(observer.doc), label).toBe(before);
          } else if (decision.ok) {
            await until(() => covers(observer.doc, actor.doc) && content(observer.doc) === content(actor.doc), () => `${label}: the other instance gets it`);
            expect(content(observer.doc), label).not.toBe(before);
            expect(reasons, label).toEqual([]);
          } else {
            const expected = `rule: ${decision.reason ?? ''}`;
            await until(() => reasons.some((r) => r.startsWith(expected)), () => `${label}: refusal "${decision.reason}" (got ${JSON.stringify(reasons)})`);
            await until(() => content(actor.doc) === before, () => `${label}: the sender's replica back as before`);
            await until(() => covers(observer.doc, actor.doc), () => `${label}: the other instance up to date`);
            expect(content(observer.doc), label).toBe(before);
            expect(seen.filter((c) => c !== before), `${label}: seen by another client`).toEqual([]);
          }
          if (!decision.ok) {
            const stored = await storedContent(session.id);
            if (stored !== before) throw new Error(`${label}: stored differs: ${difference(stored, before)}`);
          }
        } catch (err) {
          failures.push((err as Error).message.split('\n')[0] ?? String(err));
          // Start the next row from what the server holds.
          destroyAll(actor, observer);
          break;
        } finally {
          observer.doc.off('update', watch);
        }
      }
      if (!actor.doc.isDestroyed) destroyAll(actor, observer);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('votes count per trusted participant', () => {
  it('refuses a vote past the budget, live and in an offline sync, and keeps those within it', async () => {
    const { session, creds } = await sessionIn('brainstorm');
    const me: Actor = { participantId: creds.member.participantId, name: creds.member.name, role: 'member' };
    const actor = connectProvider(a.ws, session.id, creds.member.credential);
    const observer = connectProvider(b.ws, session.id, session.tokens.screen);
    const reasons = deniedReasons(actor);
    await Promise.all([whenSynced(actor), whenSynced(observer)]);
    const budget = S.ruleStateOf(observer.doc).voteBudget;
    const mine = (d: Y.Doc) => S.getVotes(d).filter((v) => v.voterId === me.participantId).length;
    // Offline, three more than the budget in one sync step 2.
    actor.disconnect();
    for (let i = 0; i < budget + 3; i++) S.castVote(actor.doc, me, 's-bob');
    actor.connect();
    await until(() => reasons.some((r) => r.startsWith('rule: vote-budget-exhausted:')), () => 'the budget refusal');
    await until(() => mine(actor.doc) === budget && covers(observer.doc, actor.doc), () => 'the extra votes undone');
    expect(mine(observer.doc)).toBe(budget);
    // Live, one more.
    reasons.length = 0;
    S.castVote(actor.doc, me, 's-bob');
    await until(() => reasons.length > 0 && mine(actor.doc) === budget, () => 'the live extra vote undone');
    expect(S.getVotes(observer.doc).filter((v) => v.voterId === 'p-bob')).toHaveLength(1);
    destroyAll(actor, observer);
  });
});

describe('a document of a newer schema', () => {
  it('is served read-only: it syncs, and every write is refused with the reason', async () => {
    const server = await startServer({ unloadDelayMs: 20 });
    try {
      const session = await createSession(server.http);
      await seedSession(server.app, session.id, (doc) => doc.getMap('meta').set('schemaVersion', S.CURRENT_SCHEMA_VERSION + 5));
      // Unloaded, then loaded again: the migration finds a schema it does not know.
      await until(() => !server.app.registry.loadedIds().includes(session.id), () => 'the document unloaded');
      const member = connectProvider(server.ws, session.id, session.tokens.member);
      const reasons = deniedReasons(member);
      await whenSynced(member);
      expect(S.getMeta(member.doc).title).not.toBe('');
      S.addVisitNote(member.doc, { participantId: 'x', name: 'Marc' }, { stationId: null, kind: 'idea', text: 'Une note' });
      await until(() => reasons.some((r) => r.startsWith('rule: newer-schema:')), () => 'the newer-schema refusal');
      const reader = connectProvider(server.ws, session.id, session.tokens.screen);
      await whenSynced(reader);
      expect(S.getVisitNotes(reader.doc)).toEqual([]);
      destroyAll(member, reader);
    } finally {
      await server.close();
    }
  });
});
