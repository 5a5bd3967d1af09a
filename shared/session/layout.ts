// Where stickies go on the board: pure geometry, no Yjs. A new sticky lands in free space
// near where its author looks; a sticky joining a group takes a slot in the group's frame,
// and whatever the grown frame would cover moves out of its way; "tidy" lays the whole
// board out as shelves of groups with the ungrouped ideas in rows below.
// Positions are the top-left corners of stickies, in board coordinates.

export const STICKY_W = 176;
export const STICKY_H = 140;
/** Space kept between two stickies, or a sticky and a frame. */
export const GAP = 16;
/** A group frame: padding around its stickies, plus a band on top for its title. */
export const FRAME_PAD = 16;
export const FRAME_TITLE = 28;
/** Stickies per row inside a group frame. */
export const GROUP_COLUMNS = 2;

/**
 * The room's screen's board, in pixels: what a 1280×720 projector keeps for it under the
 * screen's bar and above its foot (measured: 1239×574). The tidy and the reveal's grid lay the
 * board out for this shape, about 2.16 wide for 1 tall: laid for 16:9, a tidied board of
 * thirty ideas left a third of the screen's width empty and its words a fifth smaller.
 */
export const ROOM_SCREEN_BOARD = { width: 1240, height: 574 } as const;

/**
 * The room's screen's board once the board has groups: their list takes a column beside it
 * (240 px and a gap), and the board is 987 px wide. Laid out for the whole width, a tidied
 * board with two groups showed 18 of its 24 ideas under 12 px, a third of its height empty.
 */
export function roomScreenBoard(withGroups: boolean): { readonly width: number; readonly height: number } {
  return withGroups ? { width: ROOM_SCREEN_BOARD.width - 253, height: ROOM_SCREEN_BOARD.height } : ROOM_SCREEN_BOARD;
}

/** How large a board `w` by `h` (board units) shows on the room's screen, up to a factor. */
function onRoomScreen(w: number, h: number, withGroups: boolean): number {
  const screen = roomScreenBoard(withGroups);
  return Math.min(screen.width / Math.max(w, 1), screen.height / Math.max(h, 1));
}

const CELL_W = STICKY_W + GAP;
const CELL_H = STICKY_H + GAP;
const SEARCH_STEP = 24;
const SEARCH_RINGS = 400;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** What layout needs of a sticky. */
export interface PlacedSticky {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly groupId: string | null;
  readonly createdAt: number;
}

export type Moves = Map<string, Point>;

export function stickyRect(p: Point): Rect {
  return { x: p.x, y: p.y, w: STICKY_W, h: STICKY_H };
}

