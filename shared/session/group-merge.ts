// One group a title. A phone creating a group whose title another group already reads
// (case, accents and spaces aside: "trésorerie " is "Trésorerie") takes that group instead
// (findGroupByTitle, groupTitled in board.ts). Two phones creating one within the same
// instant, each before it saw the other's (or one offline), still make two: the server then
// merges them as a change of its own, after the transaction that added the group
// (server/facilitation/group-titles.ts). Seen with eight phones: *Financement* three times
// in every *Groupe* menu, the members' ideas spread over the three, and the screen's results
// reading "Financement 7 · Compétences 1 · Financement 1".
//
// The merge keeps the earliest group of the title (creation time, then id) and, for each
// other one: its ideas go into the kept group (each into a slot of its grid, as a drop into
// the group), its points are written again under their own ids with the kept group as their
// target (a point is never edited by a client; the server's change is not judged as one),
// the room's focus on it moves to the kept group, and the group is deleted. Its id stays
// known in `facilitation` (`mergedGroup.<groupId>`: board.ts, liveGroupId), so that an idea
// or a point that reaches the session after the merge pointing at it (a private idea written
// in it during private writing, kept in its author's own document until the reveal; a point
// in a voter's own document while a round hides its counts; a move sent just before the
// merge arrived) reads, is revealed and is counted in the kept group.
import type * as Y from 'yjs';
import { nameKey } from '../name-key.ts';
import { entities, roots, write } from './schema.ts';
import { compareStrings, num, record } from './fields.ts';
import { MERGED_GROUP_PREFIX, getGroups } from './board.ts';
import { groupSticky } from './board-layout.ts';

export interface GroupMerge {
  /** The group kept: the earliest of the title. */
  readonly into: string;
  /** The groups merged into it, now deleted. */
  readonly merged: readonly string[];
}

/**
 * For each group of `added` (groups just added to `doc`) still there, every group whose title
 * reads the same (nameKey) merged into the earliest of them, in one transaction. Groups of
 * one title that none of `added` shares are left alone: a title the host gives by renaming
 * (typed key by key) merges nothing. Returns the merges made.
 */
export function mergeGroupsOfOneTitle(doc: Y.Doc, added: Iterable<string>, now: number): GroupMerge[] {
  const out: GroupMerge[] = [];
  write(doc, () => {
    const groups = getGroups(doc);
    const keys = new Map(groups.map((g) => [g.id, nameKey(g.title)]));
    const done = new Set<string>();
    for (const id of added) {
      const key = keys.get(id);
      if (!key || done.has(key)) continue;
      done.add(key);
      // getGroups is in creation order, then id: the first is the earliest.
      const [into, ...others] = groups.filter((g) => keys.get(g.id) === key);
      if (!into || others.length === 0) continue;
      for (const g of others) mergeGroupInto(doc, g.id, into.id, now);
      out.push({ into: into.id, merged: others.map((g) => g.id) });
    }
  });
  return out;
}

function mergeGroupInto(doc: Y.Doc, from: string, into: string, now: number): void {
  const r = roots(doc);
  // Its ideas, oldest first, each into the kept group's grid nearest where it lies.
  const ideas = entities(r.stickies)
    .filter(([, m]) => m.get('groupId') === from)
    .sort(([a, x], [b, y]) => num(x, 'createdAt') - num(y, 'createdAt') || compareStrings(a, b));
  for (const [id] of ideas) groupSticky(doc, id, into);
  // Its points, the same under their ids, on the kept group.
  const points: Array<[string, Record<string, unknown>]> = [];
  r.votes.forEach((value, voteId) => {
    const vote = record(value);
    if (vote?.stickyId === from) points.push([voteId, { ...vote, stickyId: into }]);
  });
  for (const [voteId, vote] of points) r.votes.set(voteId, vote);
  // What the room's screen shows.
  const focus = record(r.facilitation.get('focus'));
  if (focus?.kind === 'group' && focus.groupId === from) r.facilitation.set('focus', { ...focus, groupId: into });
  // Groups merged into it before now stand for the kept group too.
  for (const [key, value] of [...r.facilitation.entries()]) {
    const merged = key.startsWith(MERGED_GROUP_PREFIX) ? record(value) : undefined;
    if (merged?.into === from) r.facilitation.set(key, { ...merged, into });
  }
  r.facilitation.set(MERGED_GROUP_PREFIX + from, { into, at: now });
  r.groups.delete(from);
}
