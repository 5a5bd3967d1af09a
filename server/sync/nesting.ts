// How deeply an update nests shared types, measured before it touches the document. Yjs
// deletes and collects a type's content recursively, so a tree thousands of levels deep
// overflows the stack of whoever deletes it: the server undoing a refused write, or the
// host clearing his presentation. Documented content nests a few levels (a list in a list
// of the presentation is four); nothing a client sends may nest deeper than MAX_NESTING.
import * as Y from 'yjs';

/** Deepest nesting of shared types a client may write (a root's direct entry is level 1). */
export const MAX_NESTING = 64;

/** One struct of a decoded update (Y.decodeUpdate). */
export type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * The deepest level among the shared types `structs` (a decoded update) would add to
 * `doc`, counting the ancestors they already have in `doc`; 0 when it adds none. An item
 * whose parent is in neither (it would wait for an update not seen yet) counts from level
 * 1. Iterative: the chains it follows may be as long as the update is.
 */
export function deepestNesting(structs: readonly DecodedStruct[], doc: Y.Doc): number {
  // Only a shared type nests: an update of values alone (a sticky moved, text typed, most
  // of what a session sends) deepens nothing, and costs no more than this loop.
  if (!structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentType)) return 0;
  const byClient = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  const total = structs.length;
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  const levels = new Map<Y.Item, number>();
  let deepest = 0;
  for (const list of byClient.values()) {
    for (const item of list) {
      if (!(item.content instanceof Y.ContentType)) continue;
      // Follow the chain of decoded items (by parent, or by neighbour for the parent they
      // share) until one whose level is known or found in the document.
      const chain: { item: Y.Item; step: number }[] = [];
      let at: Y.Item | null = item;
      let base = 0;
      while (at) {
        const known = levels.get(at);
        if (known !== undefined) {
          base = known;
          break;
        }
        const link = linkOf(at);
        if (link.kind === 'root') {
          chain.push({ item: at, step: 1 });
          break;
        }
        chain.push({ item: at, step: link.kind === 'parent' ? 1 : 0 });
        const decoded = findDecoded(byClient, link.id);
        // A made-up update may link items in a circle: Yjs would never integrate them.
        if (decoded && chain.length <= total) {
          at = decoded;
          continue;
        }
        const existing = findInDoc(doc, link.id);
        base = existing ? levelInDoc(existing) : link.kind === 'parent' ? 0 : 1;
        break;
      }
      for (let i = chain.length - 1; i >= 0; i--) {
        base += chain[i]!.step;
        levels.set(chain[i]!.item, base);
      }
      if (base > deepest) deepest = base;
    }
  }
  return deepest;
}

type Link = { kind: 'root' } | { kind: 'parent'; id: Y.ID } | { kind: 'sibling'; id: Y.ID };

/** What places a decoded item: a root, a parent item, or a neighbour sharing its parent. */
function linkOf(item: Y.Item): Link {
  const parent = item.parent as unknown;
  if (typeof parent === 'string') return { kind: 'root' };
  if (parent instanceof Y.ID) return { kind: 'parent', id: parent };
  const neighbour = item.origin ?? item.rightOrigin;
  return neighbour ? { kind: 'sibling', id: neighbour } : { kind: 'root' };
}

function findDecoded(byClient: Map<number, Y.Item[]>, id: Y.ID): Y.Item | null {
  const list = byClient.get(id.client);
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null;
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  return struct instanceof Y.Item ? struct : null;
}

/** The level of an item already in the document (a root's entry is 1). */
function levelInDoc(item: Y.Item): number {
  let level = 0;
  for (let at: Y.Item | null = item; at; at = (at.parent as Y.AbstractType<unknown> | null)?._item ?? null) level += 1;
  return level;
}
