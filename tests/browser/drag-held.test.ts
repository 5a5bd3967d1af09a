// A member's device moves its own ideas off others (useSettleOwnStickies). While the host
// drags one of them across the board, that device must leave it alone: it used to pull the
// idea from under the host's pointer as soon as it lay on another one, for every idea the
// host carried over others or onto a group's frame.
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import { getStickies, overlaps, stickyRect } from '../../shared/session/index.ts';
import { destroyAll, whenSynced } from '../helpers/clients.ts';
import { addIdea, createSession, eventually, join, newDevice, nextFrame, screenshot, scriptOn, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

/** Whether the two ideas overlap as `page` draws them. */
function drawnOverlapping(page: Page, a: string, b: string): Promise<boolean> {
  return page.evaluate(([ta, tb]) => {
    const box = (t: string) => [...document.querySelectorAll('[data-sticky-id]')].find((el) => el.textContent?.includes(t))?.getBoundingClientRect();
    const ra = box(ta);
    const rb = box(tb);
    return !!ra && !!rb && ra.left < rb.right && rb.left < ra.right && ra.top < rb.bottom && rb.top < ra.bottom;
  }, [a, b] as const);
}

test('an idea the host holds over another stays under the pointer on its author’s device, and finds a free place once let go', async () => {
  const links = await createSession(env.server.baseUrl);
  const watcher = scriptOn(env.server, links, 'host');
  await whenSynced(watcher);
  const host = (await newDevice(env.browser)).page;
  const member = (await newDevice(env.browser)).page;
  onTestFailed(async () => {
    await screenshot(host, 'drag-held-failed-host').catch(() => undefined);
    await screenshot(member, 'drag-held-failed-member').catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await join(member, links.member, 'Marc Vidal');
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await eventually(() => member.getByTestId('current-phase').textContent()).toBe('Brainstorm');
  await addIdea(member, 'Former les chefs d’équipe');
  await addIdea(member, 'Racheter un concurrent');
  const stickyOn = (page: Page, text: string) => page.getByTestId('sticky').filter({ hasText: text });
  await stickyOn(host, 'Racheter un concurrent').waitFor();
  const byText = (text: string) => getStickies(watcher.doc).find((s) => s.text === text);
  await eventually(() => byText('Racheter un concurrent')?.text).toBe('Racheter un concurrent');

  // The host takes the first idea and holds it on the second.
  const from = await stickyOn(host, 'Former les chefs').boundingBox();
  const onto = await stickyOn(host, 'Racheter un concurrent').boundingBox();
  if (!from || !onto) throw new Error('ideas not drawn');
  const start = { x: from.x + from.width / 2, y: from.y + 12 };
  const end = { x: onto.x + onto.width / 2, y: onto.y + 20 };
  await host.mouse.move(start.x, start.y);
  await host.mouse.down();
  for (let i = 1; i <= 6; i++) await host.mouse.move(start.x + ((end.x - start.x) * i) / 6, start.y + ((end.y - start.y) * i) / 6);
  await nextFrame(host);
  await eventually(() => drawnOverlapping(member, 'Former les chefs', 'Racheter un concurrent')).toBe(true);

  // One more step of the hand; the author's device checks its ideas after that change and
  // moves none of them.
  const checked = member.evaluate(() => new Promise<number>((resolve) => {
    window.addEventListener('entraide:settle-checked', (e) => resolve((e as CustomEvent<{ moved: number }>).detail.moved), { once: true });
  }));
  await host.mouse.move(end.x + 3, end.y + 3);
  await nextFrame(host);
  expect(await checked).toBe(0);
  const held = byText('Former les chefs d’équipe');
  const other = byText('Racheter un concurrent');
  if (!held || !other) throw new Error('ideas gone');
  expect(overlaps(stickyRect(held), stickyRect(other))).toBe(true);
  expect(await drawnOverlapping(member, 'Former les chefs', 'Racheter un concurrent')).toBe(true);

  // Let go: the idea slides to the nearest free place, on every device.
  await host.mouse.up();
  await eventually(() => {
    const [a, b] = [byText('Former les chefs d’équipe'), byText('Racheter un concurrent')];
    return !!a && !!b && !overlaps(stickyRect(a), stickyRect(b));
  }).toBe(true);
  await eventually(() => drawnOverlapping(member, 'Former les chefs', 'Racheter un concurrent')).toBe(false);
  await eventually(() => drawnOverlapping(host, 'Former les chefs', 'Racheter un concurrent')).toBe(false);
  destroyAll(watcher);
}, 120_000);
