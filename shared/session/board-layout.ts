// The layout writers: each reads the board, computes with the pure functions of layout.ts,
// and writes every position it changes in one transaction, so every replica sees one
// change (and an undo manager sees one step).
import type * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import { byTimeThenId, num, strOrNull } from './fields.ts';
import { addSticky, getGroups, liveGroupId } from './board.ts';
import type { NewSticky } from './board.ts';
import { GAP, STICKY_H, STICKY_W, placeInGroup, placeNewSticky, rowLength, settle, tidyLayout, findFreeSpot, groupFrames, overlaps, stickyRect, unstackInGroup } from './layout.ts';
import type { Moves, PlacedSticky, Point, Rect } from './layout.ts';
import { tally } from './votes.ts';
import type { CreateOptions, Person } from './types.ts';

/** Origin of the transactions of tidyBoard: give it to a Y.UndoManager to undo a tidy. */
export const TIDY_ORIGIN = 'entraide:tidy';

// `around` is the board's other document, whose stickies take room and whose groups count
// too: the session document when `doc` is a private one (private.ts), or the author's
// private document when `doc` is the session's. Only `doc` is written.
function placed(doc: Y.Doc, around?: Y.Doc | null): PlacedSticky[] {
  const docs = around ? [doc, around] : [doc];
  const out: PlacedSticky[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    for (const [id, m] of entities(roots(d).stickies)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const groupId = strOrNull(m, 'groupId');
      out.push({ id, x: num(m, 'x'), y: num(m, 'y'), groupId: groupIn(docs, groupId), createdAt: num(m, 'createdAt') });
    }
  }
  return out.sort(byTimeThenId((s) => s.createdAt));
}

/** The group a sticky is in, read as the board reads it (getStickies): through merges of groups of one title. */
function groupIn(docs: readonly Y.Doc[], groupId: string | null): string | null {
  if (groupId === null || isGroup(docs, groupId)) return groupId;
  for (const d of docs) {
    const live = liveGroupId(roots(d), groupId);
    if (live !== null) return live;
  }
  return null;
}

function isGroup(docs: readonly Y.Doc[], groupId: string): boolean {
  return docs.some((d) => entity(roots(d).groups, groupId) !== undefined);
}

function apply(doc: Y.Doc, moves: Moves): void {
  const stickies = roots(doc).stickies;
  for (const [id, p] of moves) {
    const m = entity(stickies, id);
    if (!m) continue;
    if (m.get('x') !== p.x) m.set('x', p.x);
    if (m.get('y') !== p.y) m.set('y', p.y);
  }
}

/** Add a sticky in free space near `near` (the top-left its author aims at, e.g. his view's centre). */
export function addStickyNear(doc: Y.Doc, author: Person, sticky: Omit<NewSticky, 'x' | 'y'>, near: Point, opts?: CreateOptions, around?: Y.Doc | null): string {
  return write(doc, () => {
    const spot = placeNewSticky(placed(doc, around), near);
    return addSticky(doc, author, { ...sticky, x: spot.x, y: spot.y }, opts);
  });
}

/**
 * After the reveal: the ideas of `ids` (just put on the board) that lie on another idea or
 * on a group's frame go together into a grid below the board, as many columns wide as make
 * the whole board the largest on the room's screen (roomScreenBoard), in the order they were written (not by
 * author: an anonymous board tells nobody apart by place); the others stay where their
 * authors put them. Revealed ideas of a group first get slots of their own in it
 * (unstackGroups). Written apart, each phone placing its ideas
 * where it saw room, the room's ideas land on the same few spots; each author's device
 * used to spread its own after the reveal, one at a time, into a tall column the screen
 * could only show small. Linear in the ideas (a search of free space for each was 14 s for
 * 900 ideas stacked on a few spots).
 */
export function spreadRevealed(doc: Y.Doc, ids: readonly string[]): void {
  write(doc, () => {
    const revealed = new Set(ids);
    unstackGroups(doc, revealed);
    const board = placed(doc);
    const taken: Rect[] = [...board.filter((s) => s.groupId === null && !revealed.has(s.id)).map(stickyRect), ...groupFrames(board).values()];
    const crowded: PlacedSticky[] = [];
    // placed() is in the order they were written.
    for (const s of board) {
      if (!revealed.has(s.id) || s.groupId !== null) continue;
      const rect = stickyRect(s);
      if (taken.some((o) => overlaps(rect, o, GAP))) crowded.push(s);
      else taken.push(rect);
    }
    if (crowded.length === 0) return;
    const left = Math.min(...taken.map((r) => r.x));
    const right = Math.max(...taken.map((r) => r.x + r.w));
    const above = Math.min(...taken.map((r) => r.y));
    const top = Math.max(...taken.map((r) => r.y + r.h)) + 2 * GAP;
    const cellW = STICKY_W + GAP;
    const cellH = STICKY_H + GAP;
    // As many columns as make the whole board, what was there and the grid below it, the
    // largest on the room's screen (the grid alone at 16:9 left a tall, narrow board under
    // groups laid one above the other: unreadable on the room's screen).
    const columns = rowLength(crowded.length, right - left, top - above, 0, getGroups(doc).length > 0);
    const stickies = roots(doc).stickies;
    crowded.forEach((s, i) => {
      const m = entity(stickies, s.id);
      m?.set('x', left + (i % columns) * cellW);
      m?.set('y', top + Math.floor(i / columns) * cellH);
    });
  });
}

