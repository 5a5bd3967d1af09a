// The host writing his action plan on a phone (seen in an exploratory run): the action's
// field was one line, forty characters of a long action in sight, and a due date of
// 1 January 2020, in a session of December 2026, went onto the plan unremarked; a year of
// five digits, which the date field takes, was sent, refused, and the action lost.
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomOfPhones, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const LONG = 'Monter le dossier BPI Deeptech avec le cabinet de Grenoble, chiffrer la ligne pilote et le recrutement de deux techniciens';

test('on a phone the host reads his whole action as he types it, a past or impossible due date is said, and Enter adds it for eight phones', async () => {
  const { host, phones } = await roomOfPhones(env, 'action-form-phone', { count: PHONES, hostPhone: true });
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Synthèse')));

  // A member whose phone dropped off the network is still one of the room: the host gives
  // him an action (the list offered the devices connected only).
  await phones[7]!.context().setOffline(true);
  const owners = () => host.getByLabel('Porteur').locator('option').allTextContents();
  await host.getByText('8 personnes ici').waitFor();
  expect(await owners()).toEqual(['À définir', 'Claire Mugnier', ...Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`)]);
  await host.getByLabel('Porteur').selectOption({ label: 'Membre 8' });

  const field = host.getByLabel('Action', { exact: true });
  await field.fill(LONG);
  // Every word in sight: the field grew to hold it.
  // (A one-line field ran the words past its right edge: scrollWidth over clientWidth.)
  const whole = await field.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().width <= 390);
  expect(whole).toBe(true);
  await host.getByLabel('Échéance').fill('2020-01-01');
  await eventually(() => host.getByTestId('due-read').textContent()).toBe('1er janvier 2020 : date déjà passée');
  await screenshot(host, 'action-form-phone');
  // A five-digit year, typed (the date field takes it): said at once, and the action is not
  // sent. Sent, the server refused it, the phone undid it, and the emptied form had lost it.
  const due = host.getByLabel('Échéance');
  await due.fill('');
  await due.focus();
  await host.keyboard.type('310320277');
  await eventually(() => host.getByTestId('due-read').textContent()).toBe('Date invalide : l’année a quatre chiffres (jj/mm/aaaa).');
  await host.getByRole('button', { name: 'Ajouter l’action' }).click();
  expect(await field.inputValue()).toBe(LONG);
  expect(await host.evaluate(() => document.activeElement?.id)).toBe('action-due');
  await due.fill('2027-03-31');
  await eventually(() => host.getByTestId('due-read').textContent()).toBe('31 mars 2027');
  // Enter adds it, as in the one-line field.
  await field.focus();
  await host.keyboard.press('End');
  await host.keyboard.press('Enter');
  await eventually(() => field.inputValue()).toBe('');
  await phones[7]!.context().setOffline(false);
  for (const page of phones) await page.getByTestId('action-item').filter({ hasText: LONG }).waitFor();
  expect(await phones[7]!.getByTestId('action-item').textContent()).toContain('Membre 8');
  // One action on every phone (the refused one never left), and no refusal for the host.
  for (const page of phones) expect(await page.getByTestId('action-item').count()).toBe(1);
  expect(await host.getByText(/Refusé par la séance/).count()).toBe(0);
}, 240_000);
