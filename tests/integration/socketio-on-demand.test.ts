import { describe, expect, it } from 'vitest';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';
import { joinPresence, names, whenPresence } from '../helpers/presence.ts';
import { createSession, startServer } from '../helpers/server.ts';

describe('Socket.IO, loaded at the first handshake', () => {
  it('serves /healthz and the sync without it, then loads it for the first presence', async () => {
    const server = await startServer();
    try {
      // Not part of the start, nor begun when the server answers.
      expect(server.app.realtime.state).toBe('unloaded');
      expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
      expect(server.app.realtime.state).toBe('unloaded');
      const session = await createSession(server.http);
      const provider = connectProvider(server.ws, session.id, session.tokens.member);
      await whenSynced(provider);

      const claire = joinPresence(server.http, session.id, session.tokens.host, 'Claire');
      const marc = joinPresence(server.http, session.id, session.tokens.member, 'Marc');
      await Promise.all([claire, marc].map((s) => whenPresence(s, (e) => names(e).join() === 'Claire,Marc')));
      expect(server.app.realtime.state).toBe('loaded');
      claire.disconnect();
      marc.disconnect();
      destroyAll(provider);
    } finally {
      await server.close();
    }
  });
});
