// Private writing's pure functions (shared/session/private.ts): how an author's board reads
// his private document, what the reveal copies, and the progress the server counts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, addStickyNear, clearPrivateStickies, countPrivateStickies, createGroup, getBoardSettings, getPrivateProgress,
  GAP, STICKY_H, STICKY_W, getPrivateSticky, getPrivateStickies, getSticky, getStickies, groupFrames, groupSticky, overlaps,
  registerParticipant, revealPrivateStickies, roots, setPrivateProgress, setPrivateWriting, stickyRect,
} from '../../../shared/session/index.ts';
import { STICKIES_PER_PERSON } from '../../../shared/session/limits.ts';

const host = { participantId: 'h', name: 'Claire', role: 'host' as const };
const marc = { participantId: 'm', name: 'Marc' };

function session(): Y.Doc {
  const doc = new Y.Doc();
  setPrivateWriting(doc, true);
  return doc;
}

describe('a private document on its author’s board', () => {
  it('reads as private, with its group from the session document', () => {
    const shared = session();
    const g = createGroup(shared, host, 'Financement', { id: 'g1' });
    const mine = new Y.Doc();
    addSticky(mine, marc, { text: 'idée', x: 1, y: 2, groupId: g }, { id: 's1', at: 7 });
    addSticky(mine, marc, { text: 'orpheline', x: 1, y: 2, groupId: 'gone' }, { id: 's2', at: 8 });
    expect(getPrivateStickies(mine, shared)).toEqual([
      { id: 's1', text: 'idée', authorId: 'm', authorName: 'Marc', x: 1, y: 2, color: 'yellow', groupId: 'g1', createdAt: 7, hidden: true },
      { id: 's2', text: 'orpheline', authorId: 'm', authorName: 'Marc', x: 1, y: 2, color: 'yellow', groupId: null, createdAt: 8, hidden: true },
    ]);
    expect(getPrivateSticky(mine, shared, 's1')?.hidden).toBe(true);
    expect(countPrivateStickies(mine)).toBe(2);
  });

  it('leaves out what the session document holds already (revealed, while the private copy is emptied)', () => {
    const shared = session();
    const mine = new Y.Doc();
    addSticky(mine, marc, { text: 'idée', x: 0, y: 0 }, { id: 's1' });
    revealPrivateStickies(shared, [{ participantId: 'm', doc: mine }], 1);
    expect(getPrivateStickies(mine, shared)).toEqual([]);
    expect(getPrivateSticky(mine, shared, 's1')).toBeUndefined();
  });

  it('places a new private sticky clear of the board’s, and groups it into a group of the session', () => {
    const shared = session();
    const g = createGroup(shared, host, 'Normes', { id: 'g1' });
    addSticky(shared, host, { text: 'au centre', x: 0, y: 0 }, { id: 'pub' });
    const mine = new Y.Doc();
    const id = addStickyNear(mine, marc, { text: 'à côté' }, { x: 0, y: 0 }, undefined, shared);
    const placed = getPrivateSticky(mine, shared, id);
    expect(placed && overlaps(stickyRect(placed), stickyRect({ x: 0, y: 0 }))).toBe(false);
    groupSticky(mine, id, g, undefined, shared);
    expect(getPrivateSticky(mine, shared, id)?.groupId).toBe('g1');
    // Only the private document was written.
    expect(getSticky(shared, 'pub')).toMatchObject({ x: 0, y: 0, groupId: null });
  });
});

