// The room's screen shows a phase whole: a Synthèse of five long actions and the host's
// decision ran past the bottom of a 1280×720 screen, its last lines never seen. As
// presentation software shrinks a text box's type on overflow, the phase's type steps down
// until its content fits the height it has, and back up when there is room again.
import { useLayoutEffect, type RefObject } from 'react';

/** The type's sizes tried, from the screen's own down (times the element's type). */
const FIT_STEPS: readonly number[] = [1, 0.92, 0.85, 0.78, 0.72, 0.66];

/**
 * Sets `--fit` on `ref`'s element to the largest of `steps` at which its parent holds it
 * without overflowing, measured again whenever either changes size (what it shows, the
 * window). The element's CSS scales its type by it: `font-size: calc(var(--fit, 1) * …)`.
 */
export function useFitToHeight(ref: RefObject<HTMLElement | null>, steps: readonly number[] = FIT_STEPS): void {
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    const fit = (): void => {
      for (const step of steps) {
        el.style.setProperty('--fit', String(step));
        if (box.scrollHeight <= box.clientHeight + 1) return;
      }
    };
    fit();
    // Each fit starts from the largest step: the same content and room give the same size,
    // so the change it makes is observed once, and the next fit keeps it.
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    observer.observe(box);
    return () => observer.disconnect();
  }, [ref, steps]);
}
