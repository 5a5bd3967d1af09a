// Two phones adding an idea at the same moment can choose the same free place before
// either hears of the other. When the board changes from elsewhere, this device moves its
// own ideas that lie on an earlier one (or, ungrouped, on a group's frame) to the nearest
// free place; the earlier idea stays, so the repair converges. Its own ideas are those of
// the session document and those of its private document (each moved where it lives).
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { dropSticky, getPrivateStickies, getStickies, misplacedStickies, roots } from '../../shared/session/index.ts';

export function useSettleOwnStickies(doc: Y.Doc, privateDoc: Y.Doc | null, meId: string, dragging: ReadonlySet<string>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const sources = [roots(doc).stickies, ...(privateDoc ? [roots(privateDoc).stickies] : [])];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      timer = null;
      const shared = getStickies(doc);
      const mineInPrivate = privateDoc ? getPrivateStickies(privateDoc, doc) : [];
      const privateIds = new Set(mineInPrivate.map((s) => s.id));
      const all = [...shared, ...mineInPrivate];
      const mine = new Set(all.filter((s) => s.authorId === meId && !dragging.has(s.id)).map((s) => s.id));
      if (mine.size === 0) return;
      for (const id of misplacedStickies(all, mine)) {
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
    for (const stickies of sources) stickies.observeDeep(onChange);
    check();
    return () => {
      for (const stickies of sources) stickies.unobserveDeep(onChange);
      if (timer) clearTimeout(timer);
    };
  }, [doc, privateDoc, meId, dragging, enabled]);
}
