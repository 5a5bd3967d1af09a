// The room's screen is read from the back of the room: each idea's text is set as large as
// its sticky holds it, whole, as Miro and FigJam size a sticky's type to its text. The sizes
// are tried from the largest down, in the page itself (the browser's own line breaks, the
// room's fonts), until the text fits its box without a word cut; a text that fits none keeps
// the board's usual sizes (StickyCard's textFit: smaller, in more lines, "…" past them).
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * From the largest down, in em of the board's 16 px type: below 1, a long idea stays whole
 * in more lines (the board's own smaller sizes cut it after four to six, with "…").
 */
export const LARGE_TYPE_EM = [2.25, 2, 1.75, 1.5, 1.3125, 1.125, 1, 0.875, 0.75] as const;

/** A group's title over its frame, in the band the frame keeps for it (28 board units). */
export const TITLE_TYPE_EM = [1.5, 1.375, 1.25, 1.125, 1] as const;

/** The class a text takes while it is tried, and keeps once a size fits (board.css). */
export const LARGE_TYPE_CLASS = 'large-type';

function fits(el: HTMLElement): boolean {
  return el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;
}

/**
 * The largest of `sizes` at which `el`'s text fits its box whole, or null for none; tried
 * with `className` on (the layout of large type), and the element left as it was.
 */
function largestFit(el: HTMLElement, sizes: readonly number[] = LARGE_TYPE_EM, className: string | null = LARGE_TYPE_CLASS): number | null {
  const classes = el.className;
  const fontSize = el.style.fontSize;
  if (className && !el.classList.contains(className)) el.classList.add(className);
  for (const em of sizes) {
    el.style.fontSize = `${em}em`;
    if (fits(el)) {
      el.className = classes;
      el.style.fontSize = fontSize;
      return em;
    }
  }
  el.className = classes;
  el.style.fontSize = fontSize;
  return null;
}

/**
 * The size, in em, at which the text in `ref` fits its sticky whole, measured again when the
 * text or its box changes (a vote count or a tag takes a row of the sticky's foot); null when
 * `text` is null (large type off, or the sticky is being edited) or no size fits.
 */
export function useLargeType(
  ref: RefObject<HTMLElement | null>,
  text: string | null,
  sizes: readonly number[] = LARGE_TYPE_EM,
  className: string | null = LARGE_TYPE_CLASS,
): number | null {
  const [em, setEm] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (text === null || !el) {
      setEm(null);
      return;
    }
    const measure = (): void => setEm(largestFit(el, sizes, className));
    measure();
    // The box is measured as the large type lays it out (flex: the sticky's height less its
    // foot): it changes with the foot, never with the size tried.
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, text, sizes, className]);
  return em;
}
