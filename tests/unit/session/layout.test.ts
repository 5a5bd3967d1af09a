// Placement without overlap, group slots and the tidy layout (issue 11).
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  FRAME_PAD, GAP, STICKY_H, STICKY_W, TIDY_ORIGIN, addStickyNear, castVote, createGroup, dropSticky, findFreeSpot,
  frameAround, getStickies, misplacedStickies, groupFrames, groupSticky, initSessionDocument, overlaps, placeInGroup, placeNewSticky, setPhase, stickyRect, tidyBoard,
  tidyLayout,
  roomScreenBoard,
} from '../../../shared/session/index.ts';
import type { PlacedSticky, Rect } from '../../../shared/session/index.ts';

const host = { participantId: 'h', name: 'Claire', role: 'host' } as const;

function board(): Y.Doc {
  const doc = new Y.Doc();
  initSessionDocument(doc, { title: 'T', hostCompany: 'C', hostName: 'Claire', date: '2026-09-30' });
  setPhase(doc, host, 'brainstorm');
  return doc;
}

const placed = (doc: Y.Doc): PlacedSticky[] => getStickies(doc).map(({ id, x, y, groupId, createdAt }) => ({ id, x, y, groupId, createdAt }));

/** Every pair of stickies apart, every pair of frames apart, no ungrouped sticky inside a frame. */
function expectNoOverlap(stickies: readonly PlacedSticky[]): void {
  for (const [i, a] of stickies.entries()) {
    for (const b of stickies.slice(i + 1)) expect(overlaps(stickyRect(a), stickyRect(b)), `${a.id} / ${b.id}`).toBe(false);
  }
  const frames = [...groupFrames(stickies)];
  for (const [i, [ga, a]] of frames.entries()) {
    for (const [gb, b] of frames.slice(i + 1)) expect(overlaps(a, b), `frames ${ga} / ${gb}`).toBe(false);
  }
  for (const s of stickies.filter((x) => x.groupId === null)) {
    for (const [g, f] of frames) expect(overlaps(stickyRect(s), f), `${s.id} in frame ${g}`).toBe(false);
  }
}

describe('placing a new sticky', () => {
  it('keeps the spot asked for when it is free', () => {
    expect(findFreeSpot([], { x: 100, y: 50 })).toEqual({ x: 100, y: 50 });
  });

  it('moves to the nearest free spot, with a gap, when the spot is taken', () => {
    const taken: Rect = { x: 0, y: 0, w: STICKY_W, h: STICKY_H };
    const spot = findFreeSpot([taken], { x: 10, y: 10 });
    expect(overlaps(stickyRect(spot), taken, GAP)).toBe(false);
    expect(Math.hypot(spot.x - 10, spot.y - 10)).toBeLessThan(STICKY_W + GAP + 48);
  });

  it('puts forty stickies aimed at one point side by side, around that point', () => {
    const doc = board();
    for (let i = 0; i < 40; i++) addStickyNear(doc, { ...host, participantId: `m${i % 8}` }, { text: `Idée ${i}` }, { x: 400, y: 300 }, { at: i });
    const all = placed(doc);
    expect(all).toHaveLength(40);
    expectNoOverlap(all);
    // Near the author's view: the first is where he aimed, the rest fill the space around.
    expect(all[0]).toMatchObject({ x: 400, y: 300 });
    for (const s of all) expect(Math.hypot(s.x - 400, s.y - 300)).toBeLessThan(1200);
  });

  it('never lands inside a group frame', () => {
    const stickies: PlacedSticky[] = [{ id: 'a', x: 0, y: 0, groupId: 'g', createdAt: 0 }];
    const spot = placeNewSticky(stickies, { x: 0, y: 0 });
    expect(overlaps(stickyRect(spot), frameAround(stickies) as Rect)).toBe(false);
  });
});

