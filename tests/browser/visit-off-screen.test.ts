// A Visite note goes to every phone and to the room's screen, with its author's name. Seen in
// an exploratory run: a frank *Risque* ("le chef d'atelier ne délègue rien") stood on the
// screen while the host's own people walked past, and nobody could take it off. The host
// (or a facilitator) now takes one off the screen, or puts it back; phones keep it, and
// say it is off the screen. The server decides (tests/integration/facilitation.test.ts).
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const FRANK = 'Le chef d’atelier ne délègue rien';

const noteOn = (page: Page, text: string) => page.getByTestId('visit-note').filter({ hasText: text });
const screenTexts = (screen: Page) => screen.locator('.screen-note:not(.overflowed) .screen-note-text').allTextContents();

test('the host takes a frank Visite note off the room’s screen; every phone keeps it and says so; he puts it back', async () => {
  const { host, screen, phones } = await roomWithScreen(env, 'visit-off-screen', PHONES);
  await host.getByRole('button', { name: 'Passer à : Visite' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Visite')));
  const texts = phones.map((_, i) => (i === 3 ? FRANK : `Observation ${i + 1} : atelier rangé`));
  await Promise.all(
    phones.map(async (page, i) => {
      if (i === 3) await page.getByRole('radio', { name: 'Risque' }).check();
      await page.getByLabel('Votre note').fill(texts[i]!);
      await page.getByRole('button', { name: 'Ajouter la note' }).click();
    }),
  );
  await eventually(() => screen.getByTestId('screen-visit-kicker').textContent()).toMatch(/ 8 notes$|sur 8$/);
  await eventually(async () => (await screenTexts(screen)).includes(FRANK)).toBe(true);
  // A member reads no such control, on his own note or another's.
  await noteOn(phones[3]!, FRANK).waitFor();
  expect(await phones[3]!.getByRole('button', { name: 'Retirer de l’écran' }).count()).toBe(0);
  expect(await phones[0]!.getByRole('button', { name: 'Retirer de l’écran' }).count()).toBe(0);

  await noteOn(host, FRANK).getByRole('button', { name: 'Retirer de l’écran' }).click();
  await eventually(() => screen.getByTestId('screen-visit-kicker').textContent()).toMatch(/ 7 notes$|sur 7$/);
  expect(await screenTexts(screen)).not.toContain(FRANK);
  expect(await screen.getByText(FRANK).count()).toBe(0);
  // Every phone keeps it, marked; its author too.
  for (const page of phones) await noteOn(page, FRANK).getByTestId('note-off-screen').getByText('Hors écran').waitFor();
  for (const page of phones) expect(await page.getByTestId('note-off-screen').count()).toBe(1);
  await noteOn(host, FRANK).getByRole('button', { name: 'Remettre à l’écran' }).waitFor();
  await noteOn(host, FRANK).scrollIntoViewIfNeeded();
  await screenshot(host, 'visit-off-screen-host');
  await noteOn(phones[3]!, FRANK).scrollIntoViewIfNeeded();
  await screenshot(phones[3]!, 'visit-off-screen-author');
  await screenshot(screen, 'visit-off-screen-screen');

  // A reload of the screen does not bring it back: it is the session's, not the screen's.
  await screen.reload();
  await eventually(() => screen.getByTestId('screen-visit-kicker').textContent()).toMatch(/ 7 notes$|sur 7$/);
  expect(await screen.getByText(FRANK).count()).toBe(0);

  await noteOn(host, FRANK).getByRole('button', { name: 'Remettre à l’écran' }).click();
  await eventually(async () => (await screenTexts(screen)).includes(FRANK)).toBe(true);
  for (const page of phones) await eventually(() => page.getByTestId('note-off-screen').count()).toBe(0);

  // The screen's own tools set its language, kept on its computer across a reload.
  await screen.getByRole('button', { name: 'English' }).focus();
  await screen.keyboard.press('Enter');
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Visit');
  await screen.reload();
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Visit');
}, 240_000);
