// This person's private document in the session (issue 9): where his stickies go while
// private writing is on, synced with the server alone (`/yjs/<sessionId>/private`, which the
// server maps to his own participant) and kept in IndexedDB, so that it works offline and
// what the server refuses (written after the reveal) stays on the device. No React here.
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { privateRoomName } from '../../shared/session/index.ts';
import { SaveTracker } from './save-tracker.ts';

export class PrivateBoard {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly save: SaveTracker;

  constructor(opts: { sessionId: string; participantId: string; token: string }) {
    const room = privateRoomName(opts.sessionId);
    this.doc = new Y.Doc({ guid: room });
    // Per participant: two people who once used this browser keep their ideas apart.
    this.persistence = new IndexeddbPersistence(`entraide:${opts.sessionId}:private:${opts.participantId}`, this.doc);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, room, this.doc, {
      params: { token: opts.token },
      connect: navigator.onLine,
    });
    this.save = new SaveTracker(this.provider, this.doc, this.persistence);
  }

  destroy(): void {
    this.save.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }
}
