// Private documents on the server. Each participant's private stickies (issue 9), and his
// points in a round that hides its counts, live in a document of his own,
// `<sessionId>/private/<participantId>`, opened only by his own connections (the participant
// id is the connection's, decided by the server: nobody can name another's). Writes to it
// are taken only while the session is in brainstorm with private writing on (stickies) or a
// round hides its counts (points); the reveal moves every private sticky onto the board as
// one change of the server's, the close of such a round every point, then the private
// documents are emptied, so that their owners' devices converge.
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { WriteRefusal } from '../../shared/protocol.ts';
import * as S from '../../shared/session/index.ts';
import type { PrivateOwner } from '../../shared/session/index.ts';
import { observeRoots, onDocumentChange } from '../../shared/session/observe.ts';
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
   * What a connection may write to its private document, before the private rules judge
   * each change (shared/session/changes.ts): anything while the session (`sessionRoom`, held
   * by the connection) is in brainstorm with private writing on. Otherwise an update that
   * would change its ideas is refused whole before it is applied (an idea written after the
   * reveal stays on its device, marked as not shared), and one that changes only its points
   * or removes ideas goes on to the rules, which take a removal, take points while a round
   * hides its counts and undo them on the device otherwise (a point given as the round
   * closed does not linger there). An update
   * that brings nothing new (a reconnecting device's sync) goes through as the no-op it is.
   */
  gate(sessionRoom: Room): WriteGate {
    return (doc, update) => {
      const state = S.ruleStateOf(sessionRoom.doc);
      if (state.phase === 'brainstorm' && state.privateWriting) return null;
      const changed = changedRoots(doc, update);
      changed.delete(S.ROOT.votes);
      return changed.size === 0 ? null : NOT_PRIVATE_WRITING;
    };
  }

  /**
   * Keeps the owner's progress in the session document, without a word or a target of it:
   * his count of private ideas while private writing is on, his count of points while a
   * round hides its counts (the screen, the host and the others' boards show how far the
   * room has come).
   */
  watch(room: Room): void {
    const owner = privateOwnerOf(room.id);
    if (!owner) return;
    let timer: NodeJS.Timeout | null = null;
    const write = async () => {
      timer = null;
      if (room.doc.isDestroyed) return;
      const ideas = S.countPrivateStickies(room.doc);
      const points = S.countVotesBy(room.doc, owner.participantId);
      const lease = await this.#opts.registry.acquire(owner.sessionId);
      try {
        const session = lease.room;
        const state = S.ruleStateOf(session.doc);
        const writing = state.privateWriting && (S.getPrivateProgress(session.doc).byWriter[owner.participantId] ?? 0) !== ideas;
        const voting = state.countsHidden && (S.getHiddenVoteProgress(session.doc).byVoter[owner.participantId] ?? 0) !== points;
        if (!writing && !voting) return;
        await session.changeAsServer((doc) => {
          if (writing) S.setPrivateProgress(doc, owner.participantId, ideas);
          if (voting) S.setHiddenVoteProgress(doc, owner.participantId, points);
        });
      } finally {
        lease.release();
      }
    };
    onDocumentChange(room.doc, () => {
      if (timer) return;
      timer = setTimeout(() => {
        write().catch((err: unknown) => this.#opts.log.error({ err, room: room.id }, 'could not count private ideas or points'));
      }, PROGRESS_DELAY_MS);
      timer.unref();
    });
  }

  /**
   * The reveal: private writing ends and every participant's private stickies land on the
   * board in one change of the session document (`sessionRoom`, held by the caller), then
   * each private document is emptied of those now on the board by a change of the server's
   * (what did not fit, past the 200 ideas a person, stays its owner's, shown as not shared).
   * `stillAllowed` is asked again once they are all loaded, just before the change.
   */
  reveal(sessionId: string, sessionRoom: Room, stillAllowed: () => boolean, now: number): Promise<boolean> {
    return this.#withPrivateDocs(sessionId, stillAllowed, async (owners) => {
      await sessionRoom.changeAsServer((doc) => void S.revealPrivateStickies(doc, owners, now));
      const onBoard = (id: string) => S.roots(sessionRoom.doc).stickies.has(id);
      await Promise.all(owners.map((o) => o.room.changeAsServer((privateDoc) => S.clearPrivateStickies(privateDoc, onBoard))));
    });
  }

  /**
   * The close of a round that hides its counts (or its counts shown): `change` (the host's
   * command) and the move of every point from the private documents onto the board, in one
   * change of the session document, then each private document is emptied of the points
   * now on the board (and only those).
   */
  closeHiddenRound(sessionId: string, sessionRoom: Room, stillAllowed: () => boolean, change: (doc: Y.Doc) => void): Promise<boolean> {
    // The command may have been refused (it says why): the points then stay where they are.
    return this.#withPrivateDocs(sessionId, stillAllowed, (owners) => movePoints(sessionRoom, owners, change).then(() => undefined));
  }

  /**
   * Watches this instance's copy of a session for the end of a round that hid its counts
   * (its close, or its counts shown), wherever that end was decided. Another instance's
   * close moves the points it read from the private documents; a point this instance took in
   * the meantime (after that read, before the close arrived here) is still in a private
   * document held here. It was given while the round was open, so it counts: this instance
   * moves it onto the board as the close would have, and empties it from its private document.
   */
  watchSession(sessionRoom: Room): void {
    let hidden = S.ruleStateOf(sessionRoom.doc).countsHidden;
    observeRoots(sessionRoom.doc, ['board'], () => {
      const now = S.ruleStateOf(sessionRoom.doc).countsHidden;
      if (hidden && !now) {
        setImmediate(() => {
          this.#moveLeftPoints(sessionRoom.id).catch((err: unknown) =>
            this.#opts.log.error({ err, room: sessionRoom.id }, 'could not move the points left after a round that hid its counts'),
          );
        });
      }
      hidden = now;
    });
  }

  /** Moves the points left in the private documents held here onto the board (watchSession). */
  async #moveLeftPoints(sessionId: string): Promise<void> {
    const { registry } = this.#opts;
    const session = registry.loaded(sessionId);
    if (!session) return;
    const onBoard = (id: string) => S.roots(session.doc).votes.has(id);
    const prefix = privateDocId(sessionId, '');
    const holdsLeftPoints = (id: string) => {
      const room = id.startsWith(prefix) ? registry.loaded(id) : null;
      return room !== null && [...S.roots(room.doc).votes.keys()].some((v) => !onBoard(v));
    };
    const left = registry.loadedIds().filter(holdsLeftPoints);
    if (left.length === 0) return;
    const leases: RoomLease[] = [];
    try {
      for (const id of [sessionId, ...left]) leases.push(await registry.acquire(id));
      const [sessionRoom, ...rooms] = leases.map((l) => l.room) as [Room, ...Room[]];
      // What their owners sent is applied and stored first, as for a close.
      await Promise.all(rooms.map((room) => room.settled()));
      const owners = rooms.flatMap((room) => {
        const owner = privateOwnerOf(room.id);
        return owner ? [{ participantId: owner.participantId, doc: room.doc, room }] : [];
      });
      // Not if a round that hides its counts opened again meanwhile: its opening empties what is left.
      const moved = await movePoints(sessionRoom, owners);
      if (moved > 0) this.#opts.log.info({ room: sessionId, moved }, 'moved points taken here as another instance closed their round');
    } finally {
      for (const lease of leases) lease.release();
    }
  }

  /**
   * The opening of a round that hides its counts (or counts hidden in an open round): each
   * private document is first emptied of any point left from an earlier round (one another
   * instance took as that round closed, after this one had read the private documents),
   * then `change` (the host's command) opens it. A new round starts with no point but those
   * given in it.
   */
  openHiddenRound(sessionId: string, sessionRoom: Room, stillAllowed: () => boolean, change: (doc: Y.Doc) => void): Promise<boolean> {
    return this.#withPrivateDocs(sessionId, stillAllowed, async (owners) => {
      await Promise.all(owners.map((o) => o.room.changeAsServer((privateDoc) => S.clearPrivateVotes(privateDoc, () => true))));
      await sessionRoom.changeAsServer(change);
    });
  }

  /**
   * Runs `act` on every private document of the session, loaded or not (those stored, and
   * those in memory here, also one first opened while the others loaded), once what their
   * owners sent is applied and stored, and `stillAllowed` says yes. `act` starts at once:
   * no private write lands on this instance between the read and its first change, and any
   * later one is judged on the session's rules as that change left them. False when not
   * allowed any more.
   */
  async #withPrivateDocs(sessionId: string, stillAllowed: () => boolean, act: (owners: readonly PrivateDocOwner[]) => Promise<void>): Promise<boolean> {
    const { registry, store } = this.#opts;
    const prefix = privateDocId(sessionId, '');
    const held = new Map<string, RoomLease>();
    try {
      let ids = [...(await store.listDocs(prefix)), ...registry.loadedIds().filter((id) => id.startsWith(prefix))];
      while (ids.some((id) => !held.has(id))) {
        for (const id of ids) if (!held.has(id)) held.set(id, await registry.acquire(id));
        await Promise.all([...held.values()].map((l) => l.room.settled()));
        ids = registry.loadedIds().filter((id) => id.startsWith(prefix));
      }
      if (!stillAllowed()) return false;
      const owners = [...held.values()].flatMap((l) => {
        const owner = privateOwnerOf(l.room.id);
        return owner ? [{ participantId: owner.participantId, doc: l.room.doc, room: l.room }] : [];
      });
      await act(owners);
      return true;
    } finally {
      for (const lease of held.values()) lease.release();
    }
  }
}

