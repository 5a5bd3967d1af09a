// Issue 2, part 8: a member link asks for a name once, then shows who is here, live, and a
// shared text co-edited live, with the connection state.
import { expect, test } from 'vitest';
import {
  eventually, createSession, editorText, join, newDevice, screenshot, seriousA11yViolations, startServer, useBrowserAndServer,
} from '../helpers/browser.ts';

const env = useBrowserAndServer();

test('two devices co-edit the shared text and see each other, live', async () => {
  const links = await createSession(env.server.baseUrl);
  // The host on his laptop and his co-facilitator on a phone both hold the host link: the
  // presentation is the text they write together.
  const a = await newDevice(env.browser);
  const b = await newDevice(env.browser, { phone: true });
  await join(a.page, links.host, 'Claire Mugnier');
  await join(b.page, links.host, 'Paul Durand');

  const present = (page: typeof a.page, name: string) => page.getByTestId('present-person').filter({ hasText: name });
  await present(a.page, 'Paul Durand').waitFor();
  // On the phone the list of people starts folded into one row: one tap opens it.
  await b.page.getByTestId('presence').getByText('2 personnes ici').waitFor();
  await b.page.getByTestId('presence').locator('summary').tap();
  await present(b.page, 'Claire Mugnier').waitFor();

  const editorA = a.page.getByRole('textbox', { name: 'Contexte' });
  const editorB = b.page.getByRole('textbox', { name: 'Contexte' });
  await editorA.click();
  await a.page.keyboard.type('Décolletage de précision, 80 salariés.');
  await eventually(() => editorText(editorB)).toContain('80 salariés.');
  await editorB.click();
  await b.page.keyboard.press('End');
  await b.page.keyboard.type(' Clients : automobile et médical.');
  await eventually(() => editorText(editorA)).toBe('Décolletage de précision, 80 salariés. Clients : automobile et médical.');
  // Each sees the other's caret, labelled with his name.
  await a.page.locator('.collaboration-carets__label', { hasText: 'Paul Durand' }).waitFor();
  await a.page.getByText('Enregistré sur le serveur').waitFor();
  await screenshot(a.page, 'first-page-laptop');
  await screenshot(b.page, 'first-page-phone');

  // Offline, then back: the state is visible all along.
  await b.context.setOffline(true);
  await b.page.getByText('Gardé sur cet appareil').waitFor();
  await present(a.page, 'Paul Durand').waitFor({ state: 'detached' });
  await b.context.setOffline(false);
  await b.page.getByText('Enregistré sur le serveur').waitFor();
  await present(a.page, 'Paul Durand').waitFor();

  // The name is remembered on the device, and English is one click away.
  await a.page.reload();
  await a.page.getByText('Enregistré sur le serveur').waitFor();
  await expect(a.page.getByLabel('Votre nom').count()).resolves.toBe(0);
  await a.page.getByRole('button', { name: 'English' }).click();
  await a.page.getByText('Saved on the server').waitFor();
  await eventually(() => a.page.getByRole('textbox', { name: 'Context' }).textContent()).toContain('automobile et médical');

  await a.context.close();
  await b.context.close();
  // 21 s beside the other test files on the machine's slower host, near the default 30 s.
}, 60_000);

test('the home page creates a session and hands out its three links', async () => {
  const { context, page } = await newDevice(env.browser);
  await page.goto(env.server.baseUrl);
  await page.getByLabel('Sujet').fill('Recruter des techniciens');
  await page.getByLabel('Entreprise hôte').fill('Savoie Usinage');
  await page.getByLabel('Nom de l’hôte').fill('Luc Perrin');
  await page.getByLabel('Date').fill('2027-01-14');
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  // The form made way for the links: the focus is on their title, not lost to the page's body.
  await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('links-title');
  const host = await page.getByTestId('link-host').inputValue();
  const member = await page.getByTestId('link-member').inputValue();
  const screen = await page.getByTestId('link-screen').inputValue();
  expect(host).toMatch(new RegExp(`^${env.server.baseUrl}/s/[^/?]+\\?token=`));
  expect(member).toMatch(new RegExp(`^${env.server.baseUrl}/s/[^/?]+\\?token=`));
  expect(screen).toMatch(new RegExp(`^${env.server.baseUrl}/s/[^/?]+/screen\\?token=`));
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Every card stands apart from the next (the links, joining by code, a club stood edge to edge).
  const cards = await page.locator('main .card').evaluateAll((els) => els.filter((el) => !el.parentElement?.closest('.card')).map((el) => el.getBoundingClientRect()).map((r) => [r.top, r.bottom] as const));
  expect(cards.length).toBeGreaterThanOrEqual(5);
  for (let i = 1; i < cards.length; i++) expect(cards[i]![0] - cards[i - 1]![1], `gap above card ${i + 1}`).toBeGreaterThanOrEqual(8);
  await screenshot(page, 'home-links');
  await join(page, member, 'Nina Roche');
  await page.getByRole('heading', { name: 'Recruter des techniciens' }).waitFor();
  await context.close();
});

