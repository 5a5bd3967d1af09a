// Each group drawn around its stickies on the board; dropping a sticky on a frame joins it.
import { memo } from 'react';
import type * as Y from 'yjs';
import { getStickies, isStickyVisibleTo, roots } from '../../shared/session/index.ts';
import type { Group } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { STICKY_HEIGHT, STICKY_WIDTH } from './viewport.ts';

interface Frame {
  readonly id: string;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function framesOf(doc: Y.Doc, groups: readonly Group[], viewerId: string): Frame[] {
  const boxes = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  for (const s of getStickies(doc)) {
    if (!s.groupId || !isStickyVisibleTo(s, viewerId)) continue;
    const b = boxes.get(s.groupId);
    if (!b) boxes.set(s.groupId, { minX: s.x, minY: s.y, maxX: s.x, maxY: s.y });
    else {
      b.minX = Math.min(b.minX, s.x);
      b.minY = Math.min(b.minY, s.y);
      b.maxX = Math.max(b.maxX, s.x);
      b.maxY = Math.max(b.maxY, s.y);
    }
  }
  const pad = 16;
  return groups.flatMap((g) => {
    const b = boxes.get(g.id);
    return b
      ? [{ id: g.id, title: g.title, x: b.minX - pad, y: b.minY - pad - 28, w: b.maxX - b.minX + STICKY_WIDTH + 2 * pad, h: b.maxY - b.minY + STICKY_HEIGHT + 2 * pad + 28 }]
      : [];
  });
}

export const GroupFrames = memo(function GroupFrames({ doc, groups, viewerId }: { doc: Y.Doc; groups: readonly Group[]; viewerId: string }) {
  const frames = useYValue(roots(doc).stickies, () => framesOf(doc, groups, viewerId), [doc, groups, viewerId]);
  return (
    <>
      {frames.map((f) => (
        <div
          key={f.id}
          className="group-frame"
          data-group-drop={f.id}
          style={{ transform: `translate(${f.x}px, ${f.y}px)`, width: f.w, height: f.h }}
        >
          <span className="group-frame-title">{f.title}</span>
        </div>
      ))}
    </>
  );
});
