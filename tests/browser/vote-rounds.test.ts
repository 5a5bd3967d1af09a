// A round on the themes, then one on the ideas (seen with eight phones in an exploratory
// run): the second started at "Points restants : 2 sur 5" on every phone that had voted on
// groups, the group rows gone with their "−", and nothing said why. Each round now gives
// the whole budget (shared/session/votes.ts), on the server as on the phones.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { addSticky, createGroup, setStickyGroup, getHiddenVoteProgress, getStickies } from '../../shared/session/index.ts';
import { addIdea, eventually, phaseIs, roomOfPhones, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { seedSession } from '../helpers/seed.ts';

const env = useBrowserAndServer();
const PHONES = 8;

const left = (page: Page) => page.getByText(/^Points restants : \d+ sur \d+$/).first().textContent();

test('after a round on groups, a round on ideas starts with every point on eight phones', async () => {
  const { links, host, phones } = await roomOfPhones(env, 'vote-rounds', { count: PHONES });
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  // No private writing here: each writer reads that his ideas are read by all as written
  // (the rule says "d'abord en privé"); the host, while nothing is written, is offered to
  // start private writing first.
  for (const page of phones) await eventually(() => page.getByTestId('public-hint').textContent()).toBe('Vos idées sont lues de tous dès qu’elles sont écrites.');
  expect(await host.getByRole('button', { name: 'Lancer l’écriture privée' }).getAttribute('class')).toBe('primary');
  await Promise.all(phones.map((page, i) => addIdea(page, `Idée ${i + 1} : financer la ligne par ${i % 2 ? 'leasing' : 'BPI'}`)));
  // The host sorted them into two themes.
  await seedSession(env.server.app, links.id, (doc) => {
    const person = { participantId: 'server', name: 'Claire Mugnier' };
    const groups = [createGroup(doc, person, 'Leasing'), createGroup(doc, person, 'BPI')];
    for (const s of getStickies(doc)) setStickyGroup(doc, s.id, groups[s.text.includes('leasing') ? 0 : 1]!);
  });

  await host.getByLabel('On vote sur').selectOption({ label: 'les groupes' });
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await Promise.all(
    phones.map(async (page) => {
      await eventually(() => left(page)).toBe('Points restants : 5 sur 5');
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Voter pour le groupe BPI' }).tap();
      await eventually(() => left(page)).toBe('Points restants : 2 sur 5');
    }),
  );
  // Closed once the server holds every point (a phone reads *2 sur 5* before its last point
  // has reached the server, and a close then left it out).
  await eventually(async () => {
    let points = 0;
    await seedSession(env.server.app, links.id, (doc) => { points = getHiddenVoteProgress(doc).points; });
    return points;
  }).toBe(PHONES * 3);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  // The round closed, every phone reads its ranking at the top, as the screen shows it.
  for (const page of phones) {
    const results = page.getByTestId('vote-results');
    await eventually(() => results.getByTestId('vote-row').count()).toBe(1);
    expect(await results.getByTestId('vote-row').first().textContent()).toBe(`Groupe · BPI${PHONES * 3}`);
  }
  await screenshot(phones[0]!, 'vote-rounds-results');
  await host.getByLabel('On vote sur').selectOption({ label: 'les idées' });
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  // Once a round has been held, the hint has said its part.
  expect(await phones[0]!.getByTestId('public-hint').count()).toBe(0);
  // Every phone has its five points for the ideas; nobody has given any in this round yet.
  // The last round's ranking gives way to the open one.
  for (const page of phones) await eventually(() => left(page)).toBe('Points restants : 5 sur 5');
  for (const page of phones) expect(await page.getByTestId('vote-results').count()).toBe(0);
  await eventually(() => host.getByTestId('voters').textContent()).toBe('Personne n’a encore donné de points');
  await screenshot(phones[0]!, 'vote-rounds-second');
  expect(await phones[0]!.getByRole('button', { name: 'Voter pour le groupe BPI' }).count()).toBe(0);

  // In the open round the host cannot lower the points (it took back points already given,
  // unseen by their voters) nor change what it is on; the refusal is in French.
  expect(await host.getByLabel('On vote sur').isDisabled()).toBe(true);
  await host.getByLabel('Points par personne').fill('3');
  await host.getByLabel('Points par personne').press('Enter');
  await eventually(() => host.getByRole('alert').filter({ hasText: 'Refusé par le serveur' }).textContent()).toBe(
    'Refusé par le serveur : un vote est ouvert : ses points peuvent être augmentés, pas réduits, avant sa clôture',
  );
  await eventually(() => host.getByLabel('Points par personne').inputValue()).toBe('5');
  for (const page of phones) expect(await left(page)).toBe('Points restants : 5 sur 5');
  // Raised to 10 typed key by key: sent once typed (at each key, "1" was refused and the
  // field, back to 5, made the "0" a 50).
  await host.getByLabel('Points par personne').click();
  await host.keyboard.press('Control+A');
  await host.keyboard.type('10');
  await host.keyboard.press('Enter');
  for (const page of phones) await eventually(() => left(page)).toBe('Points restants : 10 sur 10');
}, 240_000);

// The run-off, the usual second round among the top ideas: it opened with every phone that
// had spent its points at "Points restants : 0 sur 5", nothing to vote with, since the budget
// was per kind of target (ideas, groups), not per round. Each round now gives it whole, and
// shows its own results; the first round's stay a tap away.
test('a run-off on the ideas gives eight phones their five points again, and its results are its own', async () => {
  const { links, host, phones, screen } = await roomWithScreen(env, 'vote-runoff', PHONES);
  const IDEAS = ['Embaucher un ingénieur hydrogène', 'Exposer au salon Hyvolution', 'Racheter un bureau d’études', 'Créer une filiale à Grenoble'] as const;
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  await seedSession(env.server.app, links.id, (doc) => {
    IDEAS.forEach((text, i) => addSticky(doc, { participantId: 'server', name: 'Claire Mugnier' }, { text, x: 240 * i, y: 0 }));
  });
  // The points the server holds for the open round (hidden counts): a phone reads *0 sur 5*
  // before its last point has reached the server, and a close then left it out.
  const given = async () => {
    let points = 0;
    await seedSession(env.server.app, links.id, (doc) => { points = getHiddenVoteProgress(doc).points; });
    return points;
  };
  const idea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
  const vote = (page: Page, text: string) => idea(page, text).getByRole('button', { name: 'Voter' }).tap();
  await Promise.all(phones.map((page) => idea(page, IDEAS[3]).waitFor()));

  // Round 1 on the ideas: three points on the first, two on the second, on every phone.
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await Promise.all(
    phones.map(async (page) => {
      await eventually(() => left(page)).toBe('Points restants : 5 sur 5');
      for (let i = 0; i < 3; i++) await vote(page, IDEAS[0]);
      for (let i = 0; i < 2; i++) await vote(page, IDEAS[1]);
      await eventually(() => left(page)).toBe('Points restants : 0 sur 5');
    }),
  );
  await eventually(() => host.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  await eventually(given).toBe(PHONES * 5);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await screen.getByTestId('vote-chart').waitFor();
  const values = (page: Page) => page.getByTestId('vote-chart').getByTestId('vote-value').allTextContents();
  await eventually(() => values(screen)).toEqual([`${PHONES * 3}`, `${PHONES * 2}`]);
  expect(await screen.locator('#vote-chart-title').textContent()).toBe('Résultats du vote');

  // The run-off, on the same ideas: every phone has its five points, and can give them.
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  for (const page of phones) await eventually(() => left(page)).toBe('Points restants : 5 sur 5');
  await eventually(() => host.getByTestId('voters').textContent()).toBe('Personne n’a encore donné de points');
  await screenshot(phones[0]!, 'vote-runoff-open');
  await Promise.all(
    phones.map(async (page) => {
      for (let i = 0; i < 5; i++) await vote(page, IDEAS[1]);
      await eventually(() => left(page)).toBe('Points restants : 0 sur 5');
      expect(await idea(page, IDEAS[0]).getByRole('button', { name: 'Voter' }).count()).toBe(0);
    }),
  );
  await eventually(() => host.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  await eventually(given).toBe(PHONES * 5);
  await host.getByRole('button', { name: 'Clore le vote' }).click();

  // Its results are its own: the second idea alone, all forty points; not the sum of both rounds.
  await eventually(() => values(screen)).toEqual([`${PHONES * 5}`]);
  expect(await screen.locator('#vote-chart-title').textContent()).toBe('Résultats du vote 2');
  expect(await screen.getByTestId('vote-row').first().textContent()).toContain(IDEAS[1]);
  for (const page of phones) {
    await eventually(() => values(page)).toEqual([`${PHONES * 5}`]);
    await eventually(() => idea(page, IDEAS[1]).getByTestId('idea-votes').textContent()).toBe(`${PHONES * 5} points`);
  }
  // The first round's results are kept, a tap away.
  const rounds = phones[0]!.getByTestId('vote-rounds');
  expect(await rounds.getByRole('button', { name: 'Vote 2' }).getAttribute('aria-pressed')).toBe('true');
  await rounds.getByRole('button', { name: 'Vote 1' }).tap();
  await eventually(() => values(phones[0]!)).toEqual([`${PHONES * 3}`, `${PHONES * 2}`]);
  await screenshot(phones[0]!, 'vote-runoff-first-round');

  // A vote opened and closed with nobody voting: the screen (no "Vote 1" to press there)
  // keeps the run-off's results in sight and says the last vote got none; it showed
  // "Résultats du vote 3 — Aucun vote".
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await eventually(() => screen.getByTestId('vote-chart').count()).toBe(0);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await screen.getByTestId('vote-chart').waitFor();
  await eventually(() => values(screen)).toEqual([`${PHONES * 5}`]);
  expect(await screen.locator('#vote-chart-title').textContent()).toBe('Résultats du vote 2');
  expect(await screen.getByTestId('vote-empty-round').textContent()).toBe('Le dernier vote n’a reçu aucun point : voici les résultats d’avant.');
  await screenshot(screen, 'vote-runoff-empty-round-screen');

  // The host sorts the ideas into themes, and the room votes on them: Recrutement first,
  // though the run-off's forty points are on Développement's idea.
  await seedSession(env.server.app, links.id, (doc) => {
    const person = { participantId: 'server', name: 'Claire Mugnier' };
    const hiring = createGroup(doc, person, 'Recrutement');
    const growth = createGroup(doc, person, 'Développement');
    for (const sticky of getStickies(doc)) setStickyGroup(doc, sticky.id, sticky.text === IDEAS[1] || sticky.text === IDEAS[3] ? growth : hiring);
  });
  await host.getByLabel('On vote sur').selectOption({ label: 'les groupes' });
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await Promise.all(
    phones.map(async (page, i) => {
      await eventually(() => left(page)).toBe('Points restants : 5 sur 5');
      for (let n = 0; n < 5; n++) await page.getByRole('button', { name: `Voter pour le groupe ${i < 4 || n < 3 ? 'Recrutement' : 'Développement'}` }).tap();
      await eventually(() => left(page)).toBe('Points restants : 0 sur 5');
    }),
  );
  await eventually(() => host.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  await eventually(given).toBe(PHONES * 5);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  // Recrutement 32 (four phones' five, four phones' three), Développement 8: the room's own.
  await eventually(() => values(screen)).toEqual(['32', '8']);

  // The Synthèse puts first what the run-off put first among the ideas, and what the round
  // on groups put first among the groups, each under its own heading (the groups were
  // listed under "Idées les plus votées", Développement first with its idea's forty points).
  await host.getByRole('button', { name: 'Passer à : Synthèse' }).click();
  const top = screen.getByTestId('screen-top-ideas').locator('li');
  await eventually(() => top.count()).toBe(1);
  expect(await screen.locator('#screen-top').textContent()).toBe('Idées les plus votées');
  expect(await top.first().textContent()).toContain(IDEAS[1]);
  expect(await top.first().textContent()).toContain(`${PHONES * 5} points`);
  expect(await screen.locator('#screen-top-groups').textContent()).toBe('Groupes les plus votés');
  expect(await screen.getByTestId('screen-top-groups').locator('li').allTextContents()).toEqual(['1Recrutement 32 points', '2Développement 8 points']);
  await screenshot(screen, 'vote-rounds-synthesis-screen');

  // The summary says the same: the groups by the round on them, and what everyone gave in
  // every round (8 × 5 in each of three rounds with points).
  const token = new URL(links.member).searchParams.get('token') ?? '';
  const md = await (await phones[0]!.context().request.get(`${env.server.baseUrl}/api/sessions/${links.id}/summary?token=${token}&format=md&lang=fr`)).text();
  expect(md).toContain('4 idées, 8 votants, 120 points comptés sur 3 votes (5 par membre à chaque vote).');
  expect(md).toContain('### Regroupements\n\n- **1** — **Recrutement** (32 points)');
  expect(md).toContain('- **2** — **Développement** (8 points)');
  expect(md).toContain('- **1** — Exposer au salon Hyvolution (40 points');
  // Each phone gave five points in each of the three rounds: fifteen given (it read ten, the first round left out).
  expect(md.match(/\| 0 \| 0 \| 0 \| 15 \| 0 \|/g)).toHaveLength(PHONES);
  const reader = await phones[0]!.context().newPage();
  await reader.goto(`${env.server.baseUrl}/s/${links.id}/summary?token=${token}&lang=fr`);
  const groups = reader.getByTestId('groups-chart');
  await groups.waitFor();
  // Each group's title, then its ideas (in the order the board holds them, seeded at one instant).
  expect((await groups.locator('.bar-label').allTextContents()).map((label) => label.split(' · ')[0])).toEqual(['Recrutement', 'Développement']);
  expect(await groups.locator('.bar-votes').allTextContents()).toEqual(['32 points', '8 points']);
}, 360_000);
