// One group a name (seen in an exploratory run of eight phones): in the Brainstorm, after the
// reveal, two members typed "Financement" in *Titre du groupe* and tapped *Créer le groupe*
// at the same moment, and a third did the same 1.5 s later. Every phone's *Groupe* menu then
// read "Sans groupe, Compétences, Financement, Financement, Financement, Nouveau groupe…", the
// list showed three sections of that name, the members spread their ideas over the three,
// and the screen's results read "Par groupe : Financement 7 · Compétences 1 · Financement 1";
// a round on groups offered three "+" labelled alike. A phone now takes the group it sees
// under the title typed (case, accents and spaces aside), and the server merges the groups
// of one title made before either phone saw the other's.
//
// "The same moment" is made sure of here by taking both phones off the network while they
// create: each makes its group before it can see the other's, as two taps within the same
// instant do.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { addIdea, eventually, roomWithScreen, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
/** Each phone's idea: seven on financing, the last on skills. */
const IDEAS = [
  'Prêt d’honneur régional',
  'Avance remboursable BPI',
  'Crédit-bail sur les tours',
  'Subvention hydrogène de la région',
  'Affacturage des commandes',
  'Levée auprès des clients',
  'Fonds de garantie bancaire',
  'Former les régleurs au soudage',
] as const;
/** Every phone's *Groupe* menu once the groups are made. */
const MENU = ['Sans groupe', 'Compétences', 'Financement', 'Nouveau groupe…'];

const idea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
const menuOf = (page: Page, text: string) => page.getByLabel(`Groupe de l’idée : ${text}`, { exact: true });
const optionsOf = (page: Page, text: string) => menuOf(page, text).locator('option').allTextContents();
/** The list's sections, as a phone reads their headings. */
const sections = (page: Page) => page.locator('.idea-section h3').allTextContents();
/** The groups beside the board on the room's screen: title and count. */
const screenGroups = (page: Page) =>
  page.getByTestId('group').evaluateAll((rows) => rows.map((row) => `${row.querySelector('strong')?.textContent} : ${row.querySelector('.hint')?.textContent}`));

/** *Nouveau groupe…* in the idea's menu, a title, *Créer*. */
async function newGroupFrom(page: Page, text: string, title: string): Promise<void> {
  await menuOf(page, text).selectOption({ label: 'Nouveau groupe…' });
  await page.getByLabel(`Titre du nouveau groupe de l’idée : ${text}`).fill(title);
  await idea(page, text).getByRole('button', { name: 'Créer', exact: true }).tap();
}

test('two phones create "Financement" at the same moment and a third later as "  financement ": one group on every phone and on the screen, with every idea', async () => {
  const { host, screen, phones } = await roomWithScreen(env, 'group-titles', PHONES);
  const [ana, bruno, chloe] = phones as [Page, Page, Page];
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  await Promise.all(
    phones.map(async (page, i) => {
      await page.getByText('Écriture privée : vos idées restent cachées').waitFor();
      await addIdea(page, IDEAS[i]!);
      await idea(page, IDEAS[i]!).getByText('privée').waitFor();
    }),
  );
  await eventually(() => screen.getByTestId('writing-ideas').textContent()).toBe('8 idées');
  await host.getByRole('button', { name: 'Tout révéler' }).click();
  for (const page of phones) await eventually(() => page.getByTestId('idea').count()).toBe(PHONES);
  await eventually(() => screen.getByTestId('sticky').count()).toBe(PHONES);

  // The host makes "Compétences"; the last phone puts its idea in it.
  await host.getByLabel('Titre du groupe', { exact: true }).fill('Compétences');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  await eventually(() => optionsOf(phones[7]!, IDEAS[7])).toEqual(['Sans groupe', 'Compétences', 'Nouveau groupe…']);
  await menuOf(phones[7]!, IDEAS[7]).selectOption({ label: 'Compétences' });

  // Ana and Bruno make "Financement" at the same moment: Ana with the form at the list's end
  // (then her idea into it), Bruno from his idea's menu.
  await Promise.all([ana, bruno].map(async (page) => {
    await page.context().setOffline(true);
    await saveState(page, 'Gardé sur cet appareil');
  }));
  await ana.getByLabel('Titre du groupe', { exact: true }).fill('Financement');
  await ana.getByRole('button', { name: 'Créer le groupe' }).tap();
  await menuOf(ana, IDEAS[0]).selectOption({ label: 'Financement' });
  await newGroupFrom(bruno, IDEAS[1], 'Financement');
  await Promise.all([ana, bruno].map((page) => page.context().setOffline(false)));
  await Promise.all([ana, bruno].map((page) => saveState(page, 'Enregistré sur le serveur')));

  // A moment later Chloé, whose menu shows their group, types it her way.
  await eventually(() => optionsOf(chloe, IDEAS[2])).toContain('Financement');
  await newGroupFrom(chloe, IDEAS[2], '  financement ');

  // One "Financement" in every phone's menu.
  for (const [i, page] of phones.entries()) await eventually(() => optionsOf(page, IDEAS[i]!)).toEqual(MENU);
  // The host types it his way in turn: no second group, and he is told which one there is.
  await host.getByLabel('Titre du groupe', { exact: true }).fill(' FINANCEMENT ');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  await eventually(() => host.getByTestId('group-exists').textContent()).toBe('Le groupe « Financement » existe déjà : rangez-y vos idées.');
  expect(await host.getByLabel('Titre du groupe', { exact: true }).inputValue()).toBe('');

  // The four others put their ideas in it from their menus.
  await Promise.all(phones.slice(3, 7).map((page, j) => menuOf(page, IDEAS[j + 3]!).selectOption({ label: 'Financement' })));

  // Every phone: two sections, the seven financing ideas in one; the same menu.
  for (const [i, page] of phones.entries()) {
    await eventually(() => sections(page)).toEqual(['Compétences 1 idée', 'Financement 7 idées']);
    expect(await optionsOf(page, IDEAS[i]!)).toEqual(MENU);
  }
  expect(await idea(chloe, IDEAS[0]).count()).toBe(1);
  // The screen: two groups beside the board, two frames on it.
  await eventually(() => screenGroups(screen)).toEqual(['Compétences : 1 idée', 'Financement : 7 idées']);
  expect(await screen.locator('.group-frame-title').allTextContents()).toEqual(['Compétences', 'Financement']);
  await eventually(() => host.getByTestId('group').getByRole('textbox').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(['Compétences', 'Financement']);
  await screenshot(screen, 'group-titles-screen');
  await screenshot(chloe, 'group-titles-phone');

  // A round on the ideas, each phone a point on its own: the screen's results add up by group.
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await Promise.all(phones.map(async (page, i) => {
    await idea(page, IDEAS[i]!).getByRole('button', { name: 'Voter' }).tap();
    await page.getByText('Points restants : 4 sur 5').waitFor();
  }));
  await eventually(() => host.getByTestId('voters').textContent()).toBe('8 personnes ont donné des points');
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await eventually(() => screen.getByTestId('vote-by-group').textContent()).toBe('Par groupe : Financement 7 · Compétences 1');

  // A round on the groups: one "+" a group on every phone.
  await host.getByLabel('On vote sur').selectOption({ label: 'les groupes' });
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  for (const page of phones) {
    await eventually(() => page.getByRole('button', { name: /^Voter pour le groupe / }).evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual([
      'Voter pour le groupe Compétences',
      'Voter pour le groupe Financement',
    ]);
  }
}, 300_000);
