// Links a device made, found again. Seen in an exploratory run: *Ouvrir* on the host link (and
// on a new club's admin link) replaced the page that showed the links, and Back led to a blank
// page; the host's *Liens et participants* could only renew links, never show them; a screen
// link renewed alone lacked the member link (`#join=`), so the room's screen showed no QR code
// and sent people to a revoked link; and a club's invite link, once lost, was lost for good.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, eventually, join, joinAddressOf, newDevice, saveState, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const base = () => env.server.baseUrl;

// Each test's devices are closed after it: open contexts would slow the next ones down.
const opened: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});
async function device(browser: Browser, opts: { phone?: boolean; size?: { width: number; height: number } } = {}) {
  const d = await newDevice(browser, opts);
  opened.push(d.context);
  return d;
}

/** Accepts every confirmation the page asks, and keeps their words. */
function acceptDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(dialog.message());
    void dialog.accept();
  });
  return seen;
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token');

/** The room's screen (1280×720) opened with `screenLink` shows the join panel for `memberLink`: its QR code and its address to type. */
async function screenShowsWayIn(browser: Browser, screenLink: string, memberLink: string): Promise<void> {
  const { page } = await device(browser, { size: { width: 1280, height: 720 } });
  await page.goto(screenLink);
  await eventually(() => page.getByTestId('join-link').textContent()).toBe(joinAddressOf(memberLink));
  await page.getByTestId('join-qr').waitFor();
  expect(await page.getByTestId('join-qr').getAttribute('aria-label')).toBe(memberLink);
  expect(await page.getByTestId('join-stale').count()).toBe(0);
}

