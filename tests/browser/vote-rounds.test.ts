// A round on the themes, then one on the ideas (seen with eight phones in an exploratory
// run): the second started at "Points restants : 2 sur 5" on every phone that had voted on
// groups, the group rows gone with their "−", and nothing said why. Each kind now has its
// own budget (shared/session/votes.ts), on the server as on the phones.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { createGroup, setStickyGroup, getStickies } from '../../shared/session/index.ts';
import { addIdea, eventually, phaseIs, roomOfPhones, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
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
