import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getPresentationFragment } from '../../shared/session/index.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
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
function nestInto(doc: Y.Doc, fragment: Y.XmlFragment, depth: number, text: string): void {
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

describe('readers are depth-safe (issue 10)', () => {
  it('answers GET /summary for a presentation nested 6,000 levels deep, with its text', async () => {
    const writer = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(writer);
    const fragment = getPresentationFragment(writer.doc, 'problem');
    nestInto(writer.doc, fragment, 6000, 'au fond du puits');
    // Another connection's sync proves the server stored it.
    const check = connectProvider(server.ws, session.id, session.tokens.member);
    await whenSynced(check);
    await new Promise<void>((resolve) => {
      const probe = () => (getPresentationFragment(check.doc, 'problem').length > 0 ? resolve() : setTimeout(probe, 20));
      probe();
    });
    destroyAll(writer, check);

    const res = await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.member}`);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { presentation: { problem: string } };
    expect(summary.presentation.problem).toContain('au fond du puits');
    const md = await fetch(`${server.http}/api/sessions/${session.id}/summary?token=${session.tokens.member}&format=md`);
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('au fond du puits');
  });
});