describe('a session’s links', { timeout: 120_000 }, () => {
  it('stay on the home page when the host opens his in a new tab, are in his room, and a screen link renewed there shows the way in', async () => {
    const home = await device(env.browser, { size: { width: 1366, height: 768 } });
    await home.page.goto(`${base()}/`);
    await home.page.getByLabel('Sujet').fill('Entrer sur le marché de l’hydrogène');
    await home.page.getByLabel('Entreprise hôte').fill('Décolletage Arve Précision');
    await home.page.getByLabel('Nom de l’hôte').fill('Claire Mugnier');
    await home.page.getByRole('button', { name: 'Créer la séance' }).click();
    const linkOf = (role: string) => home.page.getByTestId(`link-${role}`).inputValue();
    const [host, member, screen] = [await linkOf('host'), await linkOf('member'), await linkOf('screen')];
    expect(new URL(screen).hash).toBe(`#join=${tokenOf(member)}`);

    // *Ouvrir* on the host link: a new tab; the links stay where they were.
    const hostCard = home.page.getByRole('listitem').filter({ has: home.page.getByTestId('link-host') });
    const [room] = await Promise.all([home.context.waitForEvent('page'), hostCard.getByRole('link', { name: 'Ouvrir' }).click()]);
    await room.getByLabel('Votre nom').fill('Claire Mugnier');
    await room.getByRole('button', { name: 'Entrer dans la séance' }).click();
    await saveState(room, 'Enregistré sur le serveur');
    expect(home.page.url()).toBe(`${base()}/`);
    expect([await linkOf('host'), await linkOf('member'), await linkOf('screen')]).toEqual([host, member, screen]);

    // In his room, the host reads the same member and screen links.
    await room.getByText('Liens et participants').click();
    await eventually(() => room.getByTestId('access-link-member').inputValue()).toBe(member);
    expect(await room.getByTestId('access-link-screen').inputValue()).toBe(screen);

    // He renews the screen link alone: the member link stays, and the new screen link shows it.
    const dialogs = acceptDialogs(room);
    await room.getByTestId('renew-screen').click();
    await eventually(() => room.getByTestId('access-link-screen').inputValue()).not.toBe(screen);
    const freshScreen = await room.getByTestId('access-link-screen').inputValue();
    expect(dialogs).toEqual([expect.stringMatching(/^L’ancien lien de l’écran cessera de fonctionner/)]);
    expect(await room.getByTestId('access-link-member').inputValue()).toBe(member);
    expect(tokenOf(freshScreen)).not.toBe(tokenOf(screen));
    expect(new URL(freshScreen).hash).toBe(`#join=${tokenOf(member)}`);
    await screenShowsWayIn(env.browser, freshScreen, member);

    // The old screen link opens nothing; after a reload the room still gives the new one.
    const old = await device(env.browser, { size: { width: 1280, height: 720 } });
    await old.page.goto(screen);
    await old.page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
    await room.reload();
    await saveState(room, 'Enregistré sur le serveur');
    await room.getByText('Liens et participants').click();
    await eventually(() => room.getByTestId('access-link-screen').inputValue()).toBe(freshScreen);
    expect(await room.getByTestId('access-link-member').inputValue()).toBe(member);
  });

  it('renewed on a device that never had the member link: both are renewed, and the screen shows the new way in', async () => {
    // The host opens his link on a device of the meeting room: it kept none of the links.
    const links = await createSession(base());
    const paul = await device(env.browser, { phone: true });
    await join(paul.page, links.member, 'Paul Durand');
    const host = await device(env.browser, { size: { width: 1366, height: 768 } });
    await join(host.page, links.host, 'Claire Mugnier');
    await host.page.getByText('Liens et participants').click();
    await host.page.getByTestId('access-unknown-member').getByText('Cet appareil ne connaît pas le lien des membres actuel').waitFor();
    await host.page.getByTestId('access-unknown-screen').waitFor();

    const dialogs = acceptDialogs(host.page);
    await host.page.getByRole('button', { name: 'Renouveler les liens de l’écran et des membres' }).click();
    await host.page.getByTestId('access-link-screen').waitFor();
    expect(dialogs).toEqual([expect.stringMatching(/^Cet appareil ne connaît pas le lien des membres actuel.*il sera renouvelé avec celui de l’écran/)]);
    const freshMember = await host.page.getByTestId('access-link-member').inputValue();
    const freshScreen = await host.page.getByTestId('access-link-screen').inputValue();
    expect(tokenOf(freshMember)).not.toBe(tokenOf(links.member));
    expect(new URL(freshScreen).hash).toBe(`#join=${tokenOf(freshMember)}`);
    await screenShowsWayIn(env.browser, freshScreen, freshMember);

    // Paul, who joined before, is still in; the old member link lets nobody new in.
    await saveState(paul.page, 'Enregistré sur le serveur');
    await host.page.getByTestId('present-person').filter({ hasText: 'Paul Durand' }).waitFor();
    const late = await device(env.browser, { phone: true });
    await late.page.goto(links.member);
    await late.page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
  });
});