describe('the reveal', () => {
  it('ends private writing and copies every sticky with its owner as author, kept fields and the known name', () => {
    const shared = session();
    const g = createGroup(shared, host, 'Financement', { id: 'g1' });
    registerParticipant(shared, { participantId: 'm', name: 'Marc Vidal', role: 'member' });
    setPrivateProgress(shared, 'm', 1);
    const marcs = new Y.Doc();
    addSticky(marcs, { participantId: 'someone-else', name: 'Quelqu’un' }, { text: 'x'.repeat(600), x: 5, y: 6, color: 'green', groupId: g }, { id: 'a', at: 10 });
    const nadias = new Y.Doc();
    addSticky(nadias, { participantId: 'n', name: 'Nadia' }, { text: 'ouvrir', x: 7, y: 8, groupId: 'unknown' }, { id: 'b', at: 20 });
    const ids = revealPrivateStickies(shared, [{ participantId: 'm', doc: marcs }, { participantId: 'n', doc: nadias }], 99);
    expect(ids).toEqual(['a', 'b']);
    expect(getBoardSettings(shared).privateWriting).toBe(false);
    expect(getPrivateProgress(shared)).toEqual({ ideas: 0, writers: 0, byWriter: {} });
    expect(getStickies(shared)).toEqual([
      { id: 'a', text: 'x'.repeat(500), authorId: 'm', authorName: 'Marc Vidal', x: 5, y: 6, color: 'green', groupId: 'g1', createdAt: 10, hidden: false },
      // Out of a group that no longer exists, it lay on the frame of Marc's group: moved
      // below the board, clear of it.
      { id: 'b', text: 'ouvrir', authorId: 'n', authorName: 'Nadia', x: -11, y: 194, color: 'yellow', groupId: null, createdAt: 20, hidden: false },
    ]);
    clearPrivateStickies(marcs, (id) => ids.includes(id));
    expect(countPrivateStickies(marcs)).toBe(0);
  });

  it('spreads the ideas written apart on the same spots: none lies on another, the first keep their places, and the whole fits a screen', () => {
    const shared = session();
    addSticky(shared, host, { text: 'déjà au tableau', x: 0, y: 0 }, { id: 'before', at: 0 });
    // Nine people, three ideas each, every phone placing them where it saw room: the same three spots.
    const owners = Array.from({ length: 9 }, (_, p) => {
      const doc = new Y.Doc();
      for (let i = 0; i < 3; i++) addSticky(doc, { participantId: `p${p}`, name: `Membre ${p}` }, { text: `Idée ${i} de ${p}`, x: 320 * (i + 1), y: 0 }, { id: `p${p}-${i}`, at: 10 * p + i });
      return { participantId: `p${p}`, doc };
    });
    revealPrivateStickies(shared, owners, 1);
    const all = getStickies(shared);
    expect(all).toHaveLength(28);
    for (const a of all) for (const b of all) if (a.id < b.id) expect(overlaps(stickyRect(a), stickyRect(b)), `${a.id} on ${b.id}`).toBe(false);
    expect(all.filter((st) => st.id.startsWith('p0-')).map((st) => [st.x, st.y])).toEqual([[320, 0], [640, 0], [960, 0]]);
    expect(getSticky(shared, 'before')).toMatchObject({ x: 0, y: 0 });
    // Around the spots, not down one column: the box is no taller than it is wide.
    const xs = all.map((st) => st.x);
    const ys = all.map((st) => st.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(Math.max(...xs) - Math.min(...xs));
  });

  it('gives each revealed idea of a group a slot of its own, and moves what the grown frame covers', () => {
    const shared = session();
    createGroup(shared, host, 'Financement', { id: 'g1' });
    const cell = { w: STICKY_W + GAP, h: STICKY_H + GAP };
    addSticky(shared, host, { text: 'déjà dans le groupe', x: 0, y: 0, groupId: 'g1' }, { id: 'before', at: 0 });
    // Right under the group's one row: a frame grown by a row would cover it. Older than the
    // group's ideas: settled oldest first, the group jumped away from it instead.
    addSticky(shared, host, { text: 'sous le groupe', x: 0, y: cell.h + 40 }, { id: 'below', at: -1 });
    // Six members, each phone putting its two ideas into the group's free slots as it saw them: the same two.
    const owners = Array.from({ length: 6 }, (_, p) => {
      const doc = new Y.Doc();
      addSticky(doc, { participantId: `p${p}`, name: `Membre ${p}` }, { text: `A de ${p}`, x: cell.w, y: 0, groupId: 'g1' }, { id: `p${p}-a`, at: 10 + 2 * p });
      addSticky(doc, { participantId: `p${p}`, name: `Membre ${p}` }, { text: `B de ${p}`, x: 0, y: cell.h, groupId: 'g1' }, { id: `p${p}-b`, at: 11 + 2 * p });
      return { participantId: `p${p}`, doc };
    });
    // A seventh, whose phone saw the group empty and started it far from the others.
    const far = new Y.Doc();
    addSticky(far, { participantId: 'p6', name: 'Membre 6' }, { text: 'Loin', x: 5000, y: 3000, groupId: 'g1' }, { id: 'p6-a', at: 30 });
    owners.push({ participantId: 'p6', doc: far });
    revealPrivateStickies(shared, owners, 1);
    const all = getStickies(shared);
    expect(all).toHaveLength(15);
    const grouped = all.filter((st) => st.groupId === 'g1');
    expect(grouped).toHaveLength(14);
    // Row by row, no slot left empty: the first fourteen of the group's grid.
    const slots = Array.from({ length: 14 }, (_, k) => `${(k % 2) * cell.w},${Math.floor(k / 2) * cell.h}`);
    expect(grouped.map((st) => `${st.x},${st.y}`).sort()).toEqual(slots.sort());
    for (const a of all) for (const b of all) if (a.id < b.id) expect(overlaps(stickyRect(a), stickyRect(b)), `${a.id} on ${b.id}`).toBe(false);
    // The first keep their slots; the others take the group's grid, two columns wide.
    expect(getSticky(shared, 'before')).toMatchObject({ x: 0, y: 0 });
    expect(getSticky(shared, 'p0-a')).toMatchObject({ x: cell.w, y: 0 });
    expect(getSticky(shared, 'p0-b')).toMatchObject({ x: 0, y: cell.h });
    for (const st of grouped) {
      expect([0, cell.w]).toContain(st.x);
      expect(st.y % cell.h).toBe(0);
    }
    // The idea the frame grew over went clear of it.
    const frame = groupFrames(all).get('g1')!;
    expect(overlaps(stickyRect(getSticky(shared, 'below')!), frame)).toBe(false);
  });

  it('lays the ideas that landed on others below the board in as many columns as make the whole board fit the room’s screen best', () => {
    const shared = session();
    const cell = { w: STICKY_W + GAP, h: STICKY_H + GAP };
    // Two groups of six, one above the other: a board taller than wide.
    for (const [g, top] of [['g1', 0], ['g2', 3 * cell.h + 100]] as const) {
      createGroup(shared, host, g, { id: g });
      for (let k = 0; k < 6; k++) addSticky(shared, host, { text: `${g}-${k}`, x: (k % 2) * cell.w, y: top + Math.floor(k / 2) * cell.h, groupId: g }, { id: `${g}-${k}`, at: k });
    }
    // Eight phones, each with its idea on the same spot, on the first group.
    const owners = Array.from({ length: 8 }, (_, p) => {
      const doc = new Y.Doc();
      addSticky(doc, { participantId: `p${p}`, name: `Membre ${p}` }, { text: `Idée de ${p}`, x: 40, y: 40 }, { id: `p${p}`, at: 100 + p });
      return { participantId: `p${p}`, doc };
    });
    revealPrivateStickies(shared, owners, 1);
    const all = getStickies(shared);
    for (const a of all) for (const b of all) if (a.id < b.id) expect(overlaps(stickyRect(a), stickyRect(b)), `${a.id} on ${b.id}`).toBe(false);
    const frames = [...groupFrames(all).values()];
    for (const st of all.filter((x) => x.groupId === null)) for (const f of frames) expect(overlaps(stickyRect(st), f)).toBe(false);
    // The grid is one row of eight: the board is wider than tall (three columns made it 0.4 as wide as tall).
    const revealed = all.filter((st) => st.id.startsWith('p'));
    expect(new Set(revealed.map((st) => st.y)).size).toBe(1);
    const xs = all.map((st) => st.x);
    const ys = all.map((st) => st.y);
    const width = Math.max(...xs) - Math.min(...xs) + STICKY_W;
    const height = Math.max(...ys) - Math.min(...ys) + STICKY_H;
    expect(width / height).toBeGreaterThan(1);
  });

  it('holds the content limits: no more than STICKIES_PER_PERSON per author on the board, oldest first', () => {
    const shared = session();
    addSticky(shared, marc, { text: 'déjà là', x: 0, y: 0 }, { id: 'before', at: 0 });
    const marcs = new Y.Doc();
    for (let i = STICKIES_PER_PERSON; i >= 1; i--) addSticky(marcs, marc, { text: `${i}`, x: 0, y: 0 }, { id: `p${i}`, at: i });
    revealPrivateStickies(shared, [{ participantId: 'm', doc: marcs }], 1);
    const texts = getStickies(shared).map((s) => s.text);
    expect(texts).toHaveLength(STICKIES_PER_PERSON);
    expect(texts.at(0)).toBe('déjà là');
    expect(texts.at(-1)).toBe(`${STICKIES_PER_PERSON - 1}`);
    // What did not fit stays in the private document: emptied of what is on the board only.
    clearPrivateStickies(marcs, (id) => roots(shared).stickies.has(id));
    expect([...roots(marcs).stickies.keys()]).toEqual([`p${STICKIES_PER_PERSON}`]);
  });

  it('is one transaction of the session document', () => {
    const shared = session();
    const a = new Y.Doc();
    addSticky(a, marc, { text: '1', x: 0, y: 0 });
    addSticky(a, marc, { text: '2', x: 0, y: 0 });
    let updates = 0;
    shared.on('update', () => (updates += 1));
    revealPrivateStickies(shared, [{ participantId: 'm', doc: a }], 1);
    expect(updates).toBe(1);
    expect(roots(shared).stickies.size).toBe(2);
  });
});

describe('progress', () => {
  it('counts ideas and writers, never a word', () => {
    const shared = session();
    setPrivateProgress(shared, 'm', 3);
    setPrivateProgress(shared, 'n', 1);
    setPrivateProgress(shared, 'p', 0);
    expect(getPrivateProgress(shared)).toEqual({ ideas: 4, writers: 2, byWriter: { m: 3, n: 1 } });
    setPrivateProgress(shared, 'n', 0);
    expect(getPrivateProgress(shared).writers).toBe(1);
  });
});
