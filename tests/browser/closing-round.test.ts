// The closing round of the Synthèse, in a room of eight phones, the host's laptop and the
// room's screen: each member says what he brought and takes away. The screen showed only
// the plan, and nobody's learnings, ever: the round happened without it.
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;


test('the host runs the closing round: the screen shows who has written, then the words of each one as he speaks', async () => {
  const { links, host, screen, phones, names } = await roomWithScreen(env, 'closing-round', PHONES);
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();

  // Six of the eight write theirs.
  const brought = (i: number) => `Le contact de mon banquier chez Bpifrance, dit par ${names[i]}`;
  const takeAway = (i: number) => `Recruter en alternance avec le lycée de Cluses, retenu par ${names[i]}`;
  await Promise.all(
    phones.slice(0, 6).map(async (page, i) => {
      await phaseIs(page, 'Synthèse');
      await page.getByLabel('Ce que j’ai apporté').fill(brought(i));
      await page.getByLabel('Ce que j’emporte').fill(takeAway(i));
      await page.getByLabel('Ce que j’ai apporté').focus();
    }),
  );
  for (let i = 0; i < 6; i++) await host.getByTestId('learning').filter({ hasText: brought(i) }).waitFor();
  // Only the host (or a facilitator) runs the round.
  expect(await phones[6]!.getByRole('button', { name: 'Ouvrir le tour de clôture' }).count()).toBe(0);
  await eventually(() => screen.getByTestId('screen-synthesis').count()).toBe(1);

  // From the keyboard: the button pressed goes with the press, and the focus goes to the
  // round's first step (it fell to the page's body).
  await host.getByRole('button', { name: 'Ouvrir le tour de clôture' }).focus();
  await host.keyboard.press('Enter');
  await eventually(() => host.evaluate(() => document.activeElement?.textContent)).toBe('À l’écran : Claire Mugnier');
  // The screen names the round and counts who has written, among the nine in the room.
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Tour de clôture');
  await eventually(() => screen.getByTestId('screen-closing-count').textContent()).toBe('6 sur 9 ont écrit');
  expect(await screen.getByTestId('screen-closing-person').allTextContents()).toEqual([
    '· Claire Mugnier', ...names.map((name, i) => `${i < 6 ? '✓' : '·'} ${name}`),
  ]);
  // Every phone calls its member to the round, the two who had not written too.
  for (const page of phones) await eventually(() => page.getByTestId('closing-kicker').textContent()).toMatch(/^Tour de clôture : chacun dit/);
  await eventually(() => host.getByRole('status').filter({ hasText: 'personnes sur 9' }).textContent()).toBe(
    '6 personnes sur 9 ont écrit ce qu’elles ont apporté et emportent.',
  );
  // A seventh writes while the round runs: the screen counts him.
  await phones[6]!.getByLabel('Ce que j’ai apporté').fill('Mon expérience du rachat d’un concurrent');
  await phones[6]!.getByLabel('Ce que j’emporte').focus();
  await eventually(() => screen.getByTestId('screen-closing-count').textContent()).toBe('7 sur 9 ont écrit');

  // Round the table: the host puts the third member's words on the screen, large.
  await host.getByRole('button', { name: 'Mettre les mots de Membre 3 à l’écran' }).click();
  const shown = screen.getByTestId('screen-closing-shown');
  await eventually(() => shown.getByRole('heading').textContent()).toBe('Membre 3');
  expect(await shown.textContent()).toContain(`A apporté : ${brought(2)}`);
  expect(await shown.textContent()).toContain(`Emporte : ${takeAway(2)}`);
  // Her phone tells her; the others' do not.
  await eventually(() => phones[2]!.getByTestId('closing-kicker').textContent()).toBe('Vos mots sont à l’écran : à vous la parole.');
  expect(await phones[3]!.getByTestId('closing-kicker').textContent()).toMatch(/^Tour de clôture/);
  // Whole on the screen, at a size read from the back of the room, the names beside.
  const bottom = await screen.locator('.screen-main').evaluate((el) => el.getBoundingClientRect().bottom);
  const lowest = await screen.getByTestId('screen-closing-round').locator('p, li, h2').evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().bottom)));
  expect(lowest).toBeLessThanOrEqual(bottom + 0.5);
  expect(await shown.locator('p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
  await screenshot(screen, 'screen-closing-round');
  await screenshot(phones[2]!, 'phone-closing-round-on-screen');

  // *À l'écran : Membre 4*, the next one round the table.
  // Double-clicked: the second click met *À l’écran : Membre 5* under the pointer and skipped
  // Membre 4 for her. One click, one person.
  await host.getByRole('button', { name: 'À l’écran : Membre 4' }).dblclick();
  await eventually(() => shown.getByRole('heading').textContent()).toBe('Membre 4');
  await host.getByRole('button', { name: 'À l’écran : Membre 5' }).waitFor();
  expect(await shown.getByRole('heading').textContent()).toBe('Membre 4');
  await eventually(() => phones[2]!.getByTestId('closing-kicker').textContent()).toMatch(/^Tour de clôture/);
  // One who wrote nothing: the screen says he says it aloud.
  await host.getByRole('button', { name: 'Mettre les mots de Membre 8 à l’écran' }).click();
  await eventually(() => shown.textContent()).toBe('Membre 8Membre 8 n’a rien écrit : à dire à la salle.');
  await screenshot(host, 'host-closing-round');

  // Ended, the screen shows the plan again, and the phones no longer call to the round.
  await host.getByRole('button', { name: 'Terminer le tour de clôture' }).focus();
  await host.keyboard.press('Enter');
  await eventually(() => host.evaluate(() => document.activeElement?.textContent)).toBe('Ouvrir le tour de clôture');
  await eventually(() => screen.getByTestId('screen-synthesis').count()).toBe(1);
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Synthèse');
  for (const page of phones) await eventually(() => page.getByTestId('closing-kicker').count()).toBe(0);
}, 240_000);
