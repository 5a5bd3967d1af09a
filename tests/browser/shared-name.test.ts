// Two people of one name (seen in an exploratory run): each typed his first name only, and
// the list of people, and the host's list of owners for an action, showed two identical
// "Philippe". Each of them is now asked to add what tells him apart, and the lists number
// them meanwhile, alike on every device.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomOfPhones, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const NAMES = ['Philippe', 'Anne Morel', 'Luc Perrin', 'philippe ', 'Nina Roche', 'Marc Blanc', 'Sophie Roux', 'Paul Durand'];

const namesIn = (page: Page) => page.getByTestId('present-person').locator('.person-name').allTextContents();

test('two Philippe in a room of eight phones are told apart, and asked to add an initial', async () => {
  const { host, phones } = await roomOfPhones(env, 'shared-name', { names: NAMES.map((n) => n.trim()) });
  await eventually(async () => (await namesIn(host)).length).toBe(9);

  // The two are numbered, alike on the host's laptop and on a third phone.
  const numbered = (await namesIn(host)).filter((n) => /^philippe \(\d\)$/i.test(n));
  expect(numbered.map((n) => n.slice(-3)).sort()).toEqual(['(1)', '(2)']);
  await phones[1]!.getByTestId('presence').locator('summary').tap();
  expect((await namesIn(phones[1]!)).filter((n) => /^philippe \(\d\)$/i.test(n))).toEqual(numbered);
  // Each Philippe, and only they, is asked to add what tells him apart.
  const notice = (page: Page) => page.getByTestId('shared-name');
  for (const i of [0, 3]) await notice(phones[i]!).getByText(/^Une autre personne ici s’appelle aussi philippe\./i).waitFor();
  for (const i of [1, 2, 4, 5, 6, 7]) expect(await notice(phones[i]!).count()).toBe(0);
  expect(await notice(host).count()).toBe(0);
  await screenshot(phones[0]!, 'shared-name-notice');
  const box = (await notice(phones[0]!).boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  // In the Synthèse, the host's list of owners tells them apart too.
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();
  await phaseIs(host, 'Synthèse');
  const owners = await host.getByLabel('Porteur').first().locator('option').allTextContents();
  expect(owners.filter((o) => /^philippe/i.test(o)).sort()).toEqual([...numbered].sort());
  // An action each: the plan tells them apart as the lists do.
  for (const [i, label] of [...numbered].sort().entries()) {
    await host.getByLabel('Action', { exact: true }).fill(`Action ${i + 1} de ${label}`);
    await host.getByLabel('Porteur').first().selectOption({ label });
    await host.getByRole('button', { name: 'Ajouter l’action' }).click();
  }
  for (const [i, label] of [...numbered].sort().entries()) {
    await eventually(() => host.getByTestId('action-item').filter({ hasText: `Action ${i + 1} de` }).getByTestId('action-owner').textContent()).toBe(label);
  }
  // The closing round too: each is asked for his words by a name the room can tell apart.
  await host.getByRole('button', { name: 'Ouvrir le tour de clôture' }).click();
  const inRound = await host.getByTestId('closing-person').locator('.closing-name').allTextContents();
  expect(inRound.filter((n) => /^philippe/i.test(n)).map((n) => n.replace(/ (pas encore|a écrit).*$/, '')).sort()).toEqual([...numbered].sort());
  await host.getByRole('button', { name: 'Terminer le tour de clôture' }).click();

  // The first adds his initial; nobody is asked any more, and nobody is numbered.
  // The other keeps his name: he is not asked again; the first still is.
  await notice(phones[3]!).getByRole('button', { name: 'Garder ce nom' }).tap();
  await eventually(() => notice(phones[3]!).count()).toBe(0);
  expect(await notice(phones[0]!).count()).toBe(1);
  // The field holds his name and a space, for the initial.
  expect(await notice(phones[0]!).getByRole('textbox', { name: 'Votre nom' }).inputValue()).toBe('Philippe ');
  await notice(phones[0]!).getByRole('textbox', { name: 'Votre nom' }).fill('Philippe M.');
  await notice(phones[0]!).getByRole('button', { name: 'Enregistrer' }).click();
  await eventually(async () => (await namesIn(host)).filter((n) => /^philippe/i.test(n)).sort()).toEqual(['Philippe M.', 'philippe']);
  for (const i of [0, 3]) await eventually(() => notice(phones[i]!).count()).toBe(0);
  await eventually(async () => (await host.getByLabel('Porteur').first().locator('option').allTextContents()).filter((o) => /^philippe/i.test(o)).sort()).toEqual(['Philippe M.', 'philippe']);
  // The plan reads him by his name now: the two actions' owners are told apart by it (the
  // plan, the screen and the summary said "Philippe" for both, after he added his initial).
  await eventually(async () => (await host.getByTestId('action-owner').allTextContents()).sort()).toEqual(['Philippe M.', 'philippe']);
  for (const page of phones.slice(1, 3)) await eventually(async () => (await page.getByTestId('action-owner').allTextContents()).sort()).toEqual(['Philippe M.', 'philippe']);
}, 240_000);
