// The host's notebook (issue 12): his verdicts and notes on the ideas live in a document of
// his own (`/yjs/<sessionId>/notebook`), opened by his own connections and nobody else's,
// stored under `<sessionId>/notebook/<participantId>`, never in the session document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import type { ParticipantCredential } from '../../shared/schemas.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, openRaw, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: CreatedSession;
let claire: ParticipantCredential;
let marc: ParticipantCredential;
const notebookRoom = () => S.notebookRoomName(session.id);

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server.http);
  claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire Mugnier');
  marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc Vidal');
});
afterAll(async () => {
  await server.close();
});

describe('the host’s notebook', () => {
  it('is the host’s alone: no member or screen token opens it', async () => {
    const screen = await joinAs(server.http, session.id, session.tokens.screen, 'Écran');
    for (const token of [session.tokens.member, marc.credential, session.tokens.screen, screen.credential]) {
      const outcome = await openRaw(`${server.ws}/yjs/${notebookRoom()}?token=${encodeURIComponent(token)}`);
      if (outcome.kind === 'open') outcome.ws.close();
      expect(outcome).toMatchObject({ kind: 'refused', status: 403, body: expect.stringMatching(/only the host has a notebook/) });
    }
  });

  it('syncs between the host’s devices, is stored under his participant, and never reaches the session document', async () => {
    const laptop = connectProvider(server.ws, notebookRoom(), claire.credential);
    const phone = connectProvider(server.ws, notebookRoom(), claire.credential);
    const member = connectProvider(server.ws, session.id, marc.credential);
    await Promise.all([laptop, phone, member].map(whenSynced));
    S.setNotebookVerdict(laptop.doc, 'idea-1', 'keep');
    S.setNotebookNote(laptop.doc, 'idea-1', 'Appeler Bernard avant lundi');
    S.setNotebookVerdict(phone.doc, 'idea-2', 'drop');
    const both = (d: Y.Doc) => S.getNotebookEntry(d, 'idea-1').note !== '' && S.getNotebookEntry(d, 'idea-2').verdict === 'drop';
    await Promise.all([whenDoc(laptop.doc, both), whenDoc(phone.doc, both)]);
    expect(S.getNotebookEntry(phone.doc, 'idea-1')).toEqual({ verdict: 'keep', note: 'Appeler Bernard avant lundi' });

    expect(await server.app.storage.docs.listDocs(`${session.id}/notebook/`)).toEqual([`${session.id}/notebook/${claire.participantId}`]);
    const stored = Y.mergeUpdates(await server.app.storage.docs.loadUpdates(session.id));
    expect(Buffer.from(stored).includes(Buffer.from('Bernard'))).toBe(false);
    expect(Buffer.from(Y.encodeStateAsUpdate(member.doc)).includes(Buffer.from('Bernard'))).toBe(false);
    destroyAll(laptop, phone, member);
  });

  it('a host link names a new participant each time, so its notebook is a new one: the credential keeps it', async () => {
    const byLink = connectProvider(server.ws, notebookRoom(), session.tokens.host);
    await whenSynced(byLink);
    expect(Object.keys(S.getNotebook(byLink.doc))).toHaveLength(0);
    const again = connectProvider(server.ws, notebookRoom(), claire.credential);
    await whenDoc(again.doc, (d) => Object.keys(S.getNotebook(d)).length === 2);
    destroyAll(byLink, again);
  });

  it('stays writable after clôture: it is the host’s own, not the session’s', async () => {
    const host = connectProvider(server.ws, session.id, claire.credential);
    await whenSynced(host);
    S.setPhase(host.doc, { participantId: claire.participantId, name: claire.name, role: 'host' }, 'closed');
    const check = connectProvider(server.ws, session.id, marc.credential);
    await whenDoc(check.doc, (d) => S.getPhase(d) === 'closed');
    const notebook = connectProvider(server.ws, notebookRoom(), claire.credential);
    await whenSynced(notebook);
    S.setNotebookVerdict(notebook.doc, 'idea-3', 'explore');
    const reader = connectProvider(server.ws, notebookRoom(), claire.credential);
    await whenDoc(reader.doc, (d) => S.getNotebookEntry(d, 'idea-3').verdict === 'explore');
    destroyAll(host, check, notebook, reader);
  });
});
