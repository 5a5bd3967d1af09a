import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { getPresentationFragment } from '../../shared/session/index.ts';
import { fragmentPlainText } from '../../shared/session/presentation.ts';
import { MAX_NESTING } from '../../server/sync/nesting.ts';
import { updateFrame } from '../../server/sync/messages.ts';
import { seedSession } from '../helpers/seed.ts';
import { SyncRefusals } from '../../client/sync/sync-refusals.ts';
import { connectProvider, destroyAll, openRaw, whenClosed, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
});
afterAll(async () => {
  await server.close();
});

/**
 * What a script can write that Tiptap never would: elements nested `depth` levels deep,
 * built from the outside in (Yjs integrates a prelim tree recursively).
 */
function nestInto(doc: Y.Doc, fragment: Y.XmlFragment | Y.XmlElement, depth: number, text: string): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < depth; i++) {
      const el = new Y.XmlElement(i % 2 ? 'bulletList' : 'blockquote');
      parent.insert(0, [el]);
      parent = el;
    }
    const p = new Y.XmlElement('paragraph');
    parent.insert(0, [p]);
    p.insert(0, [new Y.XmlText(text)]);
  });
}

/** What the server holds of the problem section, as another client syncs it. */
async function problemSeenByAnother(): Promise<string> {
  const check = connectProvider(server.ws, session.id, session.tokens.member);
  await whenSynced(check);
  const text = fragmentPlainText(getPresentationFragment(check.doc, 'problem'));
  destroyAll(check);
  return text;
}

describe('readers are depth-safe (issue 10)', () => {
  it('answers GET /summary for a presentation nested 6,000 levels deep, with its text', async () => {
    // Clients may no longer write such a tree (below); a document stored before that limit,
    // or restored from elsewhere, may still hold one: the server writes it here.
    const seeded = await createSession(server.http);
    await seedSession(server.app, seeded.id, (doc) => nestInto(doc, getPresentationFragment(doc, 'problem'), 6000, 'au fond du puits'));

    const res = await fetch(`${server.http}/api/sessions/${seeded.id}/summary?token=${seeded.tokens.member}`);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { presentation: { problem: string } };
    expect(summary.presentation.problem).toContain('au fond du puits');
    const md = await fetch(`${server.http}/api/sessions/${seeded.id}/summary?token=${seeded.tokens.member}&format=md`);
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('au fond du puits');
  });
});

describe('nesting has a limit (issue 9/10)', () => {
  it(`a tree deeper than ${MAX_NESTING} levels closes its sender alone with 4400, whatever his role; nothing of it is kept and the session goes on`, async () => {
    const bystander = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(bystander);
    for (const token of [session.tokens.member, session.tokens.host]) {
      const opened = await openRaw(`${server.ws}/yjs/${session.id}?token=${token}`);
      if (opened.kind !== 'open') throw new Error(`refused ${opened.status}`);
      const closed = whenClosed(opened.ws);
      const doc = new Y.Doc();
      nestInto(doc, getPresentationFragment(doc, 'problem'), 6000, 'au fond du puits');
      opened.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
      const { code, reason } = await closed;
      expect(code).toBe(CloseCode.MalformedMessage);
      expect(reason).toMatch(/nested \d+ levels deep \(at most 64\)/);
    }
    // The server is up, stored none of it, and the bystander was never dropped.
    expect(bystander.wsconnected).toBe(true);
    expect(await problemSeenByAnother()).not.toContain('au fond du puits');
    expect((await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.member}`)).status).toBe(200);
    destroyAll(bystander);
  });

  it('the app hears the refusal as final: it says so (notice "rejected") and stops reconnecting', async () => {
    const host = connectProvider(server.ws, session.id, session.tokens.host);
    const refusals = new SyncRefusals(host);
    await whenSynced(host);
    const told = new Promise<void>((resolve) => refusals.subscribe(() => refusals.notice === 'rejected' && resolve()));
    nestInto(host.doc, getPresentationFragment(host.doc, 'strategy'), 200, 'trop profond');
    await told;
    expect(host.shouldConnect).toBe(false);
    refusals.destroy();
    destroyAll(host);
  });

  it('the host nests lists as deep as an editor would; a second write that takes the tree past the limit is refused', async () => {
    const host = connectProvider(server.ws, session.id, session.tokens.host);
    await whenSynced(host);
    const fragment = getPresentationFragment(host.doc, 'problem');
    nestInto(host.doc, fragment, 40, 'quarante niveaux');
    await expect.poll(problemSeenByAnother).toContain('quarante niveaux');

    // Forty more under the deepest element: each write alone is small, together too deep.
    const closed = new Promise<number>((resolve) => host.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)));
    let deepest: Y.XmlElement = fragment.get(0) as Y.XmlElement;
    while (deepest.get(0) instanceof Y.XmlElement && (deepest.get(0) as Y.XmlElement).nodeName !== 'paragraph') deepest = deepest.get(0) as Y.XmlElement;
    nestInto(host.doc, deepest, 40, 'quatre-vingts niveaux');
    expect(await closed).toBe(CloseCode.MalformedMessage);
    host.disconnect();
    expect(await problemSeenByAnother()).not.toContain('quatre-vingts niveaux');
    destroyAll(host);
  });
});