test('on a phone, the home page offers the session code first, in sight without scrolling', async () => {
  // Of the thirty who open the home page, one creates the session: the others come with the
  // code the room's screen shows. The code's field came after the whole new-session form,
  // 900 px down a 390×844 phone.
  const { context, page } = await newDevice(env.browser, { phone: true });
  await page.goto(env.server.baseUrl);
  const code = page.getByLabel('Vous avez un code de séance ? Il est affiché sur l’écran de la salle.');
  const codeBox = (await code.boundingBox())!;
  expect(codeBox.y + codeBox.height).toBeLessThanOrEqual(844);
  const submit = (await page.getByRole('button', { name: 'Rejoindre la séance' }).boundingBox())!;
  expect(submit.y + submit.height).toBeLessThanOrEqual(844);
  expect(submit.y).toBeLessThan((await page.getByLabel('Sujet').boundingBox())!.y);
  await page.getByRole('heading', { name: 'Nouvelle séance', level: 2 }).waitFor();
  await screenshot(page, 'home-phone');
  await context.close();
});

test('past the limit of creations per address, the home page says when to try again, in French, for a session and for a club', async () => {
  const limited = await startServer({ sessionCreatePerMinute: 1 });
  await createSession(limited.baseUrl);
  const { context, page } = await newDevice(env.browser);
  await page.goto(limited.baseUrl);
  await page.getByLabel('Sujet').fill('Recruter des techniciens');
  await page.getByLabel('Entreprise hôte').fill('Savoie Usinage');
  await page.getByLabel('Nom de l’hôte').fill('Luc Perrin');
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/^Trop de séances et de clubs créés depuis cette adresse : réessayez dans \d+ s\.$/);
  // The club form spends the same budget: the same sentence, not the server's English.
  await page.getByLabel('Nom du club').fill('Club Savoie');
  await page.getByLabel('Réseau').fill('APM');
  await page.getByRole('button', { name: 'Créer le club' }).click();
  const clubAlert = page.getByRole('region', { name: 'Créer un club' }).getByRole('alert');
  await clubAlert.waitFor();
  expect(await clubAlert.textContent()).toMatch(/^Trop de séances et de clubs créés depuis cette adresse : réessayez dans \d+ s\.$/);
  await context.close();
  await limited.close();
});

test('a new name and a raised hand outlive a reconnection in the presence list', async () => {
  const links = await createSession(env.server.baseUrl);
  const a = await newDevice(env.browser);
  const b = await newDevice(env.browser, { phone: true });
  await join(a.page, links.host, 'Claire Mugnier');
  await join(b.page, links.member, 'Paul Durand');
  const present = (name: string) => a.page.getByTestId('present-person').filter({ hasText: name });
  await present('Paul Durand').waitFor();

  await b.page.getByRole('button', { name: /Paul Durand/ }).click();
  await b.page.getByLabel('Votre nom').fill('Paul D.');
  await b.page.getByRole('button', { name: 'Enregistrer' }).click();
  await present('Paul D.').waitFor();

  await b.page.getByRole('button', { name: 'Lever la main' }).click();
  await present('Paul D.').getByText('main levée').waitFor();

  await b.context.setOffline(true);
  await present('Paul D.').waitFor({ state: 'detached' });
  await b.context.setOffline(false);
  await present('Paul D.').getByText('main levée').waitFor();
  expect(await present('Paul Durand').count()).toBe(0);
  await a.context.close();
  await b.context.close();
});
