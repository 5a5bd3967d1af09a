// What the host shows the room lasts until the session moves on (seen in an exploratory run
// of eight phones): shown the Visite during the Questions, then on to the Brainstorm and
// back to the Questions, every phone and the screen were pulled to the Visite again; and
// the host, back on the current phase himself, could not see that the room was not.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** The banner a phone shows while it follows the host to an earlier phase, or null. */
const following = (page: Page) => page.getByText(/^Vous suivez l’hôte : il montre /).textContent({ timeout: 1000 }).catch(() => null);

test('a phase shown to all lasts until the session moves on, and the host sees what the room sees', async () => {
  const { links, host, screen, phones, names } = await roomWithScreen(env, 'stale-focus', PHONES);
  await host.getByRole('button', { name: 'Aller directement à : Questions' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Questions')));

  // The host shows everyone the Visite, then comes back to the Questions himself.
  await host.getByRole('navigation', { name: 'Revoir une étape' }).getByRole('button', { name: 'Visite' }).click();
  await host.getByRole('button', { name: 'Montrer à tous : Visite' }).click();
  for (const page of phones) {
    await eventually(() => following(page)).toMatch(/^Vous suivez l’hôte : il montre Visite\./);
    // One way back, the banner's: the review's banner said the same again, with a second button.
    expect(await page.getByText(/^Vous revoyez l’étape/).count()).toBe(0);
  }
  await eventually(() => screen.getByTestId('screen-looking-back').textContent()).toBe('L’hôte montre : Visite');
  await host.getByRole('button', { name: /^Revenir à l’étape en cours/ }).first().click();
  // He reads that the room is still on the Visite.
  await eventually(() => host.getByTestId('room-sees').textContent()).toBe('La salle voit : Visite');
  await screenshot(host, 'host-room-sees');

  // On to the Brainstorm, and back to the Questions: the Visite is not shown again.
  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  await host.getByRole('button', { name: 'Revenir à : Questions' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Questions')));
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Questions');
  for (const page of phones) {
    await page.getByLabel('Votre question').waitFor();
    expect(await following(page)).toBe(null);
  }
  expect(await screen.getByTestId('screen-looking-back').count()).toBe(0);
  expect(await host.getByTestId('room-sees').count()).toBe(0);
  expect(await host.getByRole('button', { name: 'Libérer l’écran' }).count()).toBe(0);

  // Led from a phone: *Ramener tout le monde* is within it, not past the edge of the row of
  // earlier steps, which scrolls sideways.
  await host.setViewportSize({ width: 390, height: 800 });
  const lead = host.getByRole('button', { name: 'Ramener tout le monde à l’étape en cours' });
  const box = (await lead.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
}, 240_000);
