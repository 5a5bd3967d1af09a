// Issue 4: visit notes taken with no network are kept on the device, survive a reload while
// still offline, and reach the host when the network returns.
import { expect, onTestFailed, test } from 'vitest';
import { eventually, createSession, join, saveState, newDevice, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

const NOTES = ['Stock d’acier devant la presse 3', 'Pas de capteurs sur les tours', 'Chef d’atelier très pédagogue'];

test('notes taken offline are kept on the phone across a reload and reach the host when back online', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  const member = await newDevice(env.browser, { phone: true });
  onTestFailed(async () => {
    await screenshot(member.page, 'failed-offline-member').catch(() => undefined);
    await screenshot(host.page, 'failed-offline-host').catch(() => undefined);
  });
  await join(host.page, links.host, 'Claire Mugnier');
  await host.page.getByRole('button', { name: 'Passer à : Visite' }).click();
  await join(member.page, links.member, 'Sophie Roux');
  await member.page.getByLabel('Votre note').waitFor();
  // The page can reload without network once its files are cached.
  await member.page.locator('html[data-offline-ready="true"]').waitFor();

  await member.context.setOffline(true);
  await saveState(member.page, 'Gardé sur cet appareil');
  for (const note of NOTES) {
    await member.page.getByLabel('Votre note').fill(note);
    await member.page.getByRole('button', { name: 'Ajouter la note' }).click();
    await member.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  }
  // Shown once IndexedDB has committed them: only then is a reload safe.
  await saveState(member.page, 'Gardé sur cet appareil');
  expect(await host.page.getByTestId('visit-note').count()).toBe(0);

  await member.page.reload();
  await saveState(member.page, 'Gardé sur cet appareil');
  for (const note of NOTES) await member.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  await screenshot(member.page, 'offline-visit-member-offline');

  await member.context.setOffline(false);
  await saveState(member.page, 'Enregistré sur le serveur');
  for (const note of NOTES) await host.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  await eventually(() => host.page.getByTestId('visit-note').count()).toBe(3);
  await screenshot(host.page, 'offline-visit-host-after');
}, 60_000);
