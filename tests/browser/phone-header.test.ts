// The phone's header when something is wrong (seen in an exploratory run): offline, the
// badge spelt out *Gardé sur cet appareil*, pushed *EN* off the screen, cut *FR*, and the
// page panned sideways (449 px on a 390 px phone); renaming did the same, its field empty.
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import { createSession, eventually, join, joinInPairs, newDevice, overflowX, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** The header's controls all within the phone's width, the languages among them. */
async function headerFits(page: Page): Promise<boolean> {
  const width = page.viewportSize()!.width;
  const boxes = await page.locator('.room-tools').locator('button, .save-state, input').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  return boxes.length > 0 && boxes.every((b) => b.left >= -0.5 && b.right <= width + 0.5) && (await overflowX(page)) <= 0;
}

test('eight phones lose the network at once: the header says so within the phone, and so does renaming', async () => {
  const links = await createSession(env.server.baseUrl);
  const names = Array.from({ length: PHONES }, (_, i) => `Anne-Charlotte de Montmorency ${i + 1}`);
  const devices = await Promise.all(names.map(() => newDevice(env.browser, { phone: true })));
  const phones = devices.map((d) => d.page);
  onTestFailed(() => screenshot(phones[0]!, 'failed-phone-header').catch(() => undefined));
  const host = (await newDevice(env.browser)).page;
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, names);
  await host.getByRole('button', { name: 'Aller directement à : Visite' }).click();
  await Promise.all(phones.map((page) => saveState(page, 'Enregistré sur le serveur')));

  // The room's network goes; each phone writes a note meanwhile.
  await Promise.all(devices.map((d) => d.context.setOffline(true)));
  await Promise.all(
    phones.map(async (page, i) => {
      await page.getByLabel('Votre note').fill(`Note prise sans réseau ${i + 1}`);
      await page.getByRole('button', { name: 'Ajouter la note' }).tap();
      await eventually(() => page.locator('.room-tools .save-state').getAttribute('data-state')).not.toMatch(/^(saved|syncing)$/);
      await eventually(() => headerFits(page)).toBe(true);
      expect(await page.getByRole('button', { name: 'English', exact: true }).isVisible()).toBe(true);
    }),
  );
  await screenshot(phones[0]!, 'phone-header-offline');
  await Promise.all(devices.map((d) => d.context.setOffline(false)));
  await Promise.all(phones.map((page) => saveState(page, 'Enregistré sur le serveur')));

  // Renaming: the field holds the name to change, within the phone.
  const first = phones[0]!;
  await first.locator('.rename-button').tap();
  await eventually(() => first.locator('#rename').inputValue()).toBe(names[0]);
  // ...to be read: it was there, white on the field's white.
  const colours = await first.locator('#rename').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  expect(colours[0]).not.toBe(colours[1]);
  expect(colours[0]).not.toBe('rgb(255, 255, 255)');
  await eventually(() => headerFits(first)).toBe(true);
  await screenshot(first, 'phone-header-rename');
  await first.locator('#rename').fill('Anne-Charlotte M.');
  await first.getByRole('button', { name: 'Enregistrer' }).tap();
  await eventually(() => first.locator('.rename-who').textContent()).toBe('Anne-Charlotte M.');
}, 180_000);