describe('two devices placing at the same moment', () => {
  it('pick the same place; after the merge only the later idea’s author moves it, and nothing overlaps', () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const marc = { participantId: 'marc', name: 'Marc', role: 'member' } as const;
    const sophie = { participantId: 'sophie', name: 'Sophie', role: 'member' } as const;
    const first = addStickyNear(a, marc, { text: 'M' }, { x: 0, y: 0 }, { at: 1 });
    const second = addStickyNear(b, sophie, { text: 'S' }, { x: 0, y: 0 }, { at: 2 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(misplacedStickies(placed(a), new Set([first]))).toEqual([]);
    expect(misplacedStickies(placed(b), new Set([second]))).toEqual([second]);
    dropSticky(b, second, { x: 0, y: 0 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expectNoOverlap(placed(a));
    expect(placed(a).find((s) => s.id === first)).toMatchObject({ x: 0, y: 0 });
  });
});

describe('phones sorting ideas into one group at once', () => {
  // Eight phones put their ideas into a group that is empty on each when they do: each
  // phone starts the group where its idea lies, and after the merge one frame spanned the
  // board (976×746 board units around 5 ideas in an exploratory run); the room's screen
  // zoomed out to 0.21 to show it. Each phone then moves its own ideas onto the group's
  // grid (misplacedStickies, as useSettleOwnStickies does), until nothing moves.
  it('ends in one compact grid, whatever order the phones hear each other in', () => {
    const start = board();
    const group = createGroup(start, host, 'Passer le creux');
    const phones = Array.from({ length: 8 }, (_, i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(start));
      const me = { participantId: `p${i}`, name: `Membre ${i}`, role: 'member' } as const;
      // Two ideas each, written where this phone looked, far from the others'.
      const ideas = [0, 1].map((k) => addStickyNear(doc, me, { text: `Idée ${i}.${k}` }, { x: (i % 4) * 900 + k * 200, y: Math.floor(i / 4) * 700 }, { at: 10 + i * 2 + k }));
      for (const id of ideas) groupSticky(doc, id, group);
      return { doc, me, ideas: new Set(ideas) };
    });
    const syncAll = (order: number[]) => {
      for (const i of order) for (const j of order) if (i !== j) Y.applyUpdate(phones[j]!.doc, Y.encodeStateAsUpdate(phones[i]!.doc));
    };
    syncAll([0, 1, 2, 3, 4, 5, 6, 7]);
    const spread = frameAround(placed(phones[0]!.doc).filter((s) => s.groupId === group))!;
    expect(spread.w).toBeGreaterThan(2000);
    let rounds = 0;
    for (; rounds < 20; rounds++) {
      let moved = 0;
      for (const phone of phones) {
        for (const id of misplacedStickies(placed(phone.doc), phone.ideas)) {
          const s = placed(phone.doc).find((x) => x.id === id)!;
          dropSticky(phone.doc, id, { x: s.x, y: s.y });
          moved++;
        }
      }
      if (moved === 0) break;
      // The phones hear each other's moves in a different order each round.
      syncAll(rounds % 2 ? [7, 3, 5, 1, 6, 2, 4, 0] : [0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(rounds).toBeLessThan(20);
    const final = placed(phones[0]!.doc);
    for (const phone of phones) expect(placed(phone.doc)).toEqual(final);
    expectNoOverlap(final);
    const members = final.filter((s) => s.groupId === group);
    expect(members).toHaveLength(16);
    const frame = frameAround(members)!;
    // Two columns, and no more rows than sixteen ideas take, give or take one left empty.
    expect(frame.w).toBe(2 * STICKY_W + GAP + 2 * FRAME_PAD);
    expect(frame.h).toBeLessThanOrEqual(9 * (STICKY_H + GAP) - GAP + 2 * FRAME_PAD + 28);
  });
});

describe('grouping', () => {
  it('moves a sticky into its group’s frame; the frame grows as it fills and never covers another', () => {
    const doc = board();
    const ids = Array.from({ length: 12 }, (_, i) => addStickyNear(doc, host, { text: `Idée ${i}` }, { x: 0, y: 0 }, { at: i }));
    const g1 = createGroup(doc, host, 'Compétences');
    const g2 = createGroup(doc, host, 'Financement');
    const sizes: number[] = [];
    ids.forEach((id, i) => {
      groupSticky(doc, id, i % 2 ? g2 : g1);
      const all = placed(doc);
      expectNoOverlap(all);
      const frame = groupFrames(all).get(g1) as Rect;
      sizes.push(frame.w * frame.h);
      // The sticky is inside its frame.
      const s = all.find((x) => x.id === id) as PlacedSticky;
      const f = groupFrames(all).get(i % 2 ? g2 : g1) as Rect;
      expect(s.x >= f.x && s.y >= f.y && s.x + STICKY_W <= f.x + f.w && s.y + STICKY_H <= f.y + f.h).toBe(true);
    });
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1] as number);
    expect(sizes.at(-1)).toBeGreaterThan(sizes[0] as number);
  });

  it('takes a sticky out of its group to free space; a drop on other stickies slides to a free place', () => {
    const doc = board();
    const a = addStickyNear(doc, host, { text: 'A' }, { x: 0, y: 0 });
    const b = addStickyNear(doc, host, { text: 'B' }, { x: 0, y: 0 });
    const g = createGroup(doc, host, 'G');
    groupSticky(doc, a, g);
    groupSticky(doc, a, null);
    expectNoOverlap(placed(doc));
    dropSticky(doc, b, { x: 5, y: 5 });
    expectNoOverlap(placed(doc));
  });

  // Seen with fifteen phones grouping at once: an idea put in a group whose members, off its
  // grid (placed by several phones at once, before the repair), covered every slot of its
  // rows: the search found no slot, and the phone's page broke ("Reduce of empty array").
  it('finds a slot in a group whose members off its grid cover every slot of its rows', () => {
    const cell = { w: STICKY_W + GAP, h: STICKY_H + GAP };
    const stickies: PlacedSticky[] = [
      { id: 'a', x: 0, y: 0, groupId: 'g', createdAt: 1 },
      // Across the corner of four slots: the first row's two and the second's.
      { id: 'b', x: cell.w / 2, y: cell.h / 2, groupId: 'g', createdAt: 2 },
      { id: 'c', x: 1000, y: 1000, groupId: null, createdAt: 3 },
    ];
    const moves = placeInGroup(stickies, 'c', 'g', { x: 0, y: 0 });
    const at = moves.get('c')!;
    expect(at).toEqual({ x: 0, y: 2 * cell.h });
    for (const member of stickies.slice(0, 2)) expect(overlaps(stickyRect(member), stickyRect(at))).toBe(false);
  });
});

describe('tidy', () => {
  it('lays each group in its two-column grid, groups side by side, the ungrouped ideas below, by votes after voting', () => {
    const stickies: PlacedSticky[] = [
      { id: 'a', x: 3, y: 3, groupId: 'g1', createdAt: 1 },
      { id: 'b', x: 3, y: 3, groupId: 'g1', createdAt: 2 },
      { id: 'b2', x: 3, y: 3, groupId: 'g1', createdAt: 3 },
      { id: 'c', x: 3, y: 3, groupId: 'g2', createdAt: 4 },
      { id: 'd', x: 3, y: 3, groupId: null, createdAt: 5 },
      { id: 'e', x: 3, y: 3, groupId: null, createdAt: 6 },
    ];
    const before = tidyLayout({ stickies, groupIds: ['g1', 'g2'], votes: {}, byVotes: false });
    const at = (m: typeof before, id: string) => m.get(id) ?? { x: NaN, y: NaN };
    // In the group's grid, in reading order: a, b on the first row, b2 under a.
    expect(at(before, 'a').y).toBe(at(before, 'b').y);
    expect(at(before, 'b').x - at(before, 'a').x).toBe(STICKY_W + GAP);
    expect(at(before, 'b2').x).toBe(at(before, 'a').x);
    expect(at(before, 'b2').y - at(before, 'a').y).toBe(STICKY_H + GAP);
    // The second group beside the first, its title band level with it.
    expect(at(before, 'c').y).toBe(at(before, 'a').y);
    expect(at(before, 'c').x).toBeGreaterThan(at(before, 'b').x + STICKY_W);
    expect(at(before, 'd').y).toBe(at(before, 'e').y);
    expect(at(before, 'd').y).toBeGreaterThan(at(before, 'b2').y);
    expect(at(before, 'd').x).toBeLessThan(at(before, 'e').x);
    expectNoOverlap(stickies.map((s) => ({ ...s, ...at(before, s.id) })));

    const after = tidyLayout({ stickies, groupIds: ['g1', 'g2'], votes: { b: 2, b2: 1, c: 5, e: 1 }, byVotes: true });
    expect(at(after, 'c').x).toBeLessThan(at(after, 'a').x); // g2 has more votes: first
    expect(at(after, 'c').x - FRAME_PAD).toBe(0);
    // In g1: b (2), then b2 (1), then a (0), in reading order.
    expect(at(after, 'b').y).toBe(at(after, 'b2').y);
    expect(at(after, 'b').x).toBeLessThan(at(after, 'b2').x);
    expect(at(after, 'a').y).toBeGreaterThan(at(after, 'b').y);
    expect(at(after, 'e').x).toBeLessThan(at(after, 'd').x);
  });

  /** How large the tidied board shows on the room's screen's board (narrower with groups: their list beside). */
  const fitOnScreen = (moves: ReadonlyMap<string, { x: number; y: number }>, withGroups = false) => {
    const screen = roomScreenBoard(withGroups);
    const xs = [...moves.values()].map((p) => p.x);
    const ys = [...moves.values()].map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs) + STICKY_W;
    const h = Math.max(...ys) - Math.min(...ys) + STICKY_H;
    return Math.min(screen.width / w, screen.height / h);
  };
  const ideas = (group: string, count: number, from = 0): PlacedSticky[] =>
    Array.from({ length: count }, (_, k) => ({ id: `${group}-${k}`, x: 0, y: 0, groupId: group, createdAt: from + k }));

  // The room's screen fits the board: rows of six under four groups made a board as tall as
  // wide, shown at half the size the screen could (ideas of 8 px at 1280×720).
  it('lays the ungrouped ideas in rows as long as make the whole board largest on the room’s screen', () => {
    const grouped: PlacedSticky[] = ['g1', 'g2', 'g3', 'g4'].flatMap((g, gi) => ideas(g, 3, gi * 10));
    const loose: PlacedSticky[] = Array.from({ length: 7 }, (_, i) => ({ id: `l${i}`, x: 0, y: 0, groupId: null, createdAt: 100 + i }));
    const moves = tidyLayout({ stickies: [...grouped, ...loose], groupIds: ['g1', 'g2', 'g3', 'g4'], votes: {}, byVotes: false });
    // Seven under four groups of three: one row, not six and one.
    expect(new Set(loose.map((s) => moves.get(s.id)?.y)).size).toBe(1);
    expectNoOverlap([...grouped, ...loose].map((s) => ({ ...s, ...moves.get(s.id)! })));
    // No smaller on the screen than rows of six, or of three, would be.
    for (const perRow of [3, 6]) {
      const other = new Map(moves);
      loose.forEach((s, i) => other.set(s.id, { x: FRAME_PAD + (i % perRow) * (STICKY_W + GAP), y: moves.get(loose[0]!.id)!.y + Math.floor(i / perRow) * (STICKY_H + GAP) }));
      expect(fitOnScreen(moves)).toBeGreaterThanOrEqual(fitOnScreen(other));
    }
    // Forty ideas and no group: rows of eight, five rows.
    const forty: PlacedSticky[] = Array.from({ length: 40 }, (_, i) => ({ id: `f${i}`, x: 0, y: 0, groupId: null, createdAt: i }));
    const laid = tidyLayout({ stickies: forty, groupIds: [], votes: {}, byVotes: false });
    const rows = new Map<number, number>();
    for (const p of laid.values()) rows.set(p.y, (rows.get(p.y) ?? 0) + 1);
    expect([...rows.values()]).toEqual([8, 8, 8, 8, 8]);
    // Thirty: four rows of eight at most, for the room's screen's board, wider than 16:9 (laid
    // for 16:9, five rows of seven left a third of its width empty, the words a sixth smaller).
    const thirty = tidyLayout({ stickies: forty.slice(0, 30), groupIds: [], votes: {}, byVotes: false });
    const thirtyRows = new Map<number, number>();
    for (const p of thirty.values()) thirtyRows.set(p.y, (thirtyRows.get(p.y) ?? 0) + 1);
    expect([...thirtyRows.values()]).toEqual([8, 8, 8, 6]);
  });

  // A room's board: thirty ideas in five groups of four to eight, six without a group. In
  // one column per group (the tidy until December 2026) the board was as tall as the largest
  // group, and the screen showed it at 0.8 of the size it now can; ten groups in one row were
  // a strip, shown at half the size.
  it('puts the groups on as many shelves as make the whole board largest on the room’s screen', () => {
    const groupIds = ['g1', 'g2', 'g3', 'g4', 'g5'];
    const grouped = [8, 6, 5, 4, 4].flatMap((n, gi) => ideas(groupIds[gi]!, n, gi * 10));
    const loose: PlacedSticky[] = Array.from({ length: 6 }, (_, i) => ({ id: `l${i}`, x: 0, y: 0, groupId: null, createdAt: 100 + i }));
    const moves = tidyLayout({ stickies: [...grouped, ...loose], groupIds, votes: {}, byVotes: false });
    expectNoOverlap([...grouped, ...loose].map((s) => ({ ...s, ...moves.get(s.id)! })));
    // One column per group, as the tidy laid them out before.
    const columns = new Map(moves);
    grouped.forEach((s) => {
      const gi = groupIds.indexOf(s.groupId!);
      const k = Number(s.id.split('-')[1]);
      columns.set(s.id, { x: FRAME_PAD + gi * (STICKY_W + 2 * FRAME_PAD + GAP), y: 44 + k * (STICKY_H + GAP) });
    });
    const below = 44 + 8 * (STICKY_H + GAP) + 2 * GAP;
    loose.forEach((s, i) => columns.set(s.id, { x: FRAME_PAD + i * (STICKY_W + GAP), y: below }));
    expect(fitOnScreen(moves, true)).toBeGreaterThan(fitOnScreen(columns, true) * 1.2);

    // Ten groups of three: three shelves of four, not one row of ten (the screen's board, the
    // list of groups beside it, is 987 px by 574: two shelves of five were for its whole width).
    const ten = Array.from({ length: 10 }, (_, gi) => `t${gi}`);
    const tenGrouped = ten.flatMap((g, gi) => ideas(g, 3, gi * 10));
    const laid = tidyLayout({ stickies: tenGrouped, groupIds: ten, votes: {}, byVotes: false });
    expectNoOverlap(tenGrouped.map((s) => ({ ...s, ...laid.get(s.id)! })));
    const shelfOf = (g: string) => laid.get(`${g}-0`)!.y;
    expect(new Set(ten.map(shelfOf)).size).toBe(3);
    expect(ten.slice(0, 4).every((g) => shelfOf(g) === shelfOf('t0'))).toBe(true);
    expect(shelfOf('t4')).toBeGreaterThan(shelfOf('t0'));
    const oneShelf = new Map<string, { x: number; y: number }>();
    tenGrouped.forEach((s) => {
      const gi = ten.indexOf(s.groupId!);
      const k = Number(s.id.split('-')[1]);
      oneShelf.set(s.id, { x: FRAME_PAD + gi * (2 * FRAME_PAD + 2 * (STICKY_W + GAP)) + (k % 2) * (STICKY_W + GAP), y: 44 + Math.floor(k / 2) * (STICKY_H + GAP) });
    });
    expect(fitOnScreen(laid, true)).toBeGreaterThan(fitOnScreen(oneShelf, true) * 1.5);
  });

  // An idea sorted into a tidied group takes the grid's next slot: the tidy and the drop
  // share the group's two columns, so the frame grows down, not sideways into its neighbour.
  it('leaves a group a slot that an idea dropped into it takes, its neighbours unmoved', () => {
    const groupIds = ['g1', 'g2'];
    const stickies = [...ideas('g1', 3), ...ideas('g2', 2, 10), { id: 'new', x: 0, y: 0, groupId: null, createdAt: 50 }];
    const tidied = tidyLayout({ stickies, groupIds, votes: {}, byVotes: false });
    const laidOut = stickies.map((s) => ({ ...s, ...tidied.get(s.id)! }));
    const g1 = laidOut.filter((s) => s.groupId === 'g1');
    const freeSlot = { x: g1[1]!.x, y: g1[2]!.y };
    const moves = placeInGroup(laidOut, 'new', 'g1', { x: freeSlot.x + 5, y: freeSlot.y + 5 });
    expect(moves.get('new')).toEqual(freeSlot);
    expect([...moves.keys()]).toEqual(['new']);
  });

  it('writes every position in one transaction, which an undo manager undoes in one step', () => {
    const doc = board();
    const ids = Array.from({ length: 10 }, (_, i) => addStickyNear(doc, host, { text: `${i}` }, { x: 500, y: 500 }, { at: i }));
    castVote(doc, host, ids[9] as string);
    const before = placed(doc);
    const undo = new Y.UndoManager(doc.getMap('stickies'), { trackedOrigins: new Set([TIDY_ORIGIN]) });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    tidyBoard(doc);
    expect(transactions).toBe(1);
    const tidied = placed(doc);
    expectNoOverlap(tidied);
    // Voting began: the idea with a vote comes first.
    expect(tidied.find((s) => s.id === ids[9])).toMatchObject({ x: FRAME_PAD, y: 0 });
    undo.undo();
    expect(placed(doc)).toEqual(before);
  });
});
