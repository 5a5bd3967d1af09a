// The shared screen: read-only, follows the phase and the section the host shows, and
// never tries to write (the server would answer a permission-denied message).
import { expect, onTestFailed, test } from 'vitest';
import {
  eventually, createSession, join, newDevice, screenshot, seriousA11yViolations, useBrowserAndServer,
} from '../helpers/browser.ts';

const env = useBrowserAndServer();

test('the shared screen follows the host, large and read-only', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const screenDevice = await newDevice(env.browser);
  const screen = screenDevice.page;
  onTestFailed(() => screenshot(screen, 'failed-screen').catch(() => undefined));
  const warnings: string[] = [];
  screen.on('console', (msg) => warnings.push(msg.text()));

  await join(host, links.host, 'Claire Mugnier');
  await screen.goto(links.screen);
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Présentation');
  expect(await screen.getByLabel('Votre nom').count()).toBe(0);

  await host.getByRole('textbox', { name: 'Problème' }).click();
  await host.keyboard.type('Trouver des clients dans l’hydrogène.');
  await host.getByRole('button', { name: 'Montrer à l’écran : Problème', exact: true }).click();
  await screen.getByRole('heading', { name: 'Problème', level: 2 }).waitFor();
  await screen.getByText('Trouver des clients dans l’hydrogène.').waitFor();
  expect(await screen.getByRole('heading', { name: 'Contexte' }).count()).toBe(0);
  await screenshot(screen, 'screen-presentation');
  expect(await seriousA11yViolations(screen)).toEqual([]);
  // Nobody at the screen's mouse: its own buttons leave the projection, and come back with it.
  const tools = screen.getByRole('button', { name: 'Plein écran' });
  const opacity = () => tools.evaluate((el) => getComputedStyle(el.parentElement!).opacity);
  await eventually(opacity).toBe('0');
  await screen.mouse.move(200, 300);
  await eventually(opacity).toBe('1');

  await host.getByRole('button', { name: 'Passer à : Visite' }).click();
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Visite');
  await host.getByLabel('Votre note').fill('Îlot robotisé neuf');
  await host.getByRole('button', { name: 'Ajouter la note' }).click();
  await screen.getByTestId('visit-note').filter({ hasText: 'Îlot robotisé neuf' }).waitFor();
  await screenshot(screen, 'screen-visit');
  expect(warnings.filter((w) => /permission denied/i.test(w))).toEqual([]);

  // Projected to the room, all being well is a dot, not words (they stay for screen readers);
  // trouble is said in full: offline, it says so, and claims no local copy (the screen keeps
  // nothing on the device).
  const badge = screen.locator('.save-state');
  await eventually(() => badge.getAttribute('data-state')).toBe('saved');
  expect(await badge.textContent()).toBe('Enregistré sur le serveur');
  expect((await badge.boundingBox())!.width).toBeLessThan(20);
  await screenDevice.context.setOffline(true);
  await screen.getByRole('status').filter({ hasText: 'Hors ligne' }).waitFor();
  expect((await badge.boundingBox())!.width).toBeGreaterThan(60);
  expect(await screen.getByText('Gardé sur cet appareil').count()).toBe(0);
}, 60_000);
