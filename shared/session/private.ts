// Private writing (issue 9). While it is on, a member's new stickies live in a document of
// his own, not in the session document: the room `<sessionId>/private` on the wire, which
// the server maps to `<sessionId>/private/<participantId>` for the connection's own
// participant, so it syncs to its owner's devices and the server alone. Its only root is
// `stickies`, with the session document's sticky shape, so the board's functions work on
// it unchanged. The reveal, made by the server, moves every private sticky into the session
// document in one change and empties the private documents.
import * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import { byTimeThenId, compareStrings, num, oneOf, record, str, strOrNull } from './fields.ts';
import { STICKIES_PER_PERSON, TEXT_MAX } from './limits.ts';
import { clearCounts, countsOf, setCountOf } from './facilitation.ts';
import { STICKY_COLORS } from './types.ts';
import { spreadRevealed } from './board-layout.ts';
import { liveGroupId } from './board.ts';
import type { SessionRoots } from './schema.ts';
import type { Sticky } from './types.ts';

/** The y-websocket room name of this participant's private document in `sessionId`. */
export function privateRoomName(sessionId: string): string {
  return `${sessionId}/private`;
}

/**
 * The stickies of a private document, as its owner's board shows them: marked hidden
 * (private), their group read from the session document, and without those the session
 * document already holds (revealed, while the private copy is being emptied).
 */
export function getPrivateStickies(privateDoc: Y.Doc, sessionDoc: Y.Doc): Sticky[] {
  const shared = roots(sessionDoc);
  return entities(roots(privateDoc).stickies)
    .filter(([id]) => shared.stickies.get(id) === undefined)
    .map(([id, m]) => readPrivate(id, m, shared))
    .sort(byTimeThenId((s) => s.createdAt));
}

export function getPrivateSticky(privateDoc: Y.Doc, sessionDoc: Y.Doc, id: string): Sticky | undefined {
  const shared = roots(sessionDoc);
  const m = entity(roots(privateDoc).stickies, id);
  return m && shared.stickies.get(id) === undefined ? readPrivate(id, m, shared) : undefined;
}

// Its group is read through the session's merges (liveGroupId): written apart, a private idea
// may sit in a group the server merged into another of the same title since.
function readPrivate(id: string, m: Y.Map<unknown>, shared: SessionRoots): Sticky {
  const groupId = strOrNull(m, 'groupId');
  return {
    id,
    text: str(m, 'text'),
    authorId: str(m, 'authorId'),
    authorName: str(m, 'authorName'),
    x: num(m, 'x'),
    y: num(m, 'y'),
    color: oneOf(m, 'color', STICKY_COLORS, 'yellow'),
    groupId: liveGroupId(shared, groupId),
    createdAt: num(m, 'createdAt'),
    hidden: true,
  };
}

/** How many stickies a private document holds. */
export function countPrivateStickies(privateDoc: Y.Doc): number {
  return entities(roots(privateDoc).stickies).length;
}

/** A private document and whose it is, as the server knows (never from its content). */
export interface PrivateOwner {
  readonly participantId: string;
  readonly doc: Y.Doc;
}

/**
 * The reveal, in one transaction of the session document: private writing ends, the
 * stickies of the old kind (hidden in the session document) show, and every private sticky
 * is copied in with its id, text, position, colour, group and creation time. Its author is
 * the document's owner; his name is the one the session document knows for him, else the
 * one on the sticky. The session's content limits hold as for any sticky: text cut at its
 * longest, no more than STICKIES_PER_PERSON per author on the board (oldest first).
 * Returns the ids copied.
 */
export function revealPrivateStickies(sessionDoc: Y.Doc, owners: readonly PrivateOwner[], now: number): string[] {
  const r = roots(sessionDoc);
  const copied: string[] = [];
  write(sessionDoc, () => {
    r.board.set('privateWriting', false);
    for (const [, m] of entities(r.stickies)) if (m.get('hidden') === true) m.set('hidden', false);
    clearCounts(sessionDoc, PROGRESS_PREFIX);
    const onBoard = new Map<string, number>();
    for (const [, m] of entities(r.stickies)) onBoard.set(str(m, 'authorId'), (onBoard.get(str(m, 'authorId')) ?? 0) + 1);
    for (const owner of owners) {
      const known = record(r.participants.get(owner.participantId));
      const name = (known && str(known, 'name')) || null;
      let count = onBoard.get(owner.participantId) ?? 0;
      const mine = entities(roots(owner.doc).stickies).sort(([a, x], [b, y]) => num(x, 'createdAt') - num(y, 'createdAt') || compareStrings(a, b));
      for (const [id, m] of mine) {
        if (r.stickies.get(id) !== undefined || count >= STICKIES_PER_PERSON) continue;
        count += 1;
        const groupId = strOrNull(m, 'groupId');
        const copy = new Y.Map<unknown>();
        copy.set('text', new Y.Text(str(m, 'text').slice(0, TEXT_MAX.sticky)));
        copy.set('authorId', owner.participantId);
        copy.set('authorName', (name ?? str(m, 'authorName')).slice(0, TEXT_MAX.name) || '?');
        copy.set('x', num(m, 'x'));
        copy.set('y', num(m, 'y'));
        copy.set('color', oneOf(m, 'color', STICKY_COLORS, 'yellow'));
        // A group merged into another of its title since (group-merge.ts): that one.
        copy.set('groupId', liveGroupId(r, groupId));
        copy.set('createdAt', num(m, 'createdAt', now));
        copy.set('hidden', false);
        r.stickies.set(id, copy);
        copied.push(id);
      }
    }
    spreadRevealed(sessionDoc, copied);
  });
  return copied;
}

/**
 * Empties a private document of the stickies `onBoard` says the reveal put on the board. What
 * it could not fit (past STICKIES_PER_PERSON with its owner's ideas already there) stays in
 * his private document, on his devices, shown as not shared: never deleted unseen.
 */
export function clearPrivateStickies(privateDoc: Y.Doc, onBoard: (stickyId: string) => boolean): void {
  const stickies = roots(privateDoc).stickies;
  const ids = [...stickies.keys()].filter(onBoard);
  if (ids.length === 0) return;
  write(privateDoc, () => {
    for (const id of ids) stickies.delete(id);
  });
}

// How far private writing has come, without a word of it: the server keeps each writer's
// count of private ideas in the session document (`facilitation`, written by the server
// only, key `privateIdeas.<participantId>`), for the screen and the others' boards.
const PROGRESS_PREFIX = 'privateIdeas.';

export function setPrivateProgress(sessionDoc: Y.Doc, participantId: string, ideas: number): void {
  setCountOf(sessionDoc, PROGRESS_PREFIX, participantId, ideas);
}

export interface PrivateProgress {
  /** Private ideas written so far, everyone's. */
  readonly ideas: number;
  /** How many people wrote at least one. */
  readonly writers: number;
  /** Each writer's count, by participant id. */
  readonly byWriter: Readonly<Record<string, number>>;
}

export function getPrivateProgress(sessionDoc: Y.Doc): PrivateProgress {
  const { total, byId } = countsOf(sessionDoc, PROGRESS_PREFIX);
  return { ideas: total, writers: Object.keys(byId).length, byWriter: byId };
}