describe('a club’s links', { timeout: 180_000 }, () => {
  it('stay when the admin opens his in a new tab, are on the club’s page, and an admin elsewhere renews the invite link for eight phones', async () => {
    const laptop = await device(env.browser, { size: { width: 1366, height: 768 } });
    await laptop.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
    await laptop.page.goto(`${base()}/`);
    await laptop.page.getByLabel('Nom du club').fill('Club Bourse');
    await laptop.page.getByLabel('Réseau').fill('Mont-Blanc Industrie');
    await laptop.page.getByRole('button', { name: 'Créer le club' }).click();
    const adminLink = await laptop.page.getByTestId('club-link-admin').inputValue();
    const inviteLink = await laptop.page.getByTestId('club-link-invite').inputValue();

    // *Ouvrir* on the admin link: a new tab; the invite link stays on the home page.
    const adminCard = laptop.page.getByRole('listitem').filter({ has: laptop.page.getByTestId('club-link-admin') });
    const [clubTab] = await Promise.all([laptop.context.waitForEvent('page'), adminCard.getByRole('link', { name: 'Ouvrir' }).click()]);
    await clubTab.getByLabel('Votre nom').fill('Claire Mugnier');
    await clubTab.getByRole('button', { name: 'Rejoindre le club' }).click();
    await clubTab.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
    expect(laptop.page.url()).toBe(`${base()}/`);
    expect(await laptop.page.getByTestId('club-link-invite').inputValue()).toBe(inviteLink);

    // On the club's page the admin reads both links, and copies the invite link to send it.
    await eventually(() => clubTab.getByTestId('club-link-invite').inputValue()).toBe(inviteLink);
    expect(await clubTab.getByTestId('club-link-admin').inputValue()).toBe(adminLink);
    const links = clubTab.getByTestId('club-links');
    await links.getByRole('button', { name: 'Copier' }).last().click();
    await links.getByRole('button', { name: 'Copié' }).waitFor();
    expect(await clubTab.evaluate(() => navigator.clipboard.readText())).toBe(inviteLink);

    // Her tablet, which kept no link: she enters with the admin link and renews the invite link.
    const tablet = await device(env.browser, { size: { width: 1024, height: 768 } });
    await tablet.page.goto(adminLink);
    await tablet.page.getByLabel('Votre nom').fill('Claire Mugnier');
    await tablet.page.getByRole('button', { name: 'Rejoindre le club' }).click();
    await tablet.page.getByTestId('club-invite-unknown').getByText('Cet appareil n’a pas gardé le lien d’invitation actuel').waitFor();
    expect(await tablet.page.getByTestId('club-link-invite').count()).toBe(0);
    const dialogs = acceptDialogs(tablet.page);
    await tablet.page.getByRole('button', { name: 'Renouveler le lien d’invitation' }).click();
    await tablet.page.getByTestId('club-link-invite').waitFor();
    expect(dialogs).toEqual([expect.stringMatching(/^L’ancien lien d’invitation n’ouvrira plus le club/)]);
    const freshInvite = await tablet.page.getByTestId('club-link-invite').inputValue();
    expect(freshInvite).toMatch(new RegExp(`^${base()}/c/[A-Za-z0-9_-]+/join\\?token=`));
    expect(tokenOf(freshInvite)).not.toBe(tokenOf(inviteLink));

    // Eight members join on their phones with the new link, two at a time.
    const names = Array.from({ length: 8 }, (_, i) => `Membre ${i + 1}`);
    const phones = await Promise.all(names.map(() => device(env.browser, { phone: true })));
    for (let i = 0; i < phones.length; i += 2) {
      await Promise.all(
        phones.slice(i, i + 2).map(async ({ page }, j) => {
          await page.goto(freshInvite);
          await page.getByLabel('Votre nom').fill(names[i + j]!);
          await page.getByRole('button', { name: 'Rejoindre le club' }).click();
          await page.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
        }),
      );
    }
    await tablet.page.reload();
    await eventually(async () => (await tablet.page.getByTestId('club-members').locator('li').allTextContents()).map((s) => s.trim()).filter((s) => s.startsWith('Membre')).sort()).toEqual(names);

    // The old invite link is refused, in words a member understands.
    const late = await device(env.browser, { phone: true });
    await late.page.goto(inviteLink);
    await late.page.getByLabel('Votre nom').fill('Luc Bozon');
    await late.page.getByRole('button', { name: 'Rejoindre le club' }).click();
    await eventually(() => late.page.getByRole('alert').textContent()).toBe(
      'Ce lien n’ouvre pas le club : il a été renouvelé, ou il est incomplet. Demandez le lien d’invitation actuel à l’administrateur du club.',
    );
    expect(new URL(late.page.url()).pathname).toMatch(/\/join$/);

    // The laptop's kept invite link was renewed elsewhere: its page says so rather than show it.
    await clubTab.reload();
    await clubTab.getByTestId('club-invite-unknown').getByText('a été renouvelé depuis un autre').waitFor();
    expect(await clubTab.getByTestId('club-link-invite').count()).toBe(0);
    expect(await clubTab.getByTestId('club-link-admin').inputValue()).toBe(adminLink);
  });
});
