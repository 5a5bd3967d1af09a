// A leader acting while devices are offline, in a room of eight phones, the host's laptop and
// the room's screen (seen in an exploratory run). The host's laptop lost the network and he
// moved the session: his page showed the Questions, the room stayed on the Visite, and only a
// small badge said so. A facilitator revealed the private ideas with two phones offline, not
// told that what they wrote meanwhile would miss the reveal. A phone that dropped offline in
// the closing round vanished from it, and the host thought its member had not come.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { addIdea, eventually, phaseIs, roomWithScreen, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

const OFFLINE_LINE = 'Hors ligne : la salle ne suivrait pas. Les commandes de la séance reviennent à la reconnexion…';
const idea = (page: Page, text: string) => page.locator('[data-testid="sticky"], [data-testid="idea"]').filter({ hasText: text });

test('offline, the host’s moves that drive the room wait, and say why: the phase, the reveal, the vote round', async () => {
  const { host, screen, phones } = await roomWithScreen(env, 'leader-offline', PHONES);
  await host.getByRole('button', { name: 'Passer à : Visite' }).click();
  for (const page of phones) await phaseIs(page, 'Visite');
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Visite');

  // His laptop loses the network: *Passer à : Questions* is off, and he reads why.
  await host.context().setOffline(true);
  await eventually(() => host.getByTestId('leader-offline').textContent()).toBe(OFFLINE_LINE);
  const next = host.getByRole('button', { name: 'Passer à : Questions' });
  expect(await next.isDisabled()).toBe(true);
  expect(await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).isDisabled()).toBe(true);
  expect(await host.getByRole('button', { name: 'Revenir à : Présentation' }).isDisabled()).toBe(true);
  // His panel's controls too: a timer started now would start at the reconnection.
  expect(await host.getByRole('button', { name: 'Démarrer 10 min' }).isDisabled()).toBe(true);
  await screenshot(host, 'leader-offline-stepper');
  // A tap does nothing: his page stays where the room is.
  await next.click({ force: true });
  await phaseIs(host, 'Visite');
  // The room never moved.
  for (const page of phones) expect(await page.getByTestId('current-phase').textContent()).toBe('Visite');
  expect(await screen.getByTestId('screen-phase').textContent()).toBe('Visite');

  // Back online, synced: the line goes, the move is made, and the whole room follows.
  await host.context().setOffline(false);
  await saveState(host, 'Enregistré sur le serveur');
  await host.getByTestId('leader-offline').waitFor({ state: 'detached' });
  await next.click();
  for (const page of [host, ...phones]) await phaseIs(page, 'Questions');
  await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Questions');

  // In the brainstorm: the reveal and the vote round are commands of the server's; offline,
  // they would have gone at the reconnection, whenever it came.
  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  for (const page of phones) await page.getByText('Écriture privée : vos idées restent cachées').waitFor();
  await addIdea(phones[0]!, 'Un stagiaire de l’école des Mines');
  await eventually(() => screen.getByTestId('writing-ideas').textContent()).toBe('1 idée');
  await host.context().setOffline(true);
  await eventually(() => host.getByTestId('leader-offline').textContent()).toBe(OFFLINE_LINE);
  const reveal = host.getByRole('button', { name: 'Tout révéler' });
  expect(await reveal.isDisabled()).toBe(true);
  await reveal.click({ force: true });
  await host.context().setOffline(false);
  await saveState(host, 'Enregistré sur le serveur');
  await host.getByTestId('leader-offline').waitFor({ state: 'detached' });
  // Nothing went at the reconnection: the idea is still private on the other phones.
  expect(await screen.getByTestId('writing-ideas').textContent()).toBe('1 idée');
  expect(await idea(phones[1]!, 'Un stagiaire').count()).toBe(0);
  await reveal.click();
  for (const page of [screen, ...phones]) await idea(page, 'Un stagiaire de l’école des Mines').waitFor();

  await host.context().setOffline(true);
  await eventually(() => host.getByTestId('leader-offline').textContent()).toBe(OFFLINE_LINE);
  expect(await host.getByRole('button', { name: 'Ouvrir le vote' }).isDisabled()).toBe(true);
  await host.context().setOffline(false);
  await host.getByTestId('leader-offline').waitFor({ state: 'detached' });
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  for (const page of phones) await eventually(() => page.getByTestId('voting-state').textContent()).toBe('Vote ouvert');
}, 240_000);

