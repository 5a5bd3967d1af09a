// Two phones adding an idea at the same moment can choose the same free place before
// either hears of the other. When the board changes from elsewhere, this device moves its
// own ideas that lie on an earlier one (or, ungrouped, on a group's frame) to the nearest
// free place; the earlier idea stays, so the repair converges. Its own ideas are those of
// the session document and those of its private document (each moved where it lives).
// An idea someone else is dragging (their awareness says `dragging`) is left alone until
// they let go, and what it passes over stays put: moving either would pull the board from
// under their pointer.
import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { dropSticky, getPrivateStickies, getStickies, misplacedStickies, roots } from '../../shared/session/index.ts';

/** The window event sent after each check, with `{ moved }` in its detail. */
export const SETTLE_CHECKED = 'entraide:settle-checked';

/** The ideas other devices are dragging now, from their awareness states. */
export function draggedElsewhere(awareness: Awareness | null): Set<string> {
  const out = new Set<string>();
  if (!awareness) return out;
  for (const [clientId, state] of awareness.getStates()) {
    const id: unknown = (state as Record<string, unknown>).dragging;
    if (clientId !== awareness.clientID && typeof id === 'string') out.add(id);
  }
  return out;
}

export function useSettleOwnStickies(
  doc: Y.Doc,
  privateDoc: Y.Doc | null,
  meId: string,
  dragging: ReadonlySet<string>,
  enabled: boolean,
  awareness: Awareness | null = null,
): void {
  useEffect(() => {
    if (!enabled) return;
    const sources = [roots(doc).stickies, ...(privateDoc ? [roots(privateDoc).stickies] : [])];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      timer = null;
      const shared = getStickies(doc);
      const mineInPrivate = privateDoc ? getPrivateStickies(privateDoc, doc) : [];
      const privateIds = new Set(mineInPrivate.map((s) => s.id));
      // An idea in someone's hand is neither moved nor an obstacle until it is let go.
      const held = draggedElsewhere(awareness);
      const all = [...shared, ...mineInPrivate].filter((s) => !held.has(s.id));
      const mine = new Set(all.filter((s) => s.authorId === meId && !dragging.has(s.id)).map((s) => s.id));
      const misplaced = mine.size === 0 ? [] : misplacedStickies(all, mine);
      // Each check is told (how many ideas it moved), for tests and tools watching the board.
      window.dispatchEvent(new CustomEvent(SETTLE_CHECKED, { detail: { moved: misplaced.length } }));
      for (const id of misplaced) {
        const s = all.find((x) => x.id === id);
        if (!s) continue;
        if (privateDoc && privateIds.has(id)) dropSticky(privateDoc, id, { x: s.x, y: s.y }, doc);
        else dropSticky(doc, id, { x: s.x, y: s.y }, privateDoc);
      }
    };
    const onChange = (_events: unknown, transaction: Y.Transaction) => {
      // Only what came from elsewhere: this device's own writes already found free places.
      if (transaction.local || timer) return;
      timer = setTimeout(check, 50);
    };
    // Someone let go of an idea: it may now lie where it needs moving.
    let dragged = draggedElsewhere(awareness);
    const onAwareness = () => {
      const now = draggedElsewhere(awareness);
      const released = [...dragged].some((id) => !now.has(id));
      dragged = now;
      if (released && !timer) timer = setTimeout(check, 50);
    };
    for (const stickies of sources) stickies.observeDeep(onChange);
    awareness?.on('change', onAwareness);
    check();
    return () => {
      for (const stickies of sources) stickies.unobserveDeep(onChange);
      awareness?.off('change', onAwareness);
      if (timer) clearTimeout(timer);
    };
  }, [doc, privateDoc, meId, dragging, enabled, awareness]);
}
