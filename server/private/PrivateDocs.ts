// Private writing on the server (issue 9). Each participant's private stickies live in a
// document of his own, `<sessionId>/private/<participantId>`, opened only by his own
// connections (the participant id is the connection's, decided by the server: nobody can
// name another's). Writes to it are taken only while the session is in brainstorm with
// private writing on; the reveal moves every private sticky onto the board as one change of
// the server's, then empties the private documents, so that their owners' devices converge.
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { WriteRefusal } from '../../shared/protocol.ts';
import {
  clearPrivateStickies, countPrivateStickies, getPrivateProgress, revealPrivateStickies, ruleStateOf, setPrivateProgress,
} from '../../shared/session/index.ts';
import { onDocumentChange } from '../../shared/session/observe.ts';
import { RULE_WORDS } from '../../shared/session/refusals.ts';
import type { Actor } from '../access/types.ts';
import type { DocStore } from '../storage/types.ts';
import type { WriteGate } from '../sync/Connection.ts';
import type { Room } from '../sync/Room.ts';
import type { RoomLease, RoomRegistry } from '../sync/RoomRegistry.ts';

const PRIVATE = '/private/';
const NOTEBOOK = '/notebook/';

/** The stored id of `participantId`'s private document in `sessionId`. */
export function privateDocId(sessionId: string, participantId: string): string {
  return `${sessionId}${PRIVATE}${participantId}`;
}

/** Whose private document `docId` is, or null for a session document (or a notebook). */
export function privateOwnerOf(docId: string): { sessionId: string; participantId: string } | null {
  return ownerOf(docId, PRIVATE);
}

/**
 * The stored id of the host's notebook in `sessionId` (issue 12): his verdicts and notes on
 * the ideas, `<sessionId>/notebook/<participantId>`, opened by his own connections alone.
 */
export function notebookDocId(sessionId: string, participantId: string): string {
  return `${sessionId}${NOTEBOOK}${participantId}`;
}

/** Whose notebook `docId` is, or null. */
export function notebookOwnerOf(docId: string): { sessionId: string; participantId: string } | null {
  return ownerOf(docId, NOTEBOOK);
}

function ownerOf(docId: string, marker: string): { sessionId: string; participantId: string } | null {
  const at = docId.indexOf(marker);
  if (at < 0) return null;
  return { sessionId: docId.slice(0, at), participantId: docId.slice(at + marker.length) };
}

const NOT_PRIVATE_WRITING = `${WriteRefusal.Rule}: not-private-writing: ${RULE_WORDS['not-private-writing']}`;

/** How long a private document's count waits for more edits before it is written down. */
const PROGRESS_DELAY_MS = 100;

export interface PrivateDocsOptions {
  registry: RoomRegistry;
  store: DocStore;
  log: Logger;
}

export class PrivateDocs {
  readonly #opts: PrivateDocsOptions;

  constructor(opts: PrivateDocsOptions) {
    this.#opts = opts;
  }

  docId(sessionId: string, participantId: string): string {
    return privateDocId(sessionId, participantId);
  }

  notebookId(sessionId: string, participantId: string): string {
    return notebookDocId(sessionId, participantId);
  }

  /**
   * What a connection may write to its private document: anything while the session
   * (`sessionRoom`, held by the connection) is in brainstorm with private writing on;
   * otherwise nothing that would change it, refused whole before it is applied. An update
   * that brings nothing new (a reconnecting device's sync) goes through as the no-op it is.
   */
  gate(sessionRoom: Room): WriteGate {
    return (doc, update) => {
      const state = ruleStateOf(sessionRoom.doc);
      if (state.phase === 'brainstorm' && state.privateWriting) return null;
      return wouldChange(doc, update) ? NOT_PRIVATE_WRITING : null;
    };
  }

  /**
   * Keeps the writer's count of private ideas in the session document while private
   * writing is on (the screen and the others' boards show how far it has come).
   */
  watch(room: Room): void {
    const owner = privateOwnerOf(room.id);
    if (!owner) return;
    let timer: NodeJS.Timeout | null = null;
    const write = async () => {
      timer = null;
      if (room.doc.isDestroyed) return;
      const ideas = countPrivateStickies(room.doc);
      const lease = await this.#opts.registry.acquire(owner.sessionId);
      try {
        const session = lease.room;
        if (!ruleStateOf(session.doc).privateWriting) return;
        if ((getPrivateProgress(session.doc).byWriter[owner.participantId] ?? 0) === ideas) return;
        await session.changeAsServer((doc) => setPrivateProgress(doc, owner.participantId, ideas));
      } finally {
        lease.release();
      }
    };
    onDocumentChange(room.doc, () => {
      if (timer) return;
      timer = setTimeout(() => {
        write().catch((err: unknown) => this.#opts.log.error({ err, room: room.id }, 'could not count private ideas'));
      }, PROGRESS_DELAY_MS);
      timer.unref();
    });
  }

  /**
   * The reveal: private writing ends and every participant's private stickies land on the
   * board in one change of the session document (`sessionRoom`, held by the caller), then
   * each private document is emptied by a change of the server's. Every private document
   * of the session is found, loaded or not: those stored, and those in memory here.
   * `stillAllowed` is asked again once they are all loaded, just before the change.
   */
  async reveal(sessionId: string, sessionRoom: Room, stillAllowed: () => boolean, now: number): Promise<boolean> {
    const { registry, store } = this.#opts;
    const prefix = privateDocId(sessionId, '');
    const ids = new Set([...(await store.listDocs(prefix)), ...registry.loadedIds().filter((id) => id.startsWith(prefix))]);
    const leases: RoomLease[] = [];
    try {
      for (const id of ids) leases.push(await registry.acquire(id));
      // Whatever their owners sent is applied and stored before it is read.
      await Promise.all(leases.map((l) => l.room.settled()));
      if (!stillAllowed()) return false;
      const owners = leases.flatMap((l) => {
        const owner = privateOwnerOf(l.room.id);
        return owner ? [{ participantId: owner.participantId, doc: l.room.doc }] : [];
      });
      // Synchronous from the read of the private documents to the change: no private write
      // lands in between on this instance, and any later one is refused (private writing is off).
      await sessionRoom.changeAsServer((doc) => void revealPrivateStickies(doc, owners, now));
      await Promise.all(leases.map((l) => l.room.changeAsServer(clearPrivateStickies)));
      return true;
    } finally {
      for (const lease of leases) lease.release();
    }
  }
}

/**
 * Would `update` change `doc`? Tried on a copy: a device's sync step 2 holds its whole
 * delete set, which changes nothing when the server has it already.
 */
function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    const pendingBefore = [probe.store.pendingStructs, probe.store.pendingDs];
    let changed = false;
    probe.on('update', () => {
      changed = true;
    });
    Y.applyUpdate(probe, update);
    // Parts waiting for what the server never had are new too.
    return changed || probe.store.pendingStructs !== pendingBefore[0] || probe.store.pendingDs !== pendingBefore[1];
  } finally {
    probe.destroy();
  }
}
