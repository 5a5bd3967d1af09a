// A member who joined on his phone opens the host link on that same phone (seen in an
// exploratory run): he became host with no word, a second participant of his name beside
// the member he was. Now he is asked (*Ce lien est celui de l’hôte : continuer comme hôte ?*):
// continuing makes the same participant the host, on the server; staying keeps him a member.
// The server's rule: tests/integration/leaders.test.ts.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, roomOfPhones, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** The host's list of who joined (in order of arrival: phones joining two at a time, sorted here). */
const people = async (host: Page) => (await host.getByTestId('access-person').locator('span').allTextContents()).sort();

test('a member’s phone that opens the host link is asked, and stays one person, on eight phones', async () => {
  const { host, phones, links } = await roomOfPhones(env, 'host-link-member', { count: PHONES });
  const [marc, nadia] = [phones[0]!, phones[1]!];
  await host.getByText('Liens et participants').click();
  const before = ['Claire Mugnier · hôte', ...phones.map((_, i) => `Membre ${i + 1} · membre`)].sort();
  await eventually(() => people(host)).toEqual(before);

  // Membre 2 opens it, and stays a member.
  await nadia.goto(links.host);
  await nadia.getByTestId('host-link-gate').getByText('Vous êtes dans cette séance comme membre, sous le nom Membre 2. Ce lien est celui de l’hôte : continuer comme hôte ?').waitFor();
  await nadia.getByRole('button', { name: 'Rester membre' }).tap();
  await saveState(nadia, 'Enregistré sur le serveur');
  await nadia.getByRole('button', { name: 'Lever la main' }).waitFor();
  expect(await nadia.getByRole('button', { name: /^Passer à/ }).count()).toBe(0);

  // Membre 1 opens it, and continues as the host: the same participant, now the host.
  await marc.goto(links.host);
  await marc.getByRole('button', { name: 'Continuer comme hôte' }).waitFor();
  await screenshot(marc, 'host-link-member-asked');
  await marc.getByRole('button', { name: 'Continuer comme hôte' }).tap();
  await marc.getByRole('button', { name: 'Passer à : Visite' }).waitFor();
  await marc.getByText('Liens et participants').waitFor();
  expect(await marc.getByRole('button', { name: 'Lever la main' }).count()).toBe(0);
  // One person, one participant: no second Membre 1 in the host's list, nor in anyone's.
  await host.getByText('Liens et participants').click();
  await host.getByText('Liens et participants').click();
  await eventually(() => people(host)).toEqual(['Claire Mugnier · hôte', 'Membre 1 · hôte', ...phones.slice(1).map((_, i) => `Membre ${i + 2} · membre`)].sort());
  for (const page of phones.slice(1)) {
    const list = page.getByTestId('presence');
    if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
    await eventually(() => list.getByTestId('present-person').filter({ hasText: 'Membre 1' }).locator('.tag').allTextContents()).toEqual(['hôte']);
    expect(await list.getByTestId('present-person').count()).toBe(PHONES + 1);
  }
  // He leads, as the server sees it: his move reaches every phone.
  await marc.getByRole('button', { name: 'Passer à : Visite' }).tap();
  for (const page of [host, ...phones]) await eventually(() => page.getByTestId('current-phase').textContent()).toBe('Visite');
}, 300_000);
