// One session on this device: the Y.Doc (guid = session id), kept in IndexedDB for offline
// use, synced with the server by y-websocket, plus Socket.IO presence, and for a writer his
// private document and the host's notebook (own-document.ts). No React here.
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { canWriteDocument, CloseCode } from '../../shared/protocol.ts';
import type { SessionInfo } from '../../shared/schemas.ts';
import type { Actor } from '../../shared/session/index.ts';
import { getPhase, registerParticipant, roots } from '../../shared/session/index.ts';
import { colorFor } from './colors.ts';
import { PresenceClient } from './presence-client.ts';
import { OwnDocument } from './own-document.ts';
import { CombinedSave, SaveTracker, type SaveStatus } from './save-tracker.ts';
import { SyncRefusals } from './sync-refusals.ts';
import { KeptWrites } from './kept-writes.ts';

export interface AwarenessUser {
  readonly name: string;
  readonly color: string;
  readonly participantId: string;
}

/** How this person appears to others (cursors, selections): one colour per participant. */
export function awarenessUser(me: { name: string; participantId: string }): AwarenessUser {
  return { name: me.name, color: colorFor(me.participantId), participantId: me.participantId };
}

export interface SessionConnectionOptions {
  readonly info: SessionInfo;
  readonly token: string;
  readonly me: Actor;
  readonly view: string;
}

export class SessionConnection {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null;
  /** This person's private stickies (null for the shared screen, which writes nothing). */
  readonly privateBoard: OwnDocument | null;
  /** The host's notebook: his verdicts and notes on the ideas (null for everyone else). */
  readonly notebook: OwnDocument | null;
  /** Whether this device's changes (to both documents) are on the server. */
  readonly save: SaveStatus;
  /** The session document's (the private one's is the private board's). */
  readonly #saveTracker: SaveTracker;
  /** What the server refused of this device (size limit, storage down...), to show once. */
  readonly refusals: SyncRefusals;
  /** This person's notes and ideas the server refused, kept on the device to copy. */
  readonly kept: KeptWrites;
  readonly presence: PresenceClient;
  #me: Actor;
  readonly #endedListeners = new Set<() => void>();
  readonly info: SessionInfo;
  readonly readOnly: boolean;

  constructor(opts: SessionConnectionOptions) {
    const { info, token, me } = opts;
    this.#me = me;
    this.info = info;
    this.readOnly = !canWriteDocument(me.role);
    this.doc = new Y.Doc({ guid: info.id });
    // The shared screen writes nothing, not even what a local cache would replay.
    this.persistence = this.readOnly ? null : new IndexeddbPersistence(`entraide:${info.id}`, this.doc);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, info.id, this.doc, {
      params: { token },
      connect: navigator.onLine,
    });
    this.kept = new KeptWrites(this.doc, info.id, () => this.#me.participantId);
    this.#saveTracker = new SaveTracker(this.provider, this.doc, this.persistence);
    this.refusals = new SyncRefusals(this.provider, (reason) => this.kept.arm(reason), this.#saveTracker);
    const own = { sessionId: info.id, participantId: me.participantId, token };
    this.privateBoard = this.readOnly ? null : new OwnDocument({ kind: 'private', ...own });
    if (this.privateBoard) {
      this.refusals.watchOwn(this.privateBoard.provider, this.privateBoard.save);
      // The ideas refused after the reveal are gone from this device: so is what it said of them.
      const kept = roots(this.privateBoard.doc).stickies;
      kept.observe(() => {
        if (kept.size === 0) this.refusals.resolved('privateNotShared');
      });
    }
    this.notebook = me.role === 'host' ? new OwnDocument({ kind: 'notebook', ...own }) : null;
    if (this.notebook) this.refusals.watchOwn(this.notebook.provider, this.notebook.save);
    // The screen keeps nothing: its badge is its document's alone.
    const saves = [this.#saveTracker, this.privateBoard?.save, this.notebook?.save].filter((s): s is SaveTracker => s !== undefined);
    this.save = this.readOnly ? this.#saveTracker : new CombinedSave([...saves, this.kept]);
    this.presence = new PresenceClient({ sessionId: info.id, token, name: me.name, view: opts.view });
    this.refusals.watchPresence(this.presence);
    this.provider.on('closed', (event) => {
      if (event.code !== CloseCode.AccessRevoked) return;
      this.presence.pause();
      for (const listener of this.#endedListeners) listener();
    });
    if (!this.readOnly) {
      this.provider.awareness.setLocalStateField('user', awarenessUser(me));
      this.provider.on('sync', this.#onFirstSync);
    }
    window.addEventListener('online', this.#goOnline);
    window.addEventListener('offline', this.#goOffline);
  }

  get me(): Actor {
    return this.#me;
  }

  /** The session document's own save tracker: which of its items the server holds. */
  get documentSave(): SaveTracker {
    return this.#saveTracker;
  }

  /** The server ended this access for good: the link was revoked, or the host removed this person. */
  onAccessEnded(listener: () => void): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  readonly #onFirstSync = (synced: boolean): void => {
    if (!synced) return;
    this.provider.off('sync', this.#onFirstSync);
    // A closed session takes nobody new: someone reading it later is not a participant.
    if (getPhase(this.doc) !== 'closed') registerParticipant(this.doc, this.me);
  };

  // The browser knows before the socket does; without this a dead socket lingers ~30 s.
  readonly #goOffline = (): void => {
    this.provider.disconnect();
    this.privateBoard?.provider.disconnect();
    this.notebook?.provider.disconnect();
    this.presence.pause();
  };

  readonly #goOnline = (): void => {
    this.provider.connect();
    this.privateBoard?.provider.connect();
    this.notebook?.provider.connect();
    this.presence.resume();
  };

  rename(name: string): void {
    const me = { ...this.#me, name };
    this.#me = me;
    this.presence.setName(name);
    if (!this.readOnly) {
      this.provider.awareness.setLocalStateField('user', awarenessUser(me));
      if (getPhase(this.doc) !== 'closed') registerParticipant(this.doc, me);
    }
  }

  destroy(): void {
    window.removeEventListener('online', this.#goOnline);
    window.removeEventListener('offline', this.#goOffline);
    this.#saveTracker.destroy();
    this.refusals.destroy();
    this.kept.destroy();
    this.presence.destroy();
    this.privateBoard?.destroy();
    this.notebook?.destroy();
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
  }
}
