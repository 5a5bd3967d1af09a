// Issue 8, a room at real size in a real browser: the host on a laptop, the shared screen,
// and eight members on phones in one session. Before awareness was held as a state on the
// server, the fifth device was closed with 4400 and reconnected in a loop.
import { expect, onTestFailed, test } from 'vitest';
import { getSession, overlaps, stickyRect } from '../../shared/session/index.ts';
import { destroyAll, whenSynced } from '../helpers/clients.ts';
import { createSession, dragBy, eventually, join, newDevice, screenshot, scriptOn, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const MEMBERS = 8;

test('the host, the screen and eight phones: everyone saved on the server, seen by the host, moving stickies at once', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  onTestFailed(() => screenshot(host, 'failed-room-of-ten-host').catch(() => undefined));
  await join(host, links.host, 'Claire Mugnier');
  const screenPage = (await newDevice(env.browser, { phone: false })).page;
  await screenPage.goto(links.screen);
  await eventually(() => screenPage.getByTestId('screen-phase').textContent()).toBe('Présentation');

  const names = Array.from({ length: MEMBERS }, (_, i) => `Membre ${i + 1}`);
  const phones = await Promise.all(names.map(() => newDevice(env.browser, { phone: true })));
  // They come in together, as a room does; each reaches "saved on the server".
  await Promise.all(phones.map(({ page }, i) => join(page, links.member, names[i]!)));
  let reconnections = 0;
  for (const { page } of phones) {
    page.on('console', (msg) => {
      if (/4400|awareness clients/i.test(msg.text())) reconnections += 1;
    });
  }

  // The host sees everyone: eight members and himself.
  await eventually(() => host.getByTestId('present-person').count()).toBe(MEMBERS + 1);
  for (const name of names) await host.getByTestId('present-person').filter({ hasText: name }).waitFor();

  // The host writes his context; the eight phones read it as he types, his caret where he
  // writes, and no name over the words: his name's label, above his caret, hid a line of his
  // text on every member's copy.
  await host.getByRole('textbox', { name: 'Contexte' }).click();
  await host.keyboard.type('Nous fabriquons des pièces de précision pour l’automobile et le médical.');
  for (const { page } of phones) {
    await eventually(() => page.getByRole('textbox', { name: 'Contexte' }).textContent()).toContain('automobile et le médical');
    await page.locator('.collaboration-carets__caret').first().waitFor({ state: 'attached' });
    const labels = page.locator('.collaboration-carets__label');
    expect(await labels.count()).toBeGreaterThan(0);
    expect(await labels.evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 0).length)).toBe(0);
  }

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  // Each member writes one idea, on the canvas (phones open the board as a list: one tap).
  await Promise.all(
    phones.map(async ({ page }, i) => {
      await page.getByRole('button', { name: 'Tableau' }).tap();
      await page.getByTestId('board').waitFor();
      await page.getByRole('button', { name: 'Nouvelle idée', exact: true }).click();
      await page.keyboard.type(`Idée de ${names[i]}`);
      await page.keyboard.press('Escape');
    }),
  );
  await eventually(() => host.getByTestId('sticky').count()).toBe(MEMBERS);

  // An observer with the stock provider reads where the stickies are.
  const observer = scriptOn(env.server, links, 'screen');
  await whenSynced(observer);
  const positionOf = (text: string) => getSession(observer.doc).stickies.find((s) => s.text === text);
  await eventually(() => names.every((n) => positionOf(`Idée de ${n}`))).toBe(true);
  const before = new Map(names.map((n) => [n, positionOf(`Idée de ${n}`)!]));

  const seenMoved = new Set<string>();
  const record = () => {
    for (const n of names) {
      const now = positionOf(`Idée de ${n}`);
      const start = before.get(n)!;
      if (now && (now.x !== start.x || now.y !== start.y)) seenMoved.add(n);
    }
  };
  observer.doc.on('update', record);
  // All eight drag their own sticky at the same time. Released, each lands on free space
  // (issue 11: a drop on another sticky slides to the nearest free place, possibly back
  // where it was), so none lies on another.
  await Promise.all(
    phones.map(async ({ page }, i) => {
      // Ideas lie side by side now, wider than a phone at 100 %: show them all first.
      await page.getByRole('button', { name: 'Recentrer' }).tap();
      const sticky = page.getByTestId('sticky').filter({ hasText: `Idée de ${names[i]}` });
      // On the screen across, and its middle on it down: a press below the screen's edge
      // touches nothing (one drag of eight failed so in a CI run, at y 810 of 800, when the
      // board ran below a phone's fold). The page is scrolled to it, as a person scrolls.
      const height = page.viewportSize()?.height ?? 0;
      await eventually(async () => {
        const b = await sticky.boundingBox();
        if (b === null) return false;
        const middle = b.y + b.height / 2;
        if (middle < 0 || middle > height) await page.evaluate((dy) => window.scrollBy(0, dy), middle - height / 2);
        return b.x >= 0 && b.x + b.width <= 390 && middle >= 0 && middle <= height;
      }).toBe(true);
      // Pressed where the sticky is once it stands still: a press where it was a moment
      // before pans the board instead (one drag of eight was missed so, once in five runs).
      await dragBy(page, sticky, 40, 32);
    }),
  );
  // Every drag reached the document (where it ends depends on the free space around it).
  await eventually(() => seenMoved.size).toBe(MEMBERS);
  observer.doc.off('update', record);
  await eventually(() => {
    const all = getSession(observer.doc).stickies;
    return all.filter((a, i) => all.slice(i + 1).some((b) => overlaps(stickyRect(a), stickyRect(b)))).length;
  }).toBe(0);

  // Everyone is still saved on the server and sees the whole room's stickies.
  for (const { page } of phones) {
    await page.getByRole('status').filter({ hasText: 'Enregistré sur le serveur' }).first().waitFor();
    await eventually(() => page.getByTestId('sticky').count()).toBe(MEMBERS);
  }
  expect(reconnections).toBe(0);
  await screenshot(host, 'room-of-ten-host');
  await screenshot(phones[0]!.page, 'room-of-ten-phone');
  await screenshot(screenPage, 'room-of-ten-screen');
  destroyAll(observer);
  await Promise.all(phones.map(({ context }) => context.close()));
}, 180_000);
