// Seeding a session's document for a test: as a server-made change (the way a migration or
// the reveal writes), stored and relayed like any other, so a test can set up a board of
// forty ideas by twenty people without any client writing in another person's name, which
// the server refuses.
import type * as Y from 'yjs';
import type { App } from '../../server/app.ts';

export async function seedSession(app: App, sessionId: string, change: (doc: Y.Doc) => void): Promise<void> {
  const lease = await app.registry.acquire(sessionId);
  try {
    await lease.room.changeAsServer(change);
  } finally {
    lease.release();
  }
}
