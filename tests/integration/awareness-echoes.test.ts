// y-websocket's provider sends back every awareness change it receives (issue 8): in a room
// of thirty with a few cursors moving, each member echoes them all. Those echoes are not
// the member's own awareness and must not spend his awareness budget, or every member of a
// lively board is slowed, then closed (bench scenario 6 at full size: all 30 dropped).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { createSession, startServer, type TestServer } from '../helpers/server.ts';

// A tight budget, so that a few seconds show what a session shows in minutes: 5 awareness
// messages a second of one's own, over budget for 1 s and one is refused.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ syncBudget: { ...defaultConfig().syncBudget, awarenessPerSecond: 5, awarenessBurst: 5, refuseAfterMs: 1000 } });
});
afterAll(async () => {
  await server.close();
});

it('thirty stock providers, three cursors moving within their own budget for three seconds: nobody is closed, everyone sees the last cursors', async () => {
  const session = await createSession(server.http);
  const room = Array.from({ length: 30 }, () => connectProvider(server.ws, session.id, session.tokens.member));
  await Promise.all(room.map(whenSynced));
  const closes: number[] = [];
  for (const p of room) p.on('connection-close', (e) => closes.push(e?.code ?? 0));
  const movers = room.slice(0, 3);
  // Each mover at 4 moves a second: under his own 5; each member echoes 12 a second.
  let seq = 0;
  for (let tick = 0; tick < 12; tick++) {
    for (const [i, m] of movers.entries()) m.awareness.setLocalStateField('cursor', { x: tick, y: i, seq: ++seq });
    await new Promise<void>((resolve) => {
      // The next tick once every member has the last moves, a quarter second on: the movers' pace.
      const done = () => room.every((p) => movers.every((m, i) => (p.awareness.getStates().get(m.awareness.clientID) as { cursor?: { x: number; y: number } } | undefined)?.cursor?.x === tick || p === m));
      const check = () => {
        if (!done()) return;
        for (const p of room) p.awareness.off('change', check);
        setTimeout(resolve, 250);
      };
      for (const p of room) p.awareness.on('change', check);
      check();
    });
  }
  expect(closes).toEqual([]);
  expect(room.every((p) => p.wsconnected)).toBe(true);
  destroyAll(...room);
}, 60_000);
