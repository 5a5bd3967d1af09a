import { describe, expect, it } from 'vitest';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { joinPresence, names, whenPresence } from '../helpers/presence.ts';
import { createSession, startServer } from '../helpers/server.ts';

describe('Socket.IO, loaded at the first handshake', () => {
  it('serves /healthz and the sync without it, then loads it for a room of thirty arriving at once', async () => {
    const server = await startServer();
    try {
      // Not part of the start, nor begun when the server answers.
      expect(server.app.realtime.state).toBe('unloaded');
      expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
      expect(server.app.realtime.state).toBe('unloaded');
      const session = await createSession(server.http);
      const provider = connectProvider(server.ws, session.id, session.tokens.member);
      await whenSynced(provider);

      // A room of thirty reconnecting at once: the first handshake starts the load, the others
      // wait for it, and everyone sees everyone.
      const people = Array.from({ length: 30 }, (_, i) => `Membre${String(i).padStart(2, '0')}`);
      const room = people.map((name, i) => joinPresence(server.http, session.id, i === 0 ? session.tokens.host : session.tokens.member, name));
      const all = [...people].sort().join();
      await Promise.all(room.map((s) => whenPresence(s, (e) => names(e).join() === all)));
      expect(server.app.realtime.state).toBe('loaded');
      for (const s of room) s.disconnect();
      destroyAll(provider);
    } finally {
      await server.close();
    }
  });
});
