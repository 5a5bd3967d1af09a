// The brainstorm board on phones, in a room of eight: asked for, the board comes whole on the
// screen, and a phone's view follows the board until its owner pans it. Before, the board
// was 320 px tall on a phone (a flex rule made its height ignored) and ran below the fold,
// and a phone fitted its view once: ideas added or moved afterwards lay cut by the board's
// edge or outside it (seen in room-of-ten's phone screenshot).
import type { Locator, Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import { addIdea, createSession, eventually, join, newDevice, nextFrame, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every sticky drawn whole inside the board's frame. */
async function allInsideBoard(page: Page): Promise<boolean> {
  const board = await page.getByTestId('board').boundingBox();
  if (!board) return false;
  const boxes = await page.getByTestId('sticky').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box));
  return boxes.every((b) => b.x >= board.x - 1 && b.y >= board.y - 1 && b.x + b.width <= board.x + board.width + 1 && b.y + b.height <= board.y + board.height + 1);
}

function layerTransform(page: Page): Promise<string> {
  return page.locator('.board-layer').evaluate((el) => (el as HTMLElement).style.transform);
}

/** Where a sticky lies on the board (board coordinates, whatever the view). */
async function placeOf(sticky: Locator): Promise<{ x: number; y: number }> {
  const transform = await sticky.evaluate((el) => (el as HTMLElement).style.transform);
  const [x, y] = [...transform.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
  return { x: x ?? NaN, y: y ?? NaN };
}

/**
 * How many Shift+ArrowDown steps (50 px each) take `sticky` 100 px past the bottom of what
 * `page` shows now: out of that view, by little more than needed (a board too tall to show
 * whole at the smallest zoom would leave the view refitted with parts outside).
 */
async function stepsOutOfView(page: Page, sticky: Locator): Promise<number> {
  const [, ty = 0, scale = 1] = [...(await layerTransform(page)).matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
  const height = await page.getByTestId('board').evaluate((el) => el.clientHeight);
  const bottomOfView = (height - ty) / scale;
  const { y } = await placeOf(sticky);
  return Math.max(1, Math.ceil((bottomOfView - (y + 140) + 100) / 50));
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on the page');
  return box;
}

test('eight phones: the board fills the screen, and each view follows the ideas until its owner pans it', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  await join(host, links.host, 'Claire Mugnier');
  const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
  const phones = (await Promise.all(names.map(() => newDevice(env.browser, { phone: true })))).map((d) => d.page);
  onTestFailed(() => screenshot(phones[0]!, 'failed-phone-board').catch(() => undefined));
  await Promise.all(phones.map((page, i) => join(page, links.member, names[i]!)));
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();

  // Each phone asks for the board: it comes whole on the 800 px screen, most of it, with the
  // tools above it, and each member adds an idea there.
  await Promise.all(
    phones.map(async (page, i) => {
      await page.getByRole('button', { name: 'Tableau' }).tap();
      await eventually(async () => {
        const board = await page.getByTestId('board').boundingBox();
        return board !== null && board.y >= 0 && board.y + board.height <= 801 && board.height >= 0.6 * 800;
      }).toBe(true);
      const fit = await boxOf(page.getByRole('button', { name: 'Recentrer' }));
      expect(fit.y).toBeGreaterThanOrEqual(0);
      await addIdea(page, `Idée de ${names[i]}`);
    }),
  );
  await eventually(() => host.getByTestId('sticky').count()).toBe(PHONES);
  // Keyboard instructions on the laptop only; a phone reads how to group by touch.
  const touchHint = 'Glissez une idée sur un groupe, ici ou sur le tableau.';
  expect(await host.getByText(/^Flèches : déplacer/).isVisible()).toBe(true);
  expect(await host.getByText(touchHint).isVisible()).toBe(false);
  for (const page of phones) {
    await page.getByRole('button', { name: 'Recentrer' }).waitFor();
    expect(await page.getByText(/^Flèches : déplacer/).isVisible()).toBe(false);
    expect(await page.getByText(touchHint).isVisible()).toBe(true);
  }

  // The host adds one and moves it far off, down and right, with the keyboard.
  await addIdea(host, 'Idée de l’hôte');
  const far = host.getByTestId('sticky').filter({ hasText: 'Idée de l’hôte' });
  await far.focus();
  for (let i = 0; i < 16; i++) {
    await host.keyboard.press('Shift+ArrowDown');
    await host.keyboard.press('Shift+ArrowRight');
  }
  // Every phone, whose owner has not moved its view, shows all nine ideas whole.
  for (const page of phones) {
    await eventually(() => page.getByTestId('sticky').count()).toBe(PHONES + 1);
    await eventually(() => allInsideBoard(page)).toBe(true);
  }
  await screenshot(phones[0]!, 'phone-board-follows');

  // The first member pans his board (a drag on its empty corner): from then on it stays
  // where he put it, while the host moves his idea again.
  const [mine, witness] = [phones[0]!, phones[1]!];
  const board = await boxOf(mine.getByTestId('board'));
  await mine.mouse.move(board.x + 8, board.y + 8);
  await mine.mouse.down();
  for (let i = 1; i <= 5; i++) await mine.mouse.move(board.x + 8 + i * 10, board.y + 8 + i * 6);
  await mine.mouse.up();
  await nextFrame(mine);
  const panned = await layerTransform(mine);
  const farOn = (page: Page) => page.getByTestId('sticky').filter({ hasText: 'Idée de l’hôte' });
  const before = await placeOf(farOn(mine));
  const witnessBefore = await layerTransform(witness);
  // Out of the witness's view (a fitted view has room to spare one way).
  const down = await stepsOutOfView(witness, farOn(witness));
  for (let i = 0; i < down; i++) await host.keyboard.press('Shift+ArrowDown');
  // The idea moved on his phone, and the view of a phone that follows has been refitted
  // (that happens a moment after the ideas stand still): his own view did not move.
  await eventually(async () => (await placeOf(farOn(mine))).y).toBe(before.y + 50 * down);
  await eventually(async () => (await placeOf(farOn(witness))).y).toBe(before.y + 50 * down);
  await eventually(async () => (await layerTransform(witness)) !== witnessBefore && (await allInsideBoard(witness))).toBe(true);
  expect(await layerTransform(mine)).toBe(panned);

  // "Recentrer" shows the whole board again, and the view follows again.
  await mine.getByRole('button', { name: 'Recentrer' }).tap();
  await eventually(() => allInsideBoard(mine)).toBe(true);
  const fitted = await layerTransform(mine);
  const further = await stepsOutOfView(mine, farOn(mine));
  for (let i = 0; i < further; i++) await host.keyboard.press('Shift+ArrowDown');
  await eventually(async () => (await placeOf(farOn(mine))).y).toBe(before.y + 50 * (down + further));
  await eventually(() => layerTransform(mine)).not.toBe(fitted);
  await eventually(() => allInsideBoard(mine)).toBe(true);
  await screenshot(mine, 'phone-board-recentred');

  // The host brings his idea back among the others: the views that follow zoom back in. They
  // followed the content out only: after the reveal, a host's laptop stayed at 37 %, the
  // ideas in a corner, until *Recentrer*.
  const scaleOf = async (page: Page) => Number([...(await layerTransform(page)).matchAll(/-?[\d.]+/g)][2]?.[0]);
  const apart = await Promise.all(phones.map(scaleOf));
  const back = 16 + down + further;
  for (let i = 0; i < back; i++) await host.keyboard.press('Shift+ArrowUp');
  for (let i = 0; i < 16; i++) await host.keyboard.press('Shift+ArrowLeft');
  await eventually(async () => placeOf(farOn(witness))).toEqual({ x: before.x - 50 * 16, y: before.y - 50 * 16 });
  for (const [i, page] of phones.entries()) await eventually(() => scaleOf(page)).toBeGreaterThan(apart[i]! * 1.25);
  // Every idea whole, and close to what *Recentrer* shows: a view that follows zooms back in
  // only for a fit ZOOM_BACK_IN (1.25×) closer, so that it does not shift under the reader's
  // eyes at each idea moved. On a loaded machine the host's moves arrive in bursts, and the
  // view may zoom in on a state a few moves before the last (CI saw 0.467 against 0.480).
  // That state may also hold the ideas a little closer together than the last one (on its
  // way back, the host's idea can pass nearer the others than where it was added): the view
  // that follows is then a little closer than *Recentrer*'s (CI saw 0.5505 against 0.5436),
  // and shows every idea whole all the same, as checked just above.
  await eventually(() => witness.getByTestId('board').getAttribute('data-view-settling')).toBe(null);
  await eventually(() => allInsideBoard(witness)).toBe(true);
  const followed = await scaleOf(witness);
  await witness.getByRole('button', { name: 'Recentrer' }).tap();
  await nextFrame(witness);
  const recentred = await scaleOf(witness);
  expect(recentred).toBeGreaterThan(followed / 1.25);
  expect(recentred).toBeLessThan(followed * 1.25);
}, 180_000);
