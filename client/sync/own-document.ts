// A document of this person's own in the session, synced with the server alone and kept in
// IndexedDB, so that it works offline and what the server refuses stays on the device:
// - his private stickies (issue 9), where his ideas go while private writing is on
//   (`/yjs/<sessionId>/private`, which the server maps to his own participant);
// - the host's notebook (issue 12), his verdicts and notes on the ideas
//   (`/yjs/<sessionId>/notebook`, opened to the host alone).
// No React here.
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { notebookRoomName, privateRoomName } from '../../shared/session/index.ts';
import { SaveTracker } from './save-tracker.ts';

export type OwnDocumentKind = 'private' | 'notebook';

export class OwnDocument {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly save: SaveTracker;

  constructor(opts: { kind: OwnDocumentKind; sessionId: string; participantId: string; token: string }) {
    const room = opts.kind === 'private' ? privateRoomName(opts.sessionId) : notebookRoomName(opts.sessionId);
    this.doc = new Y.Doc({ guid: room });
    // Per participant: two people who once used this browser keep theirs apart.
    this.persistence = new IndexeddbPersistence(`entraide:${opts.sessionId}:${opts.kind}:${opts.participantId}`, this.doc);
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