/** Do two rectangles overlap, or come closer than `gap`? */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** The smallest and largest x and y of these points (stickies' top-left corners); null for none. */
export function cornersOf(points: Iterable<Point>): { minX: number; minY: number; maxX: number; maxY: number } | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

/** The frame drawn around a group's stickies (null for a group without any). */
export function frameAround(members: readonly Point[]): Rect | null {
  const corners = cornersOf(members);
  if (!corners) return null;
  const { minX, minY, maxX, maxY } = corners;
  return {
    x: minX - FRAME_PAD,
    y: minY - FRAME_PAD - FRAME_TITLE,
    w: maxX - minX + STICKY_W + 2 * FRAME_PAD,
    h: maxY - minY + STICKY_H + 2 * FRAME_PAD + FRAME_TITLE,
  };
}

/** Every group's frame, by group id. */
export function groupFrames(stickies: readonly PlacedSticky[]): Map<string, Rect> {
  const byGroup = new Map<string, PlacedSticky[]>();
  for (const s of stickies) if (s.groupId !== null) byGroup.set(s.groupId, [...(byGroup.get(s.groupId) ?? []), s]);
  const frames = new Map<string, Rect>();
  for (const [id, members] of byGroup) {
    const f = frameAround(members);
    if (f) frames.set(id, f);
  }
  return frames;
}

/**
 * The free top-left corner nearest to `near` for a box of `size`, keeping `gap` from every
 * obstacle. Searches squares of growing radius on a 24 px grid; the first free point of
 * the nearest ring wins (nearest by distance within it, ties in a fixed order).
 */
export function findFreeSpot(obstacles: readonly Rect[], near: Point, size: { w: number; h: number } = { w: STICKY_W, h: STICKY_H }, gap = GAP): Point {
  const free = (p: Point) => !obstacles.some((o) => overlaps({ x: p.x, y: p.y, w: size.w, h: size.h }, o, gap));
  const start = { x: Math.round(near.x), y: Math.round(near.y) };
  if (free(start)) return start;
  for (let r = 1; r <= SEARCH_RINGS; r++) {
    const ring: Point[] = [];
    for (let i = -r; i <= r; i++) {
      ring.push({ x: start.x + i * SEARCH_STEP, y: start.y - r * SEARCH_STEP });
      ring.push({ x: start.x + i * SEARCH_STEP, y: start.y + r * SEARCH_STEP });
      if (i !== -r && i !== r) {
        ring.push({ x: start.x - r * SEARCH_STEP, y: start.y + i * SEARCH_STEP });
        ring.push({ x: start.x + r * SEARCH_STEP, y: start.y + i * SEARCH_STEP });
      }
    }
    ring.sort((a, b) => dist2(a, start) - dist2(b, start) || a.y - b.y || a.x - b.x);
    const found = ring.find(free);
    if (found) return found;
  }
  // A board so full that nothing is free within ~10,000 px: go below everything.
  const bottom = obstacles.reduce((m, o) => Math.max(m, o.y + o.h), start.y);
  return { x: start.x, y: bottom + gap };
}

/** Where a new sticky goes: free space near `near` (the top-left its author aims at). */
export function placeNewSticky(stickies: readonly PlacedSticky[], near: Point): Point {
  const ungrouped = stickies.filter((s) => s.groupId === null).map(stickyRect);
  return findFreeSpot([...ungrouped, ...groupFrames(stickies).values()], near);
}

/**
 * A group's grid: two columns (GROUP_COLUMNS) of slots a cell apart, on the lattice of the
 * group's earliest idea (its anchor: every device names the same one), from the top-left of
 * the members on that lattice. Ideas put into one group by several phones at once each land
 * where their phone saw the group; the grid is where they all go (misplacedStickies).
 */
export function groupGrid(members: readonly PlacedSticky[]): Point | null {
  if (members.length === 0) return null;
  const anchor = members.reduce((a, b) => (b.createdAt < a.createdAt || (b.createdAt === a.createdAt && b.id < a.id) ? b : a));
  const onLattice = members.filter((m) => onGrid(m, anchor));
  return { x: Math.min(...onLattice.map((m) => m.x)), y: Math.min(...onLattice.map((m) => m.y)) };
}

/** Whether `p` lies on the lattice of cells through `origin`. */
function onGrid(p: Point, origin: Point): boolean {
  return mod(p.x - origin.x, CELL_W) === 0 && mod(p.y - origin.y, CELL_H) === 0;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * Whether a member of a group of `count` lies in its grid (`origin`, groupGrid): on a slot,
 * in one of its two columns, no further down than `count` rows.
 */
function inGrid(p: Point, origin: Point, count: number): boolean {
  if (!onGrid(p, origin)) return false;
  const column = (p.x - origin.x) / CELL_W;
  const row = (p.y - origin.y) / CELL_H;
  return column >= 0 && column < GROUP_COLUMNS && row >= 0 && row < count;
}

/**
 * Moves that put `stickyId` into group `groupId`: a free slot of the group's grid near
 * `near` (its frame grows by at most one row), or, for a group without stickies yet, a
 * free place on the board near `near`. Then everything the grown frame covers moves
 * away (see settle). Also right for a sticky already in the group: it takes the free
 * slot nearest to where it was dropped.
 */
export function placeInGroup(stickies: readonly PlacedSticky[], stickyId: string, groupId: string, near: Point): Moves {
  const others = stickies.filter((s) => s.id !== stickyId);
  const members = others.filter((s) => s.groupId === groupId);
  let slot: Point;
  if (members.length === 0) {
    const obstacles = [...others.filter((s) => s.groupId === null).map(stickyRect), ...groupFrames(others).values()];
    const size = { w: STICKY_W + 2 * FRAME_PAD, h: STICKY_H + 2 * FRAME_PAD + FRAME_TITLE };
    const spot = findFreeSpot(obstacles, { x: near.x - FRAME_PAD, y: near.y - FRAME_PAD - FRAME_TITLE }, size);
    slot = { x: spot.x + FRAME_PAD, y: spot.y + FRAME_PAD + FRAME_TITLE };
  } else {
    const origin = groupGrid(members) as Point;
    const candidates: Point[] = [];
    // The grid's slots, one row past its members; further down while none is free. A member
    // off the grid (ideas put in the group by several phones at once, before the repair)
    // covers up to four slots: with fifteen phones grouping, every slot of those rows could be
    // covered, and the search found none ("Reduce of empty array", the phone's page broken).
    // Among 4 × members + 1 slots one is free.
    for (let k = 0; k < 4 * members.length + GROUP_COLUMNS && (k < members.length + GROUP_COLUMNS || candidates.length === 0); k++) {
      const p = { x: origin.x + (k % GROUP_COLUMNS) * CELL_W, y: origin.y + Math.floor(k / GROUP_COLUMNS) * CELL_H };
      if (!members.some((m) => overlaps(stickyRect(m), stickyRect(p)))) candidates.push(p);
    }
    slot = candidates.reduce((best, p) => (dist2(p, near) < dist2(best, near) ? p : best), candidates[0] as Point);
  }
  const next = stickies.map((s) => (s.id === stickyId ? { ...s, x: slot.x, y: slot.y, groupId } : s));
  const moves: Moves = new Map([[stickyId, slot]]);
  for (const [id, p] of settle(next, groupId)) moves.set(id, p);
  return moves;
}

/**
 * Moves that lay `ids` (members of `groupId`, in the order given) into the group's grid, two
 * columns wide, row by row: each takes the first slot no other member takes, from the
 * group's top-left (its other members', else the first of `ids`'s). The other members stay;
 * the frame grows by the rows it takes; nothing outside the group moves (settle does that).
 * At the reveal: written apart, two authors' ideas in one group lay in the same slot, one
 * hiding the other, or far apart under one frame.
 */
export function unstackInGroup(stickies: readonly PlacedSticky[], groupId: string, ids: readonly string[]): Moves {
  const moves: Moves = new Map();
  const moving = new Set(ids);
  const members = stickies.filter((s) => s.groupId === groupId);
  const kept = members.filter((m) => !moving.has(m.id));
  const incoming = ids.map((id) => members.find((m) => m.id === id)).filter((m): m is PlacedSticky => m !== undefined);
  if (incoming.length === 0) return moves;
  const origin = groupGrid(kept.length > 0 ? kept : [incoming[0] as PlacedSticky]) as Point;
  const taken: Rect[] = kept.map(stickyRect);
  let k = 0;
  for (const me of incoming) {
    let slot: Point;
    // Ends: each slot tried is either free or taken by one of finitely many members.
    for (;;) {
      const p = { x: origin.x + (k % GROUP_COLUMNS) * CELL_W, y: origin.y + Math.floor(k / GROUP_COLUMNS) * CELL_H };
      k++;
      if (!taken.some((r) => overlaps(stickyRect(p), r))) {
        slot = p;
        break;
      }
    }
    taken.push(stickyRect(slot));
    if (slot.x !== me.x || slot.y !== me.y) moves.set(me.id, slot);
  }
  return moves;
}

/**
 * Make frames and ungrouped stickies stop overlapping. Each group (with its stickies) and
 * each ungrouped sticky is one block; `first` (a group id) keeps its place, then blocks
 * are taken in creation order: one that overlaps a block already placed moves, whole, to
 * the nearest free place. Returns the moves of the stickies that moved.
 */
export function settle(stickies: readonly PlacedSticky[], first: string | null = null): Moves {
  interface Block { readonly key: string; readonly members: PlacedSticky[]; readonly createdAt: number }
  const blocks = new Map<string, Block>();
  for (const s of stickies) {
    const key = s.groupId === null ? `s:${s.id}` : `g:${s.groupId}`;
    const b = blocks.get(key);
    if (b) b.members.push(s);
    else blocks.set(key, { key, members: [s], createdAt: s.createdAt });
  }
  const order = [...blocks.values()].sort((a, b) => {
    const fa = a.key === `g:${first}` ? 0 : 1;
    const fb = b.key === `g:${first}` ? 0 : 1;
    return fa - fb || a.createdAt - b.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  const placed: Rect[] = [];
  const moves: Moves = new Map();
  for (const block of order) {
    const rect = block.key.startsWith('g:') ? (frameAround(block.members) as Rect) : stickyRect(block.members[0] as PlacedSticky);
    if (!placed.some((p) => overlaps(rect, p, GAP))) {
      placed.push(rect);
      continue;
    }
    const spot = findFreeSpot(placed, rect, rect);
    const dx = spot.x - rect.x;
    const dy = spot.y - rect.y;
    for (const m of block.members) moves.set(m.id, { x: m.x + dx, y: m.y + dy });
    placed.push({ ...rect, x: spot.x, y: spot.y });
  }
  return moves;
}

/**
 * Which of `mine` (ids) lie on an idea created before them, (ungrouped) on a group's frame,
 * or (grouped) out of their group's grid (groupGrid): two phones adding at the same moment
 * can pick the same free place before either hears of the other, and two phones putting
 * ideas into a group that is empty on both each start it where they see fit, which drew one
 * frame around both, across the board. Only the later of two moves; an idea out of the grid
 * moves onto a slot of it, on the lattice of the group's earliest idea, which no move leaves,
 * from a corner no move lowers; and only by its author's device: the repair converges.
 */
export function misplacedStickies(stickies: readonly PlacedSticky[], mine: ReadonlySet<string>): string[] {
  const earlier = (a: PlacedSticky, b: PlacedSticky) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
  const frames = groupFrames(stickies);
  const grids = new Map<string, { origin: Point; count: number }>();
  const gridOf = (groupId: string) => {
    let grid = grids.get(groupId);
    if (!grid) {
      const members = stickies.filter((s) => s.groupId === groupId);
      grid = { origin: groupGrid(members) as Point, count: members.length };
      grids.set(groupId, grid);
    }
    return grid;
  };
  return stickies
    .filter((s) => mine.has(s.id))
    .filter((s) => {
      if (stickies.some((o) => o.id !== s.id && earlier(o, s) && overlaps(stickyRect(o), stickyRect(s)))) return true;
      if (s.groupId === null) return [...frames.values()].some((f) => overlaps(stickyRect(s), f));
      const grid = gridOf(s.groupId);
      return !inGrid(s, grid.origin, grid.count);
    })
    .map((s) => s.id);
}

export interface TidyInput {
  readonly stickies: readonly PlacedSticky[];
  /** Groups in their display order (creation order). */
  readonly groupIds: readonly string[];
  /** Counted votes by sticky id. */
  readonly votes: Readonly<Record<string, number>>;
  /** Sort by votes (after voting has begun); otherwise by creation. */
  readonly byVotes: boolean;
  /** Top-left of the tidied board. */
  readonly origin?: Point;
}

/**
 * The tidy layout: each group a block of its ideas in the group's grid (two columns, as an
 * idea joining a group takes its slot: placeInGroup), groups side by side in shelves (groups
 * with most votes first when sorting by votes), the ungrouped ideas in rows below. How many
 * groups a shelf holds, and how long the rows are, make the whole board the largest on the
 * room's screen (ROOM_SCREEN_BOARD), which shows all of it at once. Every sticky gets a position;
 * nothing overlaps.
 */
export function tidyLayout({ stickies, groupIds, votes, byVotes, origin = { x: 0, y: 0 } }: TidyInput): Moves {
  const v = (s: PlacedSticky) => votes[s.id] ?? 0;
  const order = (a: PlacedSticky, b: PlacedSticky) =>
    (byVotes ? v(b) - v(a) : 0) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const blocks = groupIds
    .map((id, i) => ({ id, i, members: stickies.filter((s) => s.groupId === id).sort(order) }))
    .filter((c) => c.members.length > 0);
  if (byVotes) {
    const total = (c: (typeof blocks)[number]) => c.members.reduce((n, s) => n + v(s), 0);
    blocks.sort((a, b) => total(b) - total(a) || a.i - b.i);
  }
  const known = new Set(groupIds);
  const loose = stickies.filter((s) => s.groupId === null || !known.has(s.groupId)).sort(order);
  const sizes = blocks.map((b) => groupBlockSize(b.members.length));
  // Fewer shelves first: a shelf more must make the board larger on the screen to be chosen.
  let best = { perShelf: Math.max(1, blocks.length), scale: 0 };
  for (let perShelf = Math.max(1, blocks.length); perShelf >= 1; perShelf--) {
    const { w, h } = shelvesSize(sizes, perShelf);
    const top = blocks.length > 0 ? h + 2 * GAP : 0;
    const perRow = rowLength(loose.length, w, top, FRAME_PAD, groupIds.length > 0);
    const rows = Math.ceil(loose.length / perRow);
    const width = Math.max(w, loose.length > 0 ? FRAME_PAD + Math.min(perRow, loose.length) * CELL_W - GAP : 0);
    const height = top + rows * CELL_H;
    const scale = onRoomScreen(width, height, groupIds.length > 0);
    if (scale > best.scale) best = { perShelf, scale };
  }
  const moves: Moves = new Map();
  let shelfTop = origin.y;
  let bottom = origin.y;
  for (let first = 0; first < blocks.length; first += best.perShelf) {
    const shelf = blocks.slice(first, first + best.perShelf);
    let x = origin.x;
    let shelfH = 0;
    shelf.forEach((block, k) => {
      const size = sizes[first + k] as { w: number; h: number };
      block.members.forEach((s, j) => {
        moves.set(s.id, {
          x: x + FRAME_PAD + (j % GROUP_COLUMNS) * CELL_W,
          y: shelfTop + FRAME_TITLE + FRAME_PAD + Math.floor(j / GROUP_COLUMNS) * CELL_H,
        });
      });
      x += size.w + GAP;
      shelfH = Math.max(shelfH, size.h);
    });
    bottom = shelfTop + shelfH;
    shelfTop = bottom + 2 * GAP;
  }
  const { w: shelvesW } = shelvesSize(sizes, best.perShelf);
  const top = blocks.length > 0 ? bottom + 2 * GAP : origin.y;
  const perRow = rowLength(loose.length, shelvesW, top - origin.y, FRAME_PAD, groupIds.length > 0);
  loose.forEach((s, i) => {
    moves.set(s.id, { x: origin.x + FRAME_PAD + (i % perRow) * CELL_W, y: top + Math.floor(i / perRow) * CELL_H });
  });
  return moves;
}

/** The frame of a group of `count` ideas laid in its grid, title band included. */
function groupBlockSize(count: number): { w: number; h: number } {
  return {
    w: 2 * FRAME_PAD + Math.min(count, GROUP_COLUMNS) * CELL_W - GAP,
    h: FRAME_TITLE + 2 * FRAME_PAD + Math.ceil(count / GROUP_COLUMNS) * CELL_H - GAP,
  };
}

/** The box of blocks laid `perShelf` to a shelf, in order: a gap between two, two between shelves. */
function shelvesSize(sizes: readonly { w: number; h: number }[], perShelf: number): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (let first = 0; first < sizes.length; first += perShelf) {
    const shelf = sizes.slice(first, first + perShelf);
    w = Math.max(w, shelf.reduce((sum, b) => sum + b.w, 0) + GAP * (shelf.length - 1));
    h += (first > 0 ? 2 * GAP : 0) + Math.max(...shelf.map((b) => b.h));
  }
  return { w, h };
}

/**
 * How many of `count` ideas go in a row, `indent` in from the left, under a block `aboveW`
 * wide and `aboveH` tall, for the whole to show largest on the room's screen (roomScreenBoard:
 * narrower `withGroups`, their list beside it): the
 * tidy's ideas without a group, the reveal's grid. Rows of six under four groups made a
 * board as tall as wide, which the screen showed at half the size it could.
 */
export function rowLength(count: number, aboveW: number, aboveH: number, indent = 0, withGroups = false): number {
  let perRow = 1;
  let best = 0;
  for (let c = 1; c <= count; c++) {
    const w = Math.max(aboveW, indent + c * CELL_W);
    const h = aboveH + Math.ceil(count / c) * CELL_H;
    const scale = onRoomScreen(w, h, withGroups);
    // At the same size on the screen (the rows under a wider block), the fewer rows.
    if (scale >= best) [best, perRow] = [scale, c];
  }
  return perRow;
}

function dist2(a: Point, b: Point): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}
