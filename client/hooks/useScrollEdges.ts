// A row that scrolls sideways on a phone (the review buttons, the steps, a wide table) says
// that it holds more than it shows: the element gets `data-more-before` / `data-more-after`
// while content lies past its start / end edge, and CSS fades that edge (base.css). A row
// that fits gets neither.
import { useCallback, useEffect, useRef } from 'react';

/** Half a pixel of slack: a row scrolled to its end may stop a fraction short of it. */
const SLACK = 0.5;

function mark(el: HTMLElement): void {
  const before = el.scrollLeft > SLACK;
  const after = el.scrollLeft + el.clientWidth < el.scrollWidth - SLACK;
  el.toggleAttribute('data-more-before', before);
  el.toggleAttribute('data-more-after', after);
}

/** A ref for the scrolling element; it is marked on scroll, on resize and as its content changes. */
export function useScrollEdges<E extends HTMLElement>(): (el: E | null) => void {
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);
  return useCallback((el: E | null) => {
    cleanup.current?.();
    cleanup.current = null;
    if (!el) return;
    const update = () => mark(el);
    update();
    el.addEventListener('scroll', update, { passive: true });
    // Its own size (the screen turned, the font grew) and its content's (a button added).
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const content = new MutationObserver(update);
    content.observe(el, { childList: true, subtree: true, characterData: true });
    cleanup.current = () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
      content.disconnect();
    };
  }, []);
}
