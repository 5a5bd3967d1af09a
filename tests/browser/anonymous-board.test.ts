// The anonymous board, as the room lives it: the host turns on *Tableau anonyme*, eight
// phones write their ideas, and no device shows whose an idea is (each member reads *Vous*
// under his own), not the phones' list, not the host's canvas, not the screen, nor what a
// screen reader says of an idea, nor the frame around an idea someone selects. Turned off,
// the names come back, and a frame's name fades once its owner is still.
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, eventually, join, joinInPairs, newDevice, screenshot, scriptOn, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
const IDEAS = [
  'Racheter un bureau d’études', 'Embaucher un ingénieur hydrogène', 'Exposer au salon Hyvolution', 'Créer une filiale à Grenoble',
  'Former deux techniciens', 'Louer une ligne pilote', 'Candidater à France 2030', 'S’associer à un électrolyseur',
];
const ideaOf = (name: string) => IDEAS[names.indexOf(name)]!;

test('an anonymous board: eight phones, the host and the screen show no author but one’s own, nor a name on a frame; turned off, the names come back and fade when still', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const screen = (await newDevice(env.browser)).page;
  const phones: Page[] = [];
  for (let i = 0; i < PHONES; i++) phones.push((await newDevice(env.browser, { phone: true })).page);
  onTestFailed(async () => {
    for (const [name, page] of [['host', host], ['screen', screen], ['phone-1', phones[0]!]] as const) {
      await screenshot(page, `failed-anonymous-board-${name}`).catch(() => undefined);
    }
  });
  await join(host, links.host, 'Claire Mugnier');
  await screen.goto(links.screen);
  await screen.getByTestId('screen-phase').waitFor();
  await joinInPairs(phones, links.member, names);
  const reader = scriptOn(env.server, links, 'screen');
  await whenSynced(reader);

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  const anonymous = host.getByRole('button', { name: 'Tableau anonyme' });
  await anonymous.click();
  await eventually(() => anonymous.getAttribute('aria-pressed')).toBe('true');
  await whenDoc(reader.doc, (d) => S.getVotingSettings(d).anonymous);

  // Each member writes one idea from the list his phone opens the board as.
  await Promise.all(phones.map(async (p, i) => {
    await p.getByRole('button', { name: 'Nouvelle idée', exact: true }).tap();
    await p.getByRole('textbox', { name: 'Texte de l’idée' }).fill(ideaOf(names[i]!));
    await p.getByRole('button', { name: 'Terminé' }).tap();
  }));
  await whenDoc(reader.doc, (d) => S.getStickies(d).filter((s) => s.text.length > 0).length === PHONES);
  // The session document keeps its authors (the summary's contributions count them).
  expect(S.getStickies(reader.doc).map((s) => s.authorName).sort()).toEqual([...names].sort());

  const idea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
  await Promise.all(phones.map(async (p, i) => {
    for (const name of names) await idea(p, ideaOf(name)).waitFor();
    // Under his own idea "Vous"; under the others', nobody.
    expect(await idea(p, ideaOf(names[i]!)).locator('.idea-author').textContent()).toBe('Vous');
    const authors = await p.getByTestId('board-list').locator('.idea-author').allTextContents();
    expect(authors.filter((a) => a !== '')).toEqual(['Vous']);
  }));
  for (const page of [host, screen]) {
    await eventually(() => page.getByTestId('sticky').count()).toBe(PHONES);
    expect((await page.locator('.sticky-author').allTextContents()).every((a) => a === '')).toBe(true);
    const labels = await page.getByTestId('sticky').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(labels.every((l) => l.startsWith('Idée : '))).toBe(true);
  }
  // A member opens the canvas and selects his own idea: the others see a frame around it, in
  // the one colour of an anonymous board, with no name on it.
  const first = phones[0]!;
  await first.getByRole('button', { name: 'Tableau' }).tap();
  await first.getByRole('button', { name: 'Recentrer' }).tap();
  const tapIdea = (text: string) => first.getByTestId('sticky').filter({ hasText: text }).tap();
  await tapIdea(ideaOf(names[0]!));
  // His own idea, said to a screen reader as his, not as "Vous"'s.
  expect(await first.getByTestId('sticky').filter({ hasText: ideaOf(names[0]!) }).getAttribute('aria-label')).toBe(`Votre idée : ${ideaOf(names[0]!)}`);
  const frame = host.getByTestId('peer-selection');
  await frame.waitFor();
  expect(await frame.textContent()).toBe('');
  expect(await frame.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(91, 107, 140)');
  // The screen shows nobody's pointer nor frame, anonymous or not.
  await screen.getByTestId('peer-selection').waitFor({ state: 'attached' });
  expect(await screen.getByTestId('peer-selection').isVisible()).toBe(false);
  await screenshot(screen, 'anonymous-board-screen');

  // Turned off, every device names the authors again.
  await anonymous.click();
  await eventually(() => anonymous.getAttribute('aria-pressed')).toBe('false');
  await eventually(async () => (await host.locator('.sticky-author').allTextContents()).sort()).toEqual([...names].sort());
  await eventually(async () => (await screen.locator('.sticky-author').allTextContents()).sort()).toEqual([...names].sort());
  await eventually(() => idea(phones[1]!, ideaOf(names[0]!)).locator('.idea-author').textContent()).toBe(names[0]);
  // A frame names who selected the idea, then the name fades once he is still, off the idea.
  await tapIdea(ideaOf(names[1]!));
  const label = host.getByTestId('peer-selection').filter({ hasText: names[0] }).locator('span');
  await eventually(() => label.evaluate((el) => el.className)).toBe('');
  await eventually(() => label.evaluate((el) => el.className), 10_000).toBe('idle');
  destroyAll(reader);
}, 300_000);