test('before the reveal, the facilitator reads who is offline: what their phones wrote meanwhile misses it; she may reveal anyway', async () => {
  const { host, screen, phones, names } = await roomWithScreen(env, 'reveal-offline', PHONES);
  const anne = phones[0]!;
  await host.locator('.facilitators summary').click();
  await host.getByRole('button', { name: `Faire facilitateur : ${names[0]}` }).click();
  await anne.getByTestId('facilitator-notice').getByRole('button', { name: 'Compris' }).tap();
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  for (const page of phones) await page.getByText('Écriture privée : vos idées restent cachées').waitFor();
  await Promise.all(phones.slice(1).map((page, i) => addIdea(page, `Piste ${i + 2} pour la ligne pilote`)));
  await eventually(() => screen.getByTestId('writing-ideas').textContent()).toBe('7 idées');

  // Two phones lose the network; one writes there.
  await phones[2]!.context().setOffline(true);
  await phones[5]!.context().setOffline(true);
  await saveState(phones[2]!, 'Gardé sur cet appareil');
  await addIdea(phones[2]!, 'Piste écrite sans réseau');
  // Her hand cannot go up offline, and she reads why (raised, it went nowhere, unsaid).
  const hand = phones[2]!.getByRole('button', { name: 'Lever la main' });
  await eventually(() => hand.isDisabled()).toBe(true);
  expect(await hand.getAttribute('title')).toBe('Hors ligne : possible dès le retour du réseau');
  // Her list of people says they are gone (the server's presence): seven of the nine.
  await eventually(() => anne.locator('#presence-title').textContent(), 60_000).toMatch(/^7 personnes ici/);
  // The facilitator reveals: first she reads who is offline, and the ideas stay private.
  await anne.getByRole('button', { name: 'Tout révéler' }).tap();
  await eventually(() => anne.getByTestId('reveal-offline').locator('span').textContent()).toBe(
    `2 personnes hors ligne (${names[2]}, ${names[5]}) : leurs idées écrites sans réseau ne sont pas arrivées et ne seront pas révélées ; à leur retour, elles pourront les mettre au tableau.`,
  );
  await screenshot(anne, 'reveal-offline-phone');
  expect(await idea(phones[1]!, 'Piste 3 pour').count()).toBe(0);
  expect(await screen.getByTestId('writing-ideas').textContent()).toBe('7 idées');

  // She reveals anyway: the others' ideas are on every connected device.
  await anne.getByRole('button', { name: 'Révéler quand même' }).tap();
  for (const page of [host, screen, phones[1]!, phones[7]!]) {
    for (let i = 2; i <= PHONES; i++) await idea(page, `Piste ${i} pour la ligne pilote`).waitFor();
  }
  await anne.getByTestId('reveal-offline').waitFor({ state: 'detached' });
  // Back online, the offline phone's idea did miss it, as she was told.
  await phones[2]!.context().setOffline(false);
  await idea(phones[2]!, 'Piste écrite sans réseau').getByText('non partagée').waitFor();
  await eventually(() => hand.isDisabled()).toBe(false);
  expect(await idea(host, 'Piste écrite sans réseau').count()).toBe(0);
  await phones[5]!.context().setOffline(false);
}, 240_000);

test('a phone offline stays in the closing round, marked so, and counts once its words arrive; one who left without writing stays too', async () => {
  const { host, screen, phones, names } = await roomWithScreen(env, 'round-offline', PHONES);
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();
  const brought = (i: number) => `Mon carnet d’adresses à Annecy, dit par ${names[i]}`;
  await Promise.all(
    phones.slice(0, 5).map(async (page, i) => {
      await phaseIs(page, 'Synthèse');
      await page.getByLabel('Ce que j’ai apporté').fill(brought(i));
      await page.getByLabel('Ce que j’emporte').focus();
    }),
  );
  for (let i = 0; i < 5; i++) await host.getByTestId('learning').filter({ hasText: brought(i) }).waitFor();
  await host.getByRole('button', { name: 'Ouvrir le tour de clôture' }).click();
  await eventually(() => screen.getByTestId('screen-closing-count').textContent()).toBe('5 sur 9 ont écrit');

  // Membre 7's phone drops offline; Membre 8 closes his page without writing.
  const seventh = phones[6]!;
  await seventh.context().setOffline(true);
  await phones[7]!.close();
  // Both stay in the round, on the screen and for the host, marked; the count is of nine still.
  const expected = ['· Claire Mugnier', ...names.map((name, i) => `${i < 5 ? '✓' : '·'} ${name}${i >= 6 ? ' · hors ligne' : ''}`)];
  await eventually(() => screen.getByTestId('screen-closing-person').allTextContents(), 60_000).toEqual(expected);
  expect(await screen.getByTestId('screen-closing-count').textContent()).toBe('5 sur 9 ont écrit');
  const person = (name: string) => host.getByTestId('closing-person').filter({ hasText: name });
  for (const name of names.slice(6)) {
    expect(await person(name).locator('.closing-name').textContent()).toBe(`${name} pas encore hors ligne`);
  }
  expect(await person(names[5]!).getByTestId('closing-offline').count()).toBe(0);
  await eventually(() => host.getByRole('status').filter({ hasText: 'personnes sur 9' }).textContent()).toBe(
    '5 personnes sur 9 ont écrit ce qu’elles ont apporté et emportent.',
  );
  await screenshot(screen, 'screen-closing-round-offline');
  await screenshot(host, 'host-closing-round-offline');

  // Offline, Membre 7 writes; back online his words arrive, and count.
  await seventh.getByLabel('Ce que j’ai apporté').fill('La méthode de chiffrage de mon bureau d’études');
  await seventh.getByLabel('Ce que j’emporte').focus();
  await seventh.context().setOffline(false);
  await eventually(() => screen.getByTestId('screen-closing-count').textContent()).toBe('6 sur 9 ont écrit');
  await eventually(() => screen.getByTestId('screen-closing-person').allTextContents()).toEqual([
    '· Claire Mugnier', ...names.map((name, i) => `${i < 5 || i === 6 ? '✓' : '·'} ${name}${i === 7 ? ' · hors ligne' : ''}`),
  ]);
  // Before the close, the host reads who has not written, the one gone marked so.
  await host.getByRole('button', { name: 'Passer à : Clôture' }).click();
  await eventually(() => host.getByTestId('silent-members').textContent()).toBe(
    `2 membres n’ont pas écrit ce qu’ils ont apporté et emportent : ${names[5]}, ${names[7]} (hors ligne).`,
  );
}, 240_000);
