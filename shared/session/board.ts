// The brainstorm board: stickies, groups, private writing and the vote budget.
// Private stickies do not live here: see private.ts. `board.privateWriting` and a sticky's
// `hidden` are written by the server alone (its facilitation commands, the reveal).
// A sticky is a Y.Map under a fresh id: its text is a Y.Text (collaborative), x and y are
// separate fields so that concurrent moves converge (last writer wins per field).
import * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import type { SessionRoots } from './schema.ts';
import { bool, byTimeThenId, num, oneOf, str, strOrNull } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { nameKey } from '../name-key.ts';
import { DEFAULT_VOTE_BUDGET } from './meta.ts';
import { replaceText } from './text.ts';
import { STICKY_COLORS } from './types.ts';
import type { BoardSettings, CreateOptions, Group, Person, Sticky, StickyColor } from './types.ts';

export function getBoardSettings(doc: Y.Doc): BoardSettings {
  const b = roots(doc).board;
  return { privateWriting: bool(b, 'privateWriting'), voteBudget: num(b, 'voteBudget', DEFAULT_VOTE_BUDGET) };
}

/**
 * Turn private writing on (new stickies go to each author's private document) or off (the
 * reveal of the stickies of the old kind; the server's reveal moves the private ones too).
 */
export function setPrivateWriting(doc: Y.Doc, on: boolean): void {
  if (on) roots(doc).board.set('privateWriting', true);
  else reveal(doc);
}

/**
 * End private writing and un-hide the stickies of the old kind, hidden in this document (a
 * session written before private documents existed). `hidden` counts only while private
 * writing is on.
 */
export function reveal(doc: Y.Doc): void {
  const r = roots(doc);
  write(doc, () => {
    r.board.set('privateWriting', false);
    for (const [, m] of entities(r.stickies)) if (m.get('hidden') === true) m.set('hidden', false);
  });
}

export function setVoteBudget(doc: Y.Doc, budget: number): void {
  if (!Number.isInteger(budget) || budget < 0) throw new RangeError(`vote budget must be a whole number >= 0, got ${budget}`);
  roots(doc).board.set('voteBudget', budget);
}

export interface NewSticky {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly color?: StickyColor;
  readonly groupId?: string | null;
}

/**
 * Add a sticky to `doc`: the session document, or while private writing is on the author's
 * private document (private.ts), whose stickies have the same shape.
 */
export function addSticky(doc: Y.Doc, author: Person, sticky: NewSticky, opts?: CreateOptions): string {
  const id = idOf(opts);
  const r = roots(doc);
  write(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('text', new Y.Text(sticky.text));
    m.set('authorId', author.participantId);
    m.set('authorName', author.name);
    m.set('x', sticky.x);
    m.set('y', sticky.y);
    m.set('color', sticky.color ?? 'yellow');
    m.set('groupId', sticky.groupId ?? null);
    m.set('createdAt', timeOf(opts));
    // Only the server hides a sticky (none does now: private ones live elsewhere).
    m.set('hidden', false);
    r.stickies.set(id, m);
  });
  return id;
}

/** The sticky's collaborative text, for an editor to bind to. */
export function getStickyText(doc: Y.Doc, id: string): Y.Text | undefined {
  const t = entity(roots(doc).stickies, id)?.get('text');
  return t instanceof Y.Text ? t : undefined;
}

/** Set the text by the smallest splice, so a concurrent edit elsewhere in it survives. */
export function setStickyText(doc: Y.Doc, id: string, text: string): void {
  const t = getStickyText(doc, id);
  if (t) replaceText(t, text);
}

export function moveSticky(doc: Y.Doc, id: string, x: number, y: number): void {
  const m = entity(roots(doc).stickies, id);
  if (!m) return;
  write(doc, () => {
    m.set('x', x);
    m.set('y', y);
  });
}

export function setStickyColor(doc: Y.Doc, id: string, color: StickyColor): void {
  entity(roots(doc).stickies, id)?.set('color', color);
}

/** Put a sticky in a group, or take it out with null. */
export function setStickyGroup(doc: Y.Doc, id: string, groupId: string | null): void {
  entity(roots(doc).stickies, id)?.set('groupId', groupId);
}

/** A sticky as it was when deleted, to bring back: its fields as stored, its text as a string. */
export interface StickyCopy {
  readonly id: string;
  readonly text: string;
  readonly fields: ReadonlyMap<string, unknown>;
}

/** The sticky's fields as stored (a group id that `doc` does not hold included), or null. */
export function copySticky(doc: Y.Doc, id: string): StickyCopy | null {
  const m = entity(roots(doc).stickies, id);
  if (!m) return null;
  const fields = new Map<string, unknown>();
  let text = '';
  for (const [key, value] of m.entries()) {
    if (key === 'text') text = value instanceof Y.Text ? value.toString() : String(value);
    else fields.set(key, value);
  }
  return { id, text, fields };
}

/**
 * Put a deleted sticky back under its id, from its copy: a new entry with every field, as
 * its author adding it (the server judges it so). False if the id is taken (brought back
 * already, by another device of its author).
 */
export function restoreSticky(doc: Y.Doc, copy: StickyCopy): boolean {
  const r = roots(doc);
  if (r.stickies.has(copy.id)) return false;
  write(doc, () => {
    const m = new Y.Map<unknown>();
    for (const [key, value] of copy.fields) m.set(key, value);
    m.set('text', new Y.Text(copy.text));
    r.stickies.set(copy.id, m);
  });
  return true;
}