/**
 * The reveal's grouped ideas: in each group, the revealed ideas take the group's free slots
 * row by row, in the order they were written; then each group laid out keeps its place and
 * whatever its frame covers moves away, as a drop into a group moves it (settle), the
 * revealed ideas outside groups excepted: spreadRevealed places those next.
 */
function unstackGroups(doc: Y.Doc, revealed: ReadonlySet<string>): void {
  const board = placed(doc);
  const byGroup = new Map<string, string[]>();
  for (const s of board) {
    if (s.groupId === null || !revealed.has(s.id)) continue;
    const list = byGroup.get(s.groupId);
    if (list) list.push(s.id);
    else byGroup.set(s.groupId, [s.id]);
  }
  const moves: Moves = new Map();
  const grown: string[] = [];
  for (const [groupId, members] of byGroup) {
    const laid = unstackInGroup(board, groupId, members);
    if (laid.size > 0) grown.push(groupId);
    for (const [id, p] of laid) moves.set(id, p);
  }
  if (moves.size === 0) return;
  // Each group laid out keeps its place, and what it covers moves (as a drop into a group
  // does): settled oldest first, a group could be the one to jump away from an older idea.
  let next = board.filter((s) => s.groupId !== null || !revealed.has(s.id)).map((s) => ({ ...s, ...moves.get(s.id) }));
  for (const groupId of grown) {
    const settled = settle(next, groupId);
    if (settled.size === 0) continue;
    for (const [id, p] of settled) moves.set(id, p);
    next = next.map((s) => ({ ...s, ...settled.get(s.id) }));
  }
  apply(doc, moves);
}

/**
 * Put a sticky in a group (into a slot of its frame near `near`, default: where it is), or
 * take it out with null (to free space near `near`). Whatever the grown frame covers moves.
 */
export function groupSticky(doc: Y.Doc, stickyId: string, groupId: string | null, near?: Point, around?: Y.Doc | null): void {
  const m = entity(roots(doc).stickies, stickyId);
  if (!m) return;
  write(doc, () => {
    const all = placed(doc, around);
    const me = all.find((s) => s.id === stickyId);
    if (!me) return;
    const target = near ?? { x: me.x, y: me.y };
    if (groupId !== null && isGroup(around ? [doc, around] : [doc], groupId)) {
      m.set('groupId', groupId);
      apply(doc, placeInGroup(all, stickyId, groupId, target));
    } else {
      m.set('groupId', null);
      apply(doc, new Map([[stickyId, placeNewSticky(all.filter((s) => s.id !== stickyId), target)]]));
    }
  });
}

/**
 * A sticky dropped at `at` without joining another group: in its own group it takes the
 * free slot nearest the drop; ungrouped, it stays there if that is free, else moves to the
 * nearest free place.
 */
export function dropSticky(doc: Y.Doc, stickyId: string, at: Point, around?: Y.Doc | null): void {
  write(doc, () => {
    const all = placed(doc, around);
    const me = all.find((s) => s.id === stickyId);
    if (!me) return;
    if (me.groupId !== null) {
      apply(doc, placeInGroup(all, stickyId, me.groupId, at));
      return;
    }
    const others = all.filter((s) => s.id !== stickyId);
    const obstacles = [...others.filter((s) => s.groupId === null).map(stickyRect), ...groupFrames(others).values()];
    const here = stickyRect(at);
    const spot = obstacles.some((o) => overlaps(here, o)) ? findFreeSpot(obstacles, at) : at;
    apply(doc, new Map([[stickyId, { x: Math.round(spot.x), y: Math.round(spot.y) }]]));
  });
}

/**
 * Lay the whole board out (each group in its grid, groups on shelves, ungrouped ideas in rows
 * below, by votes once voting began: tidyLayout) in one transaction with origin TIDY_ORIGIN.
 */
export function tidyBoard(doc: Y.Doc, origin?: Point): void {
  const moves = tidiedMoves(doc, origin);
  write(doc, () => apply(doc, moves), TIDY_ORIGIN);
}

/** Where "tidy" would put every idea of the board (tidyLayout), without moving any. */
export function tidiedMoves(doc: Y.Doc, origin?: Point): Moves {
  const t = tally(doc);
  return tidyLayout({
    stickies: placed(doc),
    groupIds: getGroups(doc).map((g) => g.id),
    votes: t.bySticky,
    byVotes: t.countedVoteIds.length > 0,
    origin,
  });
}
