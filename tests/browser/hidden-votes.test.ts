// A round that hides its counts, as the room lives it: eight phones vote, the host and the
// screen read how many people have given points and nothing of where, and neither does a
// member's script reading the session document; the close puts every point on the board at
// once and the screen shows the ranking. A phone that voted offline meanwhile is told, in
// French, that the vote was closed, where it is reading, and its late point counts nowhere.
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, eventually, join, joinInPairs, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const IDEAS = ['Racheter un bureau d’études', 'Embaucher un ingénieur hydrogène', 'Exposer au salon Hyvolution', 'Créer une filiale à Grenoble'] as const;

test('eight phones vote with the counts hidden; the close shows the ranking; a point given offline meanwhile is refused and said so', async () => {
  const links = await createSession(env.server.baseUrl);
  const ws = env.server.baseUrl.replace('http', 'ws');
  const memberToken = new URL(links.member).searchParams.get('token') ?? '';
  const host = (await newDevice(env.browser)).page;
  const screen = (await newDevice(env.browser)).page;
  const devices = [];
  for (let i = 0; i < PHONES; i++) devices.push(await newDevice(env.browser, { phone: true }));
  const phones = devices.map((d) => d.page);
  onTestFailed(async () => {
    for (const [name, page] of [['host', host], ['screen', screen], ['phone-1', phones[0]!], ['phone-8', phones[PHONES - 1]!]] as const) {
      await screenshot(page, `failed-hidden-votes-${name}`).catch(() => undefined);
    }
  });
  await join(host, links.host, 'Claire Mugnier');
  await screen.goto(links.screen);
  await screen.getByTestId('screen-phase').waitFor();
  await joinInPairs(phones, links.member, phones.map((_, i) => `Membre ${i + 1}`));
  const paul = phones[PHONES - 1]!;
  // Paul's phone keeps working without network once its files are cached.
  await paul.locator('html[data-offline-ready="true"]').waitFor();

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  // Sophie's laptop writes the four ideas (a script with her own credential); another script
  // on the member link reads the session document as any member's device holds it.
  const sophie = await joinAs(env.server.baseUrl, links.id, memberToken, 'Sophie Roux');
  const writer = connectProvider(ws, links.id, sophie.credential);
  const reader = connectProvider(ws, links.id, memberToken);
  await Promise.all([whenSynced(writer), whenSynced(reader)]);
  await whenDoc(writer.doc, (d) => S.getPhase(d) === 'brainstorm');
  IDEAS.forEach((text, i) => S.addSticky(writer.doc, { participantId: sophie.participantId, name: sophie.name }, { text, x: 240 * i, y: 0 }));
  const idea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
  await Promise.all(phones.map((p) => idea(p, IDEAS[3]).waitFor()));

  await host.getByLabel('Points par personne').fill('2');
  await eventually(() => S.getBoardSettings(reader.doc).voteBudget).toBe(2);
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await Promise.all(phones.map((p) => p.getByText('Points restants : 2 sur 2').waitFor()));
  // Seven phones give both their points, Paul one, by tapping "Voter" in the list.
  await Promise.all(phones.slice(0, PHONES - 1).map(async (p, i) => {
    await idea(p, IDEAS[0]).getByRole('button', { name: 'Voter' }).tap();
    await idea(p, IDEAS[1 + (i % 3)]!).getByRole('button', { name: 'Voter' }).tap();
    await p.getByText('Points restants : 0 sur 2').waitFor();
    await eventually(() => idea(p, IDEAS[0]).getByTestId('idea-votes').textContent()).toBe('Vous : 1 point');
  }));
  await idea(paul, IDEAS[1]).getByRole('button', { name: 'Voter' }).tap();
  await paul.getByText('Points restants : 1 sur 2').waitFor();
  // Read aloud by their words: "+" and "−" are drawn, not said ("plus Voter").
  expect(await idea(paul, IDEAS[0]).getByRole('button', { name: /^Voter : / }).count()).toBe(1);
  expect(await idea(paul, IDEAS[1]).getByRole('button', { name: /^Retirer un point : / }).count()).toBe(1);

  // The host and the screen read how many people have given points; nobody reads where.
  await eventually(() => host.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  await eventually(() => screen.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  expect(await phones[0]!.getByTestId('voters').count()).toBe(0);
  await eventually(() => S.getHiddenVoteProgress(reader.doc).points).toBe(2 * (PHONES - 1) + 1);
  expect(S.getVotes(reader.doc)).toEqual([]);
  expect(await screen.getByTestId('vote-chart').count()).toBe(0);
  expect(await host.locator('.sticky .vote-count').count()).toBe(0);
  await eventually(() => idea(phones[1]!, IDEAS[1]).getByTestId('idea-votes').textContent()).toBe('Vous : 0 point');
  await screenshot(screen, 'hidden-votes-screen-open');

  // Paul loses the network and gives his last point; the host closes the round meanwhile.
  await devices[PHONES - 1]!.context.setOffline(true);
  await idea(paul, IDEAS[3]).getByRole('button', { name: 'Voter' }).tap();
  await paul.getByText('Points restants : 0 sur 2').waitFor();
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  // Every point given online lands at once: 7 on the first idea, 3 + Paul's on the second.
  await eventually(() => S.tally(reader.doc).countedVoteIds.length).toBe(2 * (PHONES - 1) + 1);
  await screen.getByTestId('vote-chart').waitFor();
  const values = () => screen.getByTestId('vote-value').allTextContents();
  await eventually(values).toEqual(['7', '4', '2', '2']);
  expect(await screen.getByTestId('vote-row').first().textContent()).toContain(IDEAS[0]);
  await eventually(() => idea(phones[0]!, IDEAS[0]).getByTestId('idea-votes').textContent()).toBe('7 points');
  await screenshot(screen, 'hidden-votes-screen-closed');

  // Back online, Paul's late point is refused; his phone says why where he is reading (at
  // the foot of the page, far below where the notice first shows), and shows the room's count.
  await paul.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const notice = paul.locator('[data-notice="rule"][data-rule="voting-closed"]');
  await devices[PHONES - 1]!.context.setOffline(false);
  await notice.getByText('le vote est fermé').waitFor();
  // The notice's place in the page, above the room's body, is scrolled out of view; it shows.
  expect((await paul.locator('.room-body').boundingBox())!.y).toBeLessThan(0);
  const box = (await notice.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(paul.viewportSize()!.height);
  await eventually(() => idea(paul, IDEAS[3]).getByTestId('idea-votes').textContent()).toBe('2 points');
  // The server took the point and undid it: nothing is left unsaved on his phone.
  await saveState(paul, 'Enregistré sur le serveur');
  await paul.evaluate(() => window.scrollTo(0, 0));
  await screenshot(paul, 'hidden-votes-late-point-refused');
  expect(S.tally(reader.doc).bySticky[S.getStickies(reader.doc).find((s) => s.text === IDEAS[3])!.id]).toBe(2);
  expect(await values()).toEqual(['7', '4', '2', '2']);
  destroyAll(writer, reader);
}, 300_000);