/** Delete a sticky; its votes stop counting (and stop using their voter's budget). */
export function deleteSticky(doc: Y.Doc, id: string): void {
  roots(doc).stickies.delete(id);
}

export function createGroup(doc: Y.Doc, creator: Person, title: string, opts?: CreateOptions): string {
  const id = idOf(opts);
  write(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('title', title);
    m.set('createdAt', timeOf(opts));
    m.set('createdById', creator.participantId);
    roots(doc).groups.set(id, m);
  });
  return id;
}

/**
 * The group people would take for one titled `title`: the earliest (by creation, then id) of
 * those whose title reads the same, case, accents and spaces aside ("trésorerie " is
 * "Trésorerie"), or undefined. Creating a group first looks for it: one group a name.
 */
export function findGroupByTitle(doc: Y.Doc, title: string): Group | undefined {
  const key = nameKey(title);
  return key ? getGroups(doc).find((g) => nameKey(g.title) === key) : undefined;
}

/**
 * The group titled `title`, created by `creator` when none reads the same
 * (findGroupByTitle): its id, and whether it is new.
 */
export function groupTitled(doc: Y.Doc, creator: Person, title: string, opts?: CreateOptions): { id: string; created: boolean } {
  const found = findGroupByTitle(doc, title);
  return found ? { id: found.id, created: false } : { id: createGroup(doc, creator, title, opts), created: true };
}

// Groups of one title made at once on several devices (each before it saw the others') are
// merged by the server into the earliest (group-merge.ts). A merged group's id stays known
// in `facilitation` under `mergedGroup.<groupId>` -> { into: groupId, at }, so that an idea
// that reaches the document pointing at it after the merge (a private idea, a move sent
// just before it) reads as in the group it went into, not as ungrouped.
export const MERGED_GROUP_PREFIX = 'mergedGroup.';
/** How many merges a lookup follows (a merged group's group merged in its turn). */
const MERGE_HOPS = 8;

/**
 * The group `groupId` stands for in the session document `doc` (whose roots are `r`): itself
 * when it is there, the group it was merged into when that is, else null (a deleted group).
 */
export function liveGroupId(r: { readonly groups: Y.Map<unknown>; readonly facilitation: Y.Map<unknown> }, groupId: string | null): string | null {
  let id = groupId;
  for (let hop = 0; id !== null && hop <= MERGE_HOPS; hop++) {
    if (entity(r.groups, id)) return id;
    const merged = r.facilitation.get(MERGED_GROUP_PREFIX + id);
    id = merged !== null && typeof merged === 'object' && typeof (merged as { into?: unknown }).into === 'string' ? (merged as { into: string }).into : null;
  }
  return null;
}

export function renameGroup(doc: Y.Doc, id: string, title: string): void {
  entity(roots(doc).groups, id)?.set('title', title);
}

/** Delete a group; its stickies go back to no group (a late sticky pointing to it reads as ungrouped). */
export function deleteGroup(doc: Y.Doc, id: string): void {
  const r = roots(doc);
  write(doc, () => {
    for (const [, m] of entities(r.stickies)) if (m.get('groupId') === id) m.set('groupId', null);
    r.groups.delete(id);
  });
}

export function getGroups(doc: Y.Doc): Group[] {
  return entities(roots(doc).groups)
    .map(([id, m]): Group => ({
      id,
      title: str(m, 'title'),
      createdAt: num(m, 'createdAt'),
      createdById: str(m, 'createdById'),
    }))
    .sort(byTimeThenId((g) => g.createdAt));
}

function readSticky(id: string, m: Y.Map<unknown>, r: SessionRoots, privateWriting: boolean): Sticky {
  const groupId = strOrNull(m, 'groupId');
  return {
    id,
    text: str(m, 'text'),
    authorId: str(m, 'authorId'),
    authorName: str(m, 'authorName'),
    x: num(m, 'x'),
    y: num(m, 'y'),
    color: oneOf(m, 'color', STICKY_COLORS, 'yellow'),
    groupId: liveGroupId(r, groupId),
    createdAt: num(m, 'createdAt'),
    hidden: privateWriting && bool(m, 'hidden'),
  };
}

export function getSticky(doc: Y.Doc, id: string): Sticky | undefined {
  const r = roots(doc);
  const m = entity(r.stickies, id);
  return m && readSticky(id, m, r, bool(r.board, 'privateWriting'));
}

/** All stickies in creation order, hidden ones included: filter with isStickyVisibleTo. */
export function getStickies(doc: Y.Doc): Sticky[] {
  const r = roots(doc);
  const privateWriting = bool(r.board, 'privateWriting');
  return entities(r.stickies)
    .map(([id, m]) => readSticky(id, m, r, privateWriting))
    .sort(byTimeThenId((s) => s.createdAt));
}

/**
 * What the UI shows to `viewerId`: a sticky of the old kind, hidden in the session document
 * (written before private documents existed), shows to its author only. New private
 * stickies never reach the session document before the reveal (private.ts).
 */
export function isStickyVisibleTo(sticky: Sticky, viewerId: string): boolean {
  return !sticky.hidden || sticky.authorId === viewerId;
}