/**
 * `change` (a host's command, if any) and, once no round hides its counts, the move of every
 * point of `owners` onto the board, in one change of the session document; then each
 * private document emptied of the points now on the board. How many points moved (0 when a
 * round still hides its counts: nothing moves, nothing is emptied).
 */
async function movePoints(sessionRoom: Room, owners: readonly PrivateDocOwner[], change: (doc: Y.Doc) => void = () => {}): Promise<number> {
  let moved = -1;
  await sessionRoom.changeAsServer((doc) => {
    change(doc);
    if (!S.ruleStateOf(doc).countsHidden) moved = S.moveHiddenVotes(doc, owners);
  });
  if (moved < 0) return 0;
  const onBoard = (id: string) => S.roots(sessionRoom.doc).votes.has(id);
  await Promise.all(owners.map((o) => o.room.changeAsServer((privateDoc) => S.clearPrivateVotes(privateDoc, onBoard))));
  return moved;
}

/** A private document, whose it is (as the server knows), and its room. */
interface PrivateDocOwner extends PrivateOwner {
  readonly room: Room;
}

/**
 * The roots of `doc` that `update` would change (empty: none), but for ideas thrown away,
 * which the rules judge. Tried on a copy: a device's sync step 2 holds its whole delete set,
 * which changes nothing when the server has it already. Parts waiting for what the server
 * never had are new too (under no root yet), except removals: a removal of what the server
 * never took (an idea refused after the reveal, then thrown away on its device) is dropped
 * by the room, which asks the device for what it lacks (Room's askForMissing), and its
 * answer, the idea with its removal, is judged as a removal.
 */
function changedRoots(doc: Y.Doc, update: Uint8Array): Set<string> {
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    // Typed, so that a change to its keys has an event to read (a bare root has none).
    probe.getMap(S.ROOT.stickies);
    const pendingBefore = probe.store.pendingStructs;
    const changed = new Set<string>();
    probe.on('afterTransaction', (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        let root = type;
        while (root._item) root = root._item.parent as typeof type;
        const name = S.rootNameOf(probe, root) ?? '?';
        if (name === S.ROOT.stickies && type === root && S.onlyRemovals(root, tr.changedParentTypes.get(root) ?? [])) continue;
        changed.add(name);
      }
    });
    Y.applyUpdate(probe, update);
    if (probe.store.pendingStructs !== pendingBefore) changed.add('?');
    return changed;
  } finally {
    probe.destroy();
  }
}
