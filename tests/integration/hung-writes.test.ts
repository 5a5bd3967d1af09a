// A write hung on another person's next change (issue 9): a member crafts an update whose
// item depends on a change the host has not made yet. Yjs keeps such an item aside and
// integrates it inside the change that brings what it waits for: the host's. Judged there,
// the member's write would pass as the host's. The server does not keep the parts of a
// client's update that wait for changes it has not seen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { syncStep1Frame, updateFrame } from '../../server/sync/messages.ts';
import { joinAs } from '../helpers/access.ts';
import { collectFrames, connectProvider, destroyAll, openRaw, whenDoc, whenFrame, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

it('a member’s write hung on the host’s next change is not taken when the host makes it', async () => {
  const session = await createSession(server.http);
  const claire = await joinAs(server.http, session.id, session.tokens.host, 'Claire');
  const marc = await joinAs(server.http, session.id, session.tokens.member, 'Marc');
  const host = connectProvider(server.ws, session.id, claire.credential);
  const observer = connectProvider(server.ws, session.id, session.tokens.member);
  await Promise.all([whenSynced(host), whenSynced(observer)]);
  const hostActor = { participantId: claire.participantId, name: claire.name, role: 'host' as const };

  // Marc guesses the host's next change (his move to the visit) and writes it on a copy...
  const guess = new Y.Doc();
  guess.clientID = host.doc.clientID;
  Y.applyUpdate(guess, Y.encodeStateAsUpdate(host.doc));
  S.setPhase(guess, hostActor, 'visit');
  // ...then, on top of it, closes the session: his item's left neighbour is the host's next.
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(guess));
  const before = Y.encodeStateVector(forged);
  forged.getMap(S.ROOT.meta).set('phase', 'closed');
  const raw = await openRaw(`${server.ws}/yjs/${session.id}?token=${marc.credential}`);
  if (raw.kind !== 'open') throw new Error('refused');
  const frames = collectFrames(raw.ws);
  raw.ws.send(updateFrame(Y.encodeStateAsUpdate(forged, before)));
  // Frames are handled in order: once the sync answer comes, the forged update was handled.
  raw.ws.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
  await whenFrame(raw.ws, frames, (f) => f[0] === 0 && f[1] === 1);

  // The host has what the server made of it (Marc's update also deleted the host's last
  // phase, which was refused and put back): the host moves from there.
  const lease = await server.app.registry.acquire(session.id);
  const live = lease.room.doc;
  await whenDoc(host.doc, (d) => Buffer.from(Y.encodeStateVector(d)).equals(Buffer.from(Y.encodeStateVector(live))));
  lease.release();

  // The host makes exactly the change Marc hung his write on.
  S.setPhase(host.doc, hostActor, 'visit');
  await whenDoc(observer.doc, (d) => S.getPhase(d) !== 'presentation');
  // A second client's sync is the server's state now.
  const late = connectProvider(server.ws, session.id, session.tokens.member);
  await whenSynced(late);
  expect(S.getPhase(late.doc)).toBe('visit');
  expect(S.getPhase(observer.doc)).toBe('visit');
  expect(S.getPhase(host.doc)).toBe('visit');
  raw.ws.close();
  destroyAll(host, observer, late);
});
