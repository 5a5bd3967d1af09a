// Pan (drag the background, wheel, arrows), zoom (ctrl+wheel, pinch, + and -), and this
// user's pointer published in awareness at most every 50 ms.
import { useEffect } from 'react';
import type { RefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Viewport } from './viewport.ts';

/** `off` while the board shows as a list: the canvas element comes back new. */
export function useViewportGestures(ref: RefObject<HTMLDivElement | null>, viewport: Viewport, awareness: Awareness | null, off = false): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let lastCursor = 0;
    const local = (e: { clientX: number; clientY: number }) => {
      const rect = el.getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };

    const onPointerDown = (e: PointerEvent) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      // React handles events at the root, after this native listener: filter stickies here.
      if (e.target instanceof Element && e.target.closest('[data-sticky-id], button, input, textarea, select')) return;
      pointers.set(e.pointerId, local(e));
      el.setPointerCapture(e.pointerId);
    };
    const onPointerMove = (e: PointerEvent) => {
      const p = local(e);
      if (awareness && e.timeStamp - lastCursor > 50) {
        lastCursor = e.timeStamp;
        awareness.setLocalStateField('boardCursor', viewport.toBoard(p.x, p.y));
      }
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      if (pointers.size === 1) {
        viewport.panBy(p.x - prev.x, p.y - prev.y);
      } else if (pointers.size === 2) {
        const other = [...pointers].find(([id]) => id !== e.pointerId)?.[1];
        if (other) {
          const before = Math.hypot(prev.x - other.x, prev.y - other.y);
          const after = Math.hypot(p.x - other.x, p.y - other.y);
          if (before > 0) viewport.zoomAt(after / before, (p.x + other.x) / 2, (p.y + other.y) / 2);
        }
      }
      pointers.set(e.pointerId, p);
    };
    const onPointerUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
    };
    const onPointerLeave = () => {
      awareness?.setLocalStateField('boardCursor', null);
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = local(e);
      if (e.ctrlKey || e.metaKey) viewport.zoomAt(Math.exp(-e.deltaY / 300), p.x, p.y);
      else viewport.panBy(-e.deltaX, -e.deltaY);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.target !== el) return;
      const pan: Record<string, [number, number]> = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      const move = pan[e.key];
      if (move) viewport.panBy(move[0], move[1]);
      else if (e.key === '+' || e.key === '=') viewport.zoomAt(1.2, el.clientWidth / 2, el.clientHeight / 2);
      else if (e.key === '-') viewport.zoomAt(1 / 1.2, el.clientWidth / 2, el.clientHeight / 2);
      else return;
      e.preventDefault();
    };

    el.addEventListener('pointerdown', onPointerDown);
    el.addEventListener('pointermove', onPointerMove);
    el.addEventListener('pointerup', onPointerUp);
    el.addEventListener('pointercancel', onPointerUp);
    el.addEventListener('pointerleave', onPointerLeave);
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('keydown', onKeyDown);
    return () => {
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointermove', onPointerMove);
      el.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('pointercancel', onPointerUp);
      el.removeEventListener('pointerleave', onPointerLeave);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('keydown', onKeyDown);
      // The board goes away (another phase): no pointerleave comes, so others would keep
      // seeing a frozen cursor.
      awareness?.setLocalStateField('boardCursor', null);
    };
  }, [ref, viewport, awareness, off]);
}
