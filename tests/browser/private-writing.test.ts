// Issue 9, private writing is private, as the room lives it: the host starts private
// writing, three phones write, nobody sees another's idea (the screen counts them), the
// reveal shows them all; a phone that wrote offline after the reveal is told, in French,
// that its idea was not shared, and keeps its text, across a reload too. A member who has
// written the 200 ideas the server takes from one person is told so before he writes more.
import { expect, onTestFailed, test } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { ParticipantCredential } from '../../shared/schemas.ts';
import { createSession, eventually, join, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { connectProvider, destroyAll, whenSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

const IDEAS = { marc: 'Idée de Marc : un ingénieur hydrogène', sophie: 'Idée de Sophie : racheter un bureau d’études', paul: 'Idée de Paul : le salon Hyvolution' };
const LATE = 'Idée tardive de Paul : un crédit d’impôt';
const LATER = 'Autre idée tardive de Paul : le salon de Lyon';
const SHARED_LATE = 'Idée tardive que Paul met au tableau : un prêt d’honneur';

const idea = (page: Page, text: string) => page.locator('[data-testid="sticky"], [data-testid="idea"]').filter({ hasText: text });

async function write(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Nouvelle idée' }).click();
  // Typed once the new idea's field is there (keys typed before it has focus are lost).
  const field = page.getByRole('textbox', { name: 'Texte de l’idée' });
  await field.waitFor();
  await field.fill(text);
  await page.keyboard.press('Escape');
  await idea(page, text).waitFor();
}

test('phones write privately, the others see nothing, the reveal shows all; a late offline idea is refused and kept on the phone', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const phones = { marc: await newDevice(env.browser, { phone: true }), sophie: await newDevice(env.browser, { phone: true }), paul: await newDevice(env.browser, { phone: true }) };
  const [marc, sophie, paul] = [phones.marc.page, phones.sophie.page, phones.paul.page];
  const screen = (await newDevice(env.browser)).page;
  onTestFailed(async () => {
    for (const [name, page] of Object.entries({ host, marc, sophie, paul, screen })) await screenshot(page, `failed-private-${name}`).catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await join(marc, links.member, 'Marc Vidal');
  await join(sophie, links.member, 'Sophie Roux');
  await join(paul, links.member, 'Paul Durand');
  await screen.goto(links.screen);
  await screen.getByTestId('screen-phase').waitFor();
  // Paul's phone can reload without network once its files are cached.
  await paul.locator('html[data-offline-ready="true"]').waitFor();

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  for (const page of [marc, sophie, paul]) await page.getByText('Écriture privée : vos idées restent cachées').waitFor();

  await write(marc, IDEAS.marc);
  await write(sophie, IDEAS.sophie);
  await write(paul, IDEAS.paul);
  for (const [name, page] of [['marc', marc], ['sophie', sophie], ['paul', paul]] as const) {
    await idea(page, IDEAS[name]).getByText('privée').waitFor();
    // Each learns that two ideas are hidden, never what they say.
    await page.getByTestId('hidden-count').getByText('2 idées cachées').waitFor();
    await saveState(page, 'Enregistré sur le serveur');
    for (const other of Object.values(IDEAS).filter((text) => text !== IDEAS[name])) expect(await page.content()).not.toContain(other);
  }
  await host.getByTestId('hidden-count').getByText('3 idées cachées').waitFor();
  // Read when reached, not said at each idea written elsewhere (thirty times in a room of fifteen).
  expect(await host.getByTestId('hidden-count').getAttribute('aria-live')).toBe('off');
  await eventually(() => screen.getByTestId('writing-ideas').textContent()).toBe('3 idées');
  await eventually(() => screen.getByTestId('writing-writers').textContent()).toBe('par 3 personnes');
  for (const page of [host, screen]) {
    const html = await page.content();
    for (const text of Object.values(IDEAS)) expect(html).not.toContain(text);
  }
  await screenshot(sophie, 'private-writing-phone-before-reveal');

  // Marc puts his private idea into a group with a long title, and looks at it on the canvas:
  // "privée" stays whole, the title gives way (it read "p…").
  await host.getByLabel('Titre du groupe').fill('Financement de la reprise familiale');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  await marc.getByLabel(`Groupe de l’idée : ${IDEAS.marc}`).selectOption({ label: 'Financement de la reprise familiale' });
  await marc.getByRole('button', { name: 'Tableau' }).click();
  const tagOf = (text: string) => marc.getByTestId('sticky').filter({ hasText: IDEAS.marc }).locator('.tag').filter({ hasText: text });
  await tagOf('Financement').waitFor();
  const clipped = (el: Element) => el.scrollWidth > el.clientWidth;
  expect(await tagOf('privée').evaluate(clipped)).toBe(false);
  await marc.getByRole('button', { name: 'Liste' }).click();

  // Paul loses the network; the host reveals meanwhile, told first that Paul is offline.
  await phones.paul.context.setOffline(true);
  await saveState(paul, 'Gardé sur cet appareil');
  await eventually(() => host.locator('#presence-title').textContent(), 60_000).toMatch(/^3 personnes ici/);
  await host.getByRole('button', { name: 'Tout révéler' }).click();
  await eventually(() => host.getByTestId('reveal-offline').locator('span').textContent()).toBe(
    '1 personne hors ligne (Paul Durand) : ses idées écrites sans réseau ne sont pas arrivées et ne seront pas révélées ; à son retour, elle pourra les mettre au tableau.',
  );
  await host.getByRole('button', { name: 'Révéler quand même' }).click();
  for (const page of [host, marc, sophie, screen]) {
    for (const text of Object.values(IDEAS)) await idea(page, text).waitFor();
  }
  expect(await idea(sophie, IDEAS.marc).getByText('privée').count()).toBe(0);
  // No round has opened: no idea reads "0 point" (it read so under every idea, private ones too).
  expect(await sophie.getByTestId('idea-votes').count()).toBe(0);
  await idea(sophie, IDEAS.paul).getByText('Paul Durand').waitFor();

  // Offline, Paul's phone still writes privately: it cannot know of the reveal.
  await write(paul, LATE);
  await idea(paul, LATE).getByText('privée').waitFor();
  await write(paul, LATER);
  await idea(paul, LATER).getByText('privée').waitFor();
  await write(paul, SHARED_LATE);
  await idea(paul, SHARED_LATE).getByText('privée').waitFor();
  await saveState(paul, 'Gardé sur cet appareil');
  await phones.paul.context.setOffline(false);
  // Back online: the reveal arrives, the late idea is refused, and the phone says so.
  const notice = paul.locator('[data-notice="privateNotShared"]');
  await notice.getByText('L’écriture privée est terminée').waitFor();
  await idea(paul, LATE).getByText('non partagée').waitFor();
  // Not shared, it takes no change the server would refuse again: no edit; it is put on the
  // board now, or removed (the notice said to copy it, with no way to copy on the idea).
  expect(await idea(paul, LATE).getByRole('button').allTextContents()).toEqual([`Mettre au tableau : ${LATE}`, `Supprimer : ${LATE}`]);
  for (const text of Object.values(IDEAS)) await idea(paul, text).waitFor();
  // The server answered the phone's save probe after refusing the late idea: not saved.
  await saveState(paul, 'Non enregistré : gardé sur cet appareil');
  await screenshot(paul, 'private-writing-late-idea-refused');
  for (const page of [host, marc, sophie, screen]) expect(await idea(page, LATE).count()).toBe(0);

  // The text stays on the phone (IndexedDB), and the phone says so again after a reload.
  await paul.reload();
  await idea(paul, LATE).getByText('non partagée').waitFor();
  await notice.getByText('L’écriture privée est terminée').waitFor();
  await saveState(paul, 'Non enregistré : gardé sur cet appareil');
  for (const page of [host, marc, sophie, screen]) expect(await idea(page, LATE).count()).toBe(0);

  // Paul puts one on the board: every device reads it, his, as an idea like the others.
  await idea(paul, SHARED_LATE).getByRole('button', { name: /^Mettre au tableau/ }).tap();
  for (const page of [host, marc, sophie, screen]) await idea(page, SHARED_LATE).waitFor();
  await idea(sophie, SHARED_LATE).getByText('Paul Durand').waitFor();
  await eventually(() => idea(paul, SHARED_LATE).getByText('non partagée').count()).toBe(0);
  expect(await idea(paul, SHARED_LATE).count()).toBe(1);

  // Paul throws the others away: the removal of what the server never took waits for it, so the
  // server asks the phone for what it lacks, and takes the idea with its removal. The phone
  // is saved again, and after a reload too, with nothing refused.
  // Both at once: the second removal, too soon after the first for the server to ask the
  // phone again at once, is asked for once the 2 s are past (it waited for a reconnection).
  // Not shared, such an idea cannot come back: the removal asks for a confirmation first.
  await idea(paul, LATE).getByRole('button', { name: /^Supprimer/ }).click();
  await idea(paul, LATE).getByRole('button', { name: /^Supprimer \?/ }).click();
  await idea(paul, LATE).waitFor({ state: 'detached' });
  await idea(paul, LATER).getByRole('button', { name: /^Supprimer/ }).click();
  await idea(paul, LATER).getByRole('button', { name: /^Supprimer \?/ }).click();
  await idea(paul, LATER).waitFor({ state: 'detached' });
  expect(await paul.getByTestId('idea-deleted').count()).toBe(0);
  // What the notice said is over: it goes by itself (it stayed, over a quarter of the phone).
  await notice.waitFor({ state: 'detached' });
  await saveState(paul, 'Enregistré sur le serveur');
  await paul.reload();
  await saveState(paul, 'Enregistré sur le serveur');
  for (const text of Object.values(IDEAS)) await idea(paul, text).waitFor();
  expect(await idea(paul, LATE).count()).toBe(0);
  expect(await idea(paul, LATER).count()).toBe(0);
  expect(await notice.count()).toBe(0);
  for (const page of [host, marc, sophie, screen]) expect(await idea(page, LATE).count()).toBe(0);
}, 120_000);

test('a member who has written as many ideas as one may is told so on his phone, and can write again once he deletes one', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const marc = (await newDevice(env.browser, { phone: true })).page;
  onTestFailed(async () => {
    for (const [name, page] of Object.entries({ host, marc })) await screenshot(page, `failed-ideas-full-${name}`).catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await join(marc, links.member, 'Marc Vidal');
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  await marc.getByText('Écriture privée : vos idées restent cachées').waitFor();

  // His private document gets all but one of his ideas from a script with his own credential
  // (what many sessions of writing would leave), then his phone writes the last one.
  const stored = await marc.evaluate((key) => localStorage.getItem(key), `entraide:credential:${links.id}`);
  const credential = ParticipantCredential.parse(JSON.parse(stored ?? 'null'));
  const own = connectProvider(env.server.baseUrl.replace('http', 'ws'), S.privateRoomName(links.id), credential.credential, new Y.Doc());
  await whenSynced(own);
  const me = { participantId: credential.participantId, name: credential.name };
  own.doc.transact(() => {
    for (let i = 1; i < S.STICKIES_PER_PERSON; i++) S.addSticky(own.doc, me, { text: `Piste ${i} : à creuser`, x: (i % 20) * 200, y: Math.floor(i / 20) * 150 }, { id: `piste-${i}` });
  });
  const add = marc.getByRole('button', { name: 'Nouvelle idée' });
  const full = marc.getByText('Vous avez écrit 200 idées, le maximum par personne');
  await idea(marc, `Piste ${S.STICKIES_PER_PERSON - 1} : à creuser`).waitFor();
  expect(await add.isEnabled()).toBe(true);
  expect(await full.count()).toBe(0);
  await write(marc, 'La dernière idée de Marc');
  await full.waitFor();
  expect(await add.isDisabled()).toBe(true);
  expect(await idea(marc, 'La dernière idée de Marc').getByTestId('idea-votes').count()).toBe(0);
  await screenshot(marc, 'private-writing-phone-ideas-full');

  // One deleted, the button is back and the line goes.
  await idea(marc, 'Piste 1 : à creuser').getByRole('button', { name: /^Supprimer/ }).click();
  await full.waitFor({ state: 'detached' });
  expect(await add.isEnabled()).toBe(true);
  await marc.getByTestId('idea-deleted').waitFor();
  // Another idea in its place: at the limit again, "Annuler" goes (the server would refuse the idea back).
  await write(marc, 'Une autre idée de Marc');
  await full.waitFor();
  // In the same frame as the line (its 8 s are not over: the idea was written within them).
  expect(await marc.getByTestId('idea-deleted').count()).toBe(0);
  destroyAll(own);
}, 120_000);
