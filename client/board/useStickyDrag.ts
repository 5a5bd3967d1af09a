// Dragging one sticky: its own state moves at pointer speed; the position goes to Yjs once
// per animation frame. On release over a group (its frame on the board, or the list of
// groups) it joins it and takes a slot in the frame; released on the open board it leaves
// its group; released on other stickies it slides to the nearest free place. While it moves,
// this device's awareness says so (`dragging`), so that its author's device does not move it
// away from under the pointer (useSettleOwnStickies).
import { useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { dropSticky, groupSticky, moveSticky } from '../../shared/session/index.ts';
import type { Viewport } from './viewport.ts';

interface DragState {
  pointerId: number;
  startX: number;
  startY: number;
  originX: number;
  originY: number;
  moved: boolean;
}

/** `doc` holds the sticky; `around` is the board's other document (board-layout.ts). */
export function useStickyDrag(
  doc: Y.Doc,
  id: string,
  viewport: Viewport,
  dragging: Set<string>,
  origin: { x: number; y: number; groupId: string | null },
  enabled: boolean,
  canGroup: boolean,
  around: Y.Doc | null = null,
  awareness: Awareness | null = null,
) {
  const drag = useRef<DragState | null>(null);
  const pending = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);

  const flush = () => {
    frame.current = 0;
    const p = pending.current;
    if (p) moveSticky(doc, id, Math.round(p.x), Math.round(p.y));
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>) => {
    if (!enabled || e.button !== 0) return;
    const target = e.target as HTMLElement;
    if (target.closest('button, textarea, input, select')) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, originX: origin.x, originY: origin.y, moved: false };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = (e.clientX - d.startX) / viewport.scale;
    const dy = (e.clientY - d.startY) / viewport.scale;
    if (!d.moved && Math.hypot(dx, dy) * viewport.scale < 4) return;
    if (!d.moved) awareness?.setLocalStateField('dragging', id);
    d.moved = true;
    dragging.add(id);
    const next = { x: d.originX + dx, y: d.originY + dy };
    pending.current = next;
    setPos(next);
    if (!frame.current) frame.current = requestAnimationFrame(flush);
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    if (!d.moved) return;
    dragging.delete(id);
    if (frame.current) cancelAnimationFrame(frame.current);
    // The last position goes to the document first (as every frame's did), then the drop rules adjust it.
    flush();
    const at = pending.current ?? { x: d.originX, y: d.originY };
    pending.current = null;
    const drop = document
      .elementsFromPoint(e.clientX, e.clientY)
      .find((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.groupDrop !== undefined);
    const target = drop ? drop.dataset.groupDrop || null : undefined;
    const rounded = { x: Math.round(at.x), y: Math.round(at.y) };
    if (canGroup && drop && !drop.closest('.board-viewport')) {
      // Dropped on the list of groups beside the board: it joins the group where it was.
      groupSticky(doc, id, target ?? null, { x: d.originX, y: d.originY }, around);
    } else if (canGroup && target !== undefined && target !== origin.groupId) {
      groupSticky(doc, id, target, rounded, around);
    } else if (canGroup && target === undefined && origin.groupId !== null) {
      groupSticky(doc, id, null, rounded, around);
    } else {
      dropSticky(doc, id, rounded, around);
    }
    awareness?.setLocalStateField('dragging', null);
    setPos(null);
  };

  return { pos, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp } };
}
