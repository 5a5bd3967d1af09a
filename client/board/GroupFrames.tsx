// Each group drawn around its stickies on the board; dropping a sticky on a frame joins it.
import { memo, useRef } from 'react';
import * as Y from 'yjs';
import { getPrivateStickies, getSticky, isStickyVisibleTo, roots } from '../../shared/session/index.ts';
import type { Group } from '../../shared/session/index.ts';
import { sameValue } from '../hooks/same-value.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { TITLE_TYPE_EM, useLargeType } from './useLargeType.ts';
import { STICKY_HEIGHT, STICKY_WIDTH } from './viewport.ts';

interface Frame {
  readonly id: string;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function framesOf(doc: Y.Doc, privateDoc: Y.Doc | null, groups: readonly Group[], viewerId: string): Frame[] {
  const boxes = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
  // Only grouped stickies matter: skip the others without reading them whole.
  const grouped: string[] = [];
  roots(doc).stickies.forEach((m, id) => {
    if (m instanceof Y.Map && typeof m.get('groupId') === 'string') grouped.push(id);
  });
  const shared = grouped.map((id) => getSticky(doc, id));
  // My private ideas in a group are framed with it, on my board alone.
  const mine = privateDoc ? getPrivateStickies(privateDoc, doc).filter((s) => s.groupId) : [];
  for (const s of [...shared, ...mine]) {
    if (!s?.groupId || !isStickyVisibleTo(s, viewerId)) continue;
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

export const GroupFrames = memo(function GroupFrames({ doc, privateDoc, groups, viewerId, largeType = false }: { doc: Y.Doc; privateDoc: Y.Doc | null; groups: readonly Group[]; viewerId: string; largeType?: boolean }) {
  const r = roots(doc);
  const privateStickies = privateDoc ? roots(privateDoc).stickies : null;
  const frames = useYValue([r.stickies, privateStickies], () => framesOf(doc, privateDoc, groups, viewerId), [doc, privateDoc, groups, viewerId], sameValue, (events) =>
    events.some(
      (e) =>
        e.target === r.stickies ||
        e.target === privateStickies ||
        (e instanceof Y.YMapEvent && e.target instanceof Y.Map && (e.keysChanged.has('groupId') || typeof e.target.get('groupId') === 'string')),
    ),
  );
  return (
    <>
      {frames.map((f) => (
        <div
          key={f.id}
          className="group-frame"
          data-group-drop={f.id}
          style={{ transform: `translate(${f.x}px, ${f.y}px)`, width: f.w, height: f.h }}
        >
          <FrameTitle title={f.title} largeType={largeType} />
        </div>
      ))}
    </>
  );
});

/**
 * A frame's title, on one line. In large type (the room's screen) as large as the band over
 * the frame holds it whole, down to the board's own size; past that it ends in "…" (the
 * screen's list of groups beside the board says it whole).
 */
function FrameTitle({ title, largeType }: { title: string; largeType: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  const em = useLargeType(ref, largeType ? title : null, TITLE_TYPE_EM, null);
  const size = largeType ? (em ?? TITLE_TYPE_EM[TITLE_TYPE_EM.length - 1]) : null;
  return (
    <span ref={ref} className="group-frame-title" style={size === null ? undefined : { fontSize: `${size}em` }}>
      {title}
    </span>
  );
}
