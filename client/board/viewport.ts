// Pan and zoom of the board: one CSS transform on one layer, written straight to the DOM
// (never through React state), so panning a board of 1,000 stickies re-renders nothing.
import { cornersOf, roomScreenBoard } from '../../shared/session/layout.ts';

export const STICKY_WIDTH = 176;
export const STICKY_HEIGHT = 140;
const MIN_SCALE = 0.2;
const MAX_SCALE = 2.5;
/** The room a fitted view leaves around the content, in pixels. */
const FIT_MARGIN = 24;
/** Below this scale a 36 px button is drawn under 24 px. */
const ZOOMED_OUT = 2 / 3;

/** A rectangle of the board: the top-left corners of the stickies it holds. */
export interface FitBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** The room's screen zooms out as far as it takes to show every idea (a device stops at MIN_SCALE and pans), and in to twice the board's size. */
export const SCREEN_MIN_SCALE = 0.02;
export const SCREEN_MAX_SCALE = 2;

/** What a fit shows of these ideas (their top-left corners), with room above for the group frames' titles; null for none. */
export function contentBox(stickies: Iterable<{ x: number; y: number }>): FitBox | null {
  const corners = cornersOf(stickies);
  return corners && { ...corners, minX: corners.minX - 24, minY: corners.minY - 48 };
}

/** The zoom at which the room's screen (as a leader's device pictures it, not seeing it: its board on a 1280×720 projector, narrower `withGroups`) shows all these ideas, as `Board` fits it there. */
export function roomScreenScale(stickies: Iterable<{ x: number; y: number }>, withGroups: boolean): number {
  const screen = roomScreenBoard(withGroups);
  return Viewport.fitScale(contentBox(stickies), screen.width, screen.height, SCREEN_MAX_SCALE, SCREEN_MIN_SCALE);
}

export class Viewport {
  x = 0;
  y = 0;
  scale = 1;
  /**
   * The person moved the view (pan, zoom) since it was last fitted to the content: until
   * then it follows the content (Board.tsx), after that it stays where he put it.
   */
  moved = false;
  #layer: HTMLElement | null = null;
  #frame = 0;
  readonly #listeners = new Set<() => void>();

  attach(layer: HTMLElement | null): void {
    this.#layer = layer;
    this.#apply();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether every sticky (its top-left corner in board coordinates) lies whole in a viewport of width x height pixels. */
  shows(stickies: Iterable<{ x: number; y: number }>, width: number, height: number): boolean {
    const from = this.toBoard(0, 0);
    const to = this.toBoard(width, height);
    for (const s of stickies) {
      if (s.x < from.x || s.y < from.y || s.x + STICKY_WIDTH > to.x || s.y + STICKY_HEIGHT > to.y) return false;
    }
    return true;
  }

  /** Board coordinates of a point given in the viewport's own pixels. */
  toBoard(px: number, py: number): { x: number; y: number } {
    return { x: (px - this.x) / this.scale, y: (py - this.y) / this.scale };
  }

  panBy(dx: number, dy: number): void {
    this.moved = true;
    this.x += dx;
    this.y += dy;
    this.#schedule();
  }

  /** Zoom by `factor` keeping the point (px, py) of the viewport where it is. */
  zoomAt(factor: number, px: number, py: number): void {
    this.moved = true;
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
    const k = next / this.scale;
    this.x = px - (px - this.x) * k;
    this.y = py - (py - this.y) * k;
    this.scale = next;
    this.#schedule();
  }

  /**
   * Show the whole rectangle (board coordinates) in a viewport of width x height pixels.
   * `minScale`: how far it may zoom out for that (a device's view stops at MIN_SCALE, past
   * which it pans; the room's screen shows every idea, however far apart).
   */
  fit(box: FitBox | null, width: number, height: number, maxScale = 1, minScale = MIN_SCALE): void {
    this.moved = false;
    if (!box) {
      this.x = 0;
      this.y = 0;
      this.scale = 1;
    } else {
      const w = box.maxX - box.minX + STICKY_WIDTH;
      const h = box.maxY - box.minY + STICKY_HEIGHT;
      this.scale = Viewport.fitScale(box, width, height, maxScale, minScale);
      const margin = FIT_MARGIN;
      this.x = margin - box.minX * this.scale + Math.max(0, (width - 2 * margin - w * this.scale) / 2);
      // Centred vertically too when zoomed past 1 (the room's screen).
      this.y = margin - box.minY * this.scale + (maxScale > 1 ? Math.max(0, (height - 2 * margin - h * this.scale) / 2) : 0);
    }
    this.#schedule();
  }

  /** The scale `fit` would give the rectangle: a view that follows the content zooms back in when it is well above its own. */
  static fitScale(box: FitBox | null, width: number, height: number, maxScale = 1, minScale = MIN_SCALE): number {
    if (!box) return 1;
    const w = box.maxX - box.minX + STICKY_WIDTH;
    const h = box.maxY - box.minY + STICKY_HEIGHT;
    return Math.min(maxScale, MAX_SCALE, Math.max(minScale, Math.min((width - 2 * FIT_MARGIN) / w, (height - 2 * FIT_MARGIN) / h)));
  }

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#apply();
      for (const listener of this.#listeners) listener();
    });
  }

  #apply(): void {
    if (!this.#layer) return;
    this.#layer.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
    // Zoomed out, an idea's buttons are drawn too small for a finger (board.css): a touch
    // there takes the idea itself, to move it, rather than whichever button lies nearest.
    this.#layer.classList.toggle('zoomed-out', this.scale < ZOOMED_OUT);
  }
}
