// Issue 9, identity and access in the browser: the link leaves the address bar, the app
// runs under its Content-Security-Policy, two tabs are one person, and the host renews
// links and removes people.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { createSession, eventually, join, joinAddressOf, newDevice, saveState, seriousA11yViolations, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

/** Every CSP violation the page reports, and every console line, from the first script on. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  const consoleLines: string[] = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return { violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), console: consoleLines };
}

test('the token leaves the address bar, and the app works under its CSP with no violation', async () => {
  const links = await createSession(env.server.baseUrl);
  const { context, page } = await newDevice(env.browser);
  const watched = await watch(page);
  const response = await page.goto(links.member);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.getByLabel('Votre nom').waitFor();
  expect(page.url()).toBe(`${env.server.baseUrl}/s/${links.id}`);
  await page.getByLabel('Votre nom').fill('Nina Roche');
  await page.getByRole('button', { name: 'Entrer dans la séance' }).click();
  await saveState(page, 'Enregistré sur le serveur');
  expect(page.url()).not.toContain('token');
  // A reload opens the room again, as the same person, with no name asked.
  await page.reload();
  await saveState(page, 'Enregistré sur le serveur');
  expect(await page.getByLabel('Votre nom').count()).toBe(0);
  await page.getByTestId('present-person').filter({ hasText: 'Nina Roche' }).getByText('vous').waitFor();
  expect(await watched.violations()).toEqual([]);
  expect(watched.console.filter((line) => /token=|Content Security Policy/i.test(line))).toEqual([]);
  await context.close();
});

test('two tabs of one person are one participant', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  await join(host.page, links.host, 'Claire Mugnier');
  const member = await newDevice(env.browser, { phone: true });
  await join(member.page, links.member, 'Paul Durand');
  const second = await member.context.newPage();
  await second.goto(links.member);
  await saveState(second, 'Enregistré sur le serveur');
  expect(await second.getByLabel('Votre nom').count()).toBe(0);
  const paul = host.page.getByTestId('present-person').filter({ hasText: 'Paul Durand' });
  await paul.waitFor();
  await eventually(() => host.page.getByTestId('present-person').count()).toBe(2);
  await host.context.close();
  await member.context.close();
});

test('the host renews the member link and removes a person: the old link opens nothing, the removed person is told', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  await join(host.page, links.host, 'Claire Mugnier');
  const paul = await newDevice(env.browser, { phone: true });
  await join(paul.page, links.member, 'Paul Durand');
  const nina = await newDevice(env.browser);
  await join(nina.page, links.member, 'Nina Roche');

  // The room's screen shows the member link's short address in its join panel, as the session starts.
  const screen = await newDevice(env.browser);
  await screen.page.goto(links.screen);
  await eventually(() => screen.page.getByTestId('join-link').textContent()).toBe(joinAddressOf(links.member));

  host.page.on('dialog', (dialog) => void dialog.accept());
  await host.page.getByText('Liens et participants').click();
  await host.page.getByTestId('renew-member').click();
  const fresh = await host.page.getByTestId('access-link-member').inputValue();
  expect(fresh).toMatch(new RegExp(`^${env.server.baseUrl}/s/${links.id}\\?token=`));
  // The screen's panel shows the new address at once (the old one opens nothing), also after a reload.
  await eventually(() => screen.page.getByTestId('join-link').textContent()).toBe(joinAddressOf(fresh));
  await screen.page.reload();
  await eventually(() => screen.page.getByTestId('join-link').textContent()).toBe(joinAddressOf(fresh));

  // A screen opened afterwards with the screen link of the start knows only the old member
  // link: it says so, and shows no QR code that would open nothing.
  const lateScreen = await newDevice(env.browser);
  await lateScreen.page.goto(links.screen);
  await lateScreen.page.getByTestId('join-stale').getByText('Le lien membre a été renouvelé').waitFor();
  expect(await lateScreen.page.getByTestId('join-qr').count()).toBe(0);
  await lateScreen.context.close();

  // Someone new with the old link or the old address is refused; he types the new address
  // the screen shows, gives his name, and is in.
  const late = await newDevice(env.browser, { phone: true });
  await late.page.goto(links.member);
  await late.page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
  // The first page such a person sees: English is one tap away on it too.
  await late.page.getByRole('button', { name: 'English' }).click();
  await late.page.getByRole('heading', { name: 'Invalid link' }).waitFor();
  await late.page.getByRole('button', { name: 'Français' }).click();
  await late.page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
  await late.page.goto(`http://${joinAddressOf(links.member)}`);
  await late.page.getByRole('heading', { name: 'Code inconnu' }).waitFor();
  // Its way out is a finger's size (a 19 px text link before).
  expect((await late.page.getByRole('link', { name: 'Retour à l’accueil' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
  // From the home page this time, typed as a phone would: lower case, no dash.
  const shown = (await screen.page.getByTestId('join-link').textContent()) ?? '';
  await late.page.goto(`${env.server.baseUrl}/`);
  await late.page.getByLabel('Vous avez un code de séance ?').fill(shown.split('/j/')[1]?.replace('-', '').toLowerCase() ?? '');
  await late.page.getByRole('button', { name: 'Rejoindre la séance' }).click();
  await late.page.getByRole('heading', { name: 'Entrer sur le marché de l’hydrogène' }).waitFor();
  expect(await seriousA11yViolations(late.page)).toEqual([]);
  // A name of spaces is said to be missing (the button did nothing, silently).
  await late.page.getByLabel('Votre nom').fill('   ');
  await late.page.getByRole('button', { name: 'Entrer dans la séance' }).click();
  await eventually(() => late.page.getByRole('alert').filter({ hasText: 'Écrivez votre nom' }).count()).toBe(1);
  expect(await late.page.getByLabel('Votre nom').getAttribute('aria-invalid')).toBe('true');
  await late.page.getByLabel('Votre nom').fill('Luc Perrin');
  await late.page.getByRole('button', { name: 'Entrer dans la séance' }).click();
  await saveState(late.page, 'Enregistré sur le serveur');
  await host.page.getByTestId('present-person').filter({ hasText: 'Luc Perrin' }).waitFor();
  expect(new URL(late.page.url()).pathname).toBe(`/s/${links.id}`);
  // Those who had joined stay.
  await host.page.getByTestId('present-person').filter({ hasText: 'Paul Durand' }).waitFor();
  await saveState(paul.page, 'Enregistré sur le serveur');

  await host.page.getByTestId('access-person').filter({ hasText: 'Paul Durand' }).getByRole('button', { name: 'Retirer' }).click();
  await paul.page.getByRole('heading', { name: 'Accès retiré' }).waitFor();
  await host.page.getByTestId('present-person').filter({ hasText: 'Paul Durand' }).waitFor({ state: 'detached' });
  await host.page.getByTestId('access-person').filter({ hasText: 'Paul Durand' }).getByText('retiré').waitFor();
  // Nina, who joined through the same old link, is still in.
  await host.page.getByTestId('present-person').filter({ hasText: 'Nina Roche' }).waitFor();
  // A screen link renewed afterwards carries the new member link to its join panel.
  await host.page.getByTestId('renew-screen').click();
  const freshScreen = await host.page.getByTestId('access-link-screen').inputValue();
  expect(new URL(freshScreen).hash).toBe(`#join=${new URL(fresh).searchParams.get('token')}`);
  const screen2 = await newDevice(env.browser);
  await screen2.page.goto(freshScreen);
  await eventually(() => screen2.page.getByTestId('join-link').textContent()).toBe(joinAddressOf(fresh));
  for (const device of [host, paul, nina, late, screen, screen2]) await device.context.close();
  // Seven browser contexts through a long story: 23-26 s alone on the machine's slower host,
  // past the default 30 s beside the other test files (a CI run of 2026-11-29 14:40Z).
}, 90_000);
