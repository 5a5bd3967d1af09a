// A club in the browser: joining by its invite link, its page, search to a highlighted
// summary (on screen and printed), follow-up live between members, and the follow-up
// round of the next session on the room's screen.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClubCredential } from '../../shared/club.ts';
import { eventually, newDevice, saveState, screenshot, seriousA11yViolations, smallTapTargets, useBrowserAndServer } from '../helpers/browser.ts';
import { runClubScenario, type ClubScenario } from '../helpers/club-scenario.ts';
import { createClubSession } from '../helpers/clubs.ts';
import { bottomMargin, printedPages } from '../helpers/print.ts';
import { seedSession } from '../helpers/seed.ts';
import { addActionItem } from '../../shared/session/index.ts';

const env = useBrowserAndServer();
let club: ClubScenario;
const ws = () => env.server.baseUrl.replace(/^http/, 'ws');

beforeAll(async () => {
  club = await runClubScenario(env.server.baseUrl, ws(), () => env.server.app.indexer.flush());
});

// Each test's devices are closed after it: open contexts would slow the next ones down.
const opened: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});
async function device(browser: Browser, opts: { phone?: boolean } = {}) {
  const d = await newDevice(browser, opts);
  opened.push(d.context);
  return d;
}

/** A device that already joined the club: its credential is in its storage. */
async function memberDevice(browser: Browser, who: ClubCredential, opts: { phone?: boolean } = {}): Promise<Page> {
  const { context, page } = await device(browser, opts);
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key!)) localStorage.setItem(key!, value!);
    },
    [`entraide:club:${who.clubId}`, JSON.stringify(who)],
  );
  return page;
}

// Several devices per test, on a shared two-core machine.
describe('the club in the browser', { timeout: 90_000 }, () => {
  it('joins the club by its invite link with a name, then shows its sessions, members and open actions', async () => {
    const { page } = await device(env.browser, { phone: true });
    await page.goto(`${env.server.baseUrl}/c/${club.bourse.id}/join?token=${club.bourse.inviteToken}`);
    await page.getByLabel('Votre nom').fill('Luc Bozon');
    await page.getByRole('button', { name: 'Rejoindre le club' }).click();
    await page.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
    expect(page.url()).toBe(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await eventually(() => page.getByTestId('club-members').locator('li').allTextContents()).toEqual([
      'Claire Mugnier administrateur',
      'Marc Duret ',
      'Sophie Perrin ',
      'Luc Bozon ',
    ]);
    expect(await page.getByTestId('sessions-upcoming').locator('li > a').first().textContent()).toBe('Exporter en Allemagne');
    expect(await page.getByTestId('sessions-closed').locator('li > a').allTextContents()).toEqual(['Recruter des régleurs', 'Financer la croissance']);
    expect(await page.getByTestId('followed-action').count()).toBe(3);
    // Luc owns none of them: no status buttons for him.
    expect(await page.getByRole('button', { name: 'Faite' }).count()).toBe(0);
    await screenshot(page, 'club-page-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await smallTapTargets(page), 'too small for a finger').toEqual([]);
    // Reopening the invite link on this device goes straight to the club.
    await page.goto(`${env.server.baseUrl}/c/${club.bourse.id}/join?token=${club.bourse.inviteToken}`);
    await page.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
  });

  it('says when a search found more than it shows', async () => {
    // Sixty entries of one word: fifty were shown, and nothing said there were more.
    const many = Array.from({ length: 60 }, (_, i) => ({ kind: 'note' as const, ref: `many-${i}`, text: `Contrôle d’étanchéité numéro ${i}` }));
    await env.server.app.storage.search.replaceSession(club.bourse.id, club.sessions.first, many);
    try {
      const page = await memberDevice(env.browser, club.sophie, { phone: true });
      await page.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
      await page.getByRole('searchbox', { name: 'Chercher dans les séances du club' }).fill('etancheite');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await eventually(() => page.getByTestId('search-count').textContent()).toBe('Les 50 premiers résultats pour « etancheite » ; il y en a d’autres : précisez la recherche.');
      expect(await page.getByTestId('search-hits').locator('li').count()).toBe(50);
    } finally {
      await env.server.app.indexer.rebuildAll();
    }
  });

  it('finds an idea without its accent and opens the summary with the hit highlighted, on screen and printed', async () => {
    const page = await memberDevice(env.browser, club.sophie);
    await page.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await page.getByRole('searchbox', { name: 'Chercher dans les séances du club' }).fill('tresorerie');
    await page.getByRole('button', { name: 'Chercher' }).click();
    const hits = page.getByTestId('search-hits').locator('li');
    await eventually(() => hits.count()).toBe(3);
    const idea = hits.filter({ hasText: 'Mutualiser' });
    expect(await idea.locator('mark').allTextContents()).toEqual(['trésorerie']);
    await screenshot(page, 'club-search');
    await idea.getByRole('link').click();
    await page.getByRole('heading', { name: 'Financer la croissance', level: 1 }).waitFor();
    expect(page.url()).toContain('?q=tresorerie');
    const chart = page.getByTestId('ideas-chart');
    expect(await chart.locator('li').first().textContent()).toContain('Mutualiser la trésorerie des achats entre membres');
    expect(await chart.locator('mark').first().textContent()).toBe('trésorerie');
    expect(await page.getByTestId('summary-actions').locator('tbody tr').count()).toBe(3);
    for (const heading of ['Présentation', 'Visite', 'Questions de clarification', 'Brainstorm', 'Plan d’action', 'La décision de l’hôte', 'Apports et enseignements', 'Contributions']) {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    }
    expect(await page.getByTestId('confidential').textContent()).toMatch(/^Confidentiel — réservé aux membres du club « Club Bourse » — séance du 10 septembre 2026/);
    await screenshot(page, 'club-summary');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.getByTestId('export-pdf').isVisible()).toBe(false);
    await screenshot(page, 'club-summary-print');
    // Printed: the footer is on every page, in the page's bottom margin (below 277 mm of
    // 297), where no card runs under it; it was laid over the content's last lines.
    const printed = await printedPages(await page.pdf({ preferCSSPageSize: true }));
    expect(printed.length).toBeGreaterThan(1);
    for (const [i, words] of printed.entries()) {
      const footer = bottomMargin(words);
      expect(footer, `page ${i + 1}`).toMatch(/^Confidentiel — réservé aux membres du club « Club Bourse » — séance du 10 septembre 2026 — consulté le/);
      expect(words.length, `page ${i + 1}`).toBeGreaterThan(footer.split(' ').length);
    }
    await page.emulateMedia({ media: 'screen' });

    // *Exporter en PDF* saves a PDF for this member. The first export starts the server's own
    // Chromium: on a loaded two-core CI host that took more than Playwright's 20 s default.
    await page.emulateMedia({ media: 'screen' });
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe('2026-09-10-Financer-la-croissance.pdf');
    expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
    expect(fs.readFileSync(await md.path(), 'utf8')).toMatch(/^# Financer la croissance/);
    // Nothing on the page carries her credential: the export links did, and forwarded, one
    // opened the whole club as her.
    expect(await page.content()).not.toContain(club.sophie.credential);
  }, 150_000);

  it('shows a status changed by its owner live on another member’s club page', async () => {
    const claire = await memberDevice(env.browser, club.claire);
    const marc = await memberDevice(env.browser, club.marc, { phone: true });
    // What each page asks of the server: the club once, one live socket. A page whose
    // credential was a new object at each render fetched the club and opened a socket in a
    // loop (41 of each in 5 s on one phone).
    const traffic = (page: Page) => {
      const seen = { clubFetches: 0, sockets: 0 };
      page.on('request', (r) => {
        if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/clubs/${club.bourse.id}`) seen.clubFetches++;
      });
      page.on('websocket', () => seen.sockets++);
      return seen;
    };
    const [onClaireWire, onMarcWire] = [traffic(claire), traffic(marc)];
    await claire.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await marc.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    const onClaire = claire.getByTestId('followed-action').filter({ hasText: 'Appeler la banque' });
    await eventually(() => onClaire.getByTestId('action-status').textContent()).toBe('À faire');
    const onMarc = marc.getByTestId('followed-action').filter({ hasText: 'Appeler la banque' });
    // On his phone his own actions come first, marked, and before the form that creates a
    // session (an admin's, once a season): they came after it, under the others'.
    const owners = marc.locator('.club-actions h3');
    expect(await owners.first().textContent()).toBe('Marc Duret vous');
    // Claire's, which come after Marc's in the club's order, come first on her page.
    expect(await claire.locator('.club-actions h3').first().textContent()).toBe('Claire Mugnier vous');
    const y = async (name: string, level: number) => (await marc.getByRole('heading', { name, level }).first().boundingBox())!.y;
    expect(await y('Actions ouvertes, par porteur', 2)).toBeLessThan(await y('Nouvelle séance du club', 2));
    await onMarc.getByLabel('Où en êtes-vous ? (note courte)').fill('Rendez-vous pris avec la banque');
    await onMarc.getByRole('button', { name: 'En cours' }).click();
    await eventually(() => onClaire.getByTestId('action-status').textContent()).toBe('En cours');
    await onClaire.getByText('« Rendez-vous pris avec la banque »').waitFor();
    expect(onClaireWire).toEqual({ clubFetches: 1, sockets: 1 });
    expect(onMarcWire).toEqual({ clubFetches: 1, sockets: 1 });
    // Claire cannot change Marc's action: she has no buttons on it.
    expect(await onClaire.getByRole('button').count()).toBe(0);
    await screenshot(claire, 'club-followup-live');
  });

  it('opens the next session with a follow-up round on the room’s screen, updated live by the owner, ended by the host', async () => {
    const screen = (await device(env.browser)).page;
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.goto(`${env.server.baseUrl}${club.thirdLinks.screen}`);
    const round = screen.getByTestId('follow-up-round');
    await round.getByRole('heading', { name: 'Tour de suivi' }).waitFor();
    await eventually(() => round.getByTestId('followed-action').count()).toBe(3);
    // The screen's bar names the round (it said *Présentation*, which comes after it).
    expect(await screen.getByTestId('screen-phase').textContent()).toBe('Tour de suivi');
    expect((await round.getByTestId('followed-action').allTextContents()).join('\n')).toContain('Contacter l’école de production de Cluses');
    // Read from the back of the room: each action's session and due date in the screen's
    // colours (they were the room's grey on the screen's navy, about 2:1).
    expect(await seriousA11yViolations(screen)).toEqual([]);

    // Claire enters the session from the club's page, with no link of its own and no name asked.
    const claire = await memberDevice(env.browser, club.claire, { phone: true });
    await claire.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await claire.getByTestId('sessions-upcoming').getByRole('link', { name: 'Rejoindre' }).click();
    await saveState(claire, 'Enregistré sur le serveur');
    const mine = claire.getByTestId('follow-up-round').getByTestId('followed-action').filter({ hasText: 'Cluses' });
    await mine.getByRole('button', { name: 'Faite' }).click();
    await eventually(() => round.getByTestId('followed-action').filter({ hasText: 'Cluses' }).getByTestId('action-status').textContent()).toBe('Faite');
    await screenshot(screen, 'screen-follow-up-round');
    // Only the host ends the round.
    expect(await claire.getByRole('button', { name: /Terminer le suivi/ }).count()).toBe(0);
    // A guest who came by the session's member link (the screen's code) reads the round on
    // the screen: the earlier sessions' actions are the club members'.
    const guest = (await device(env.browser, { phone: true })).page;
    await guest.goto(`${env.server.baseUrl}${club.thirdLinks.member}`);
    await guest.getByLabel('Votre nom').fill('Invité Externe');
    await guest.getByRole('button', { name: 'Entrer dans la séance' }).click();
    await guest.getByTestId('followup-members-only').getByText(/^Ce tour porte sur les actions des séances précédentes du club, réservées à ses membres/).waitFor();
    expect(await guest.getByTestId('followed-action').count()).toBe(0);
    expect(await guest.getByText('Contacter l’école de production de Cluses').count()).toBe(0);

    const sophie = await memberDevice(env.browser, club.sophie);
    let clubFetches = 0;
    sophie.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/clubs/${club.bourse.id}`) clubFetches++;
    });
    await sophie.goto(`${env.server.baseUrl}/s/${club.sessions.third}?club=${club.bourse.id}`);
    await sophie.getByRole('button', { name: 'Terminer le suivi : passer à la Présentation' }).click();
    await eventually(() => round.count()).toBe(0);
    await eventually(() => screen.getByTestId('screen-phase').textContent()).toBe('Présentation');
  });

  it('lists a member’s learnings across sessions on his own page', async () => {
    const marc = await memberDevice(env.browser, club.marc, { phone: true });
    await marc.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await marc.getByRole('link', { name: 'Mes apprentissages' }).click();
    await marc.getByRole('heading', { name: 'Ce que Marc Duret a apporté et emporté' }).waitFor();
    const items = marc.getByTestId('my-learnings').locator('li');
    await eventually(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('Parler du métier dans les collèges.');
    expect(await items.last().textContent()).toContain('Mon expérience de l’affacturage.');
    await screenshot(marc, 'club-learnings');
  });

  // An owner updating his action from a phone with no network: it was lost, under the
  // browser's English "Failed to fetch", and a note typed without a status pressed was too.
  it('keeps an update made offline, says so in French, and sends it when the network is back; a note alone is saved', async () => {
    const claire = await memberDevice(env.browser, club.claire);
    const { context, page: marc } = await (async () => {
      const d = await device(env.browser, { phone: true });
      await d.context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [`entraide:club:${club.marc.clubId}`, JSON.stringify(club.marc)]);
      return d;
    })();
    await claire.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await marc.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    const onClaire = claire.getByTestId('followed-action').filter({ hasText: 'Appeler la banque' });
    const onMarc = marc.getByTestId('followed-action').filter({ hasText: 'Appeler la banque' });
    await onMarc.getByRole('button', { name: 'À faire' }).waitFor();
    await onClaire.waitFor();

    await context.setOffline(true);
    await onMarc.getByLabel('Où en êtes-vous ? (note courte)').fill('La banque rappelle lundi');
    await onMarc.getByRole('button', { name: 'À faire' }).click();
    await onMarc.getByText('Pas de réseau : « À faire » et votre note partiront dès son retour.').waitFor();
    expect(await onMarc.getByRole('button', { name: 'À faire' }).getAttribute('aria-pressed')).toBe('true');
    expect(await marc.locator('body').textContent()).not.toContain('Failed to fetch');
    expect(await onClaire.getByTestId('action-status').textContent()).not.toBe('À faire');
    await screenshot(marc, 'club-followup-offline');

    // The network back, the update goes by itself: Claire's page shows it, live.
    await context.setOffline(false);
    await eventually(() => onClaire.getByTestId('action-status').textContent()).toBe('À faire');
    await onClaire.getByText('« La banque rappelle lundi »').waitFor();
    await eventually(() => onMarc.getByRole('status').textContent()).toBe('');

    // A note changed, no status pressed: *Enregistrer la note* sends it, with the status as is.
    await onMarc.getByLabel('Où en êtes-vous ? (note courte)').fill('Rendez-vous lundi à 10 h');
    await onMarc.getByRole('button', { name: 'Enregistrer la note' }).click();
    await onClaire.getByText('« Rendez-vous lundi à 10 h »').waitFor();
    expect(await onClaire.getByTestId('action-status').textContent()).toBe('À faire');
    await eventually(() => onMarc.getByRole('button', { name: 'Enregistrer la note' }).count()).toBe(0);
    // In English, English quotation marks (French ones were written into the page).
    await claire.getByRole('button', { name: 'English' }).click();
    await onClaire.getByText('“Rendez-vous lundi à 10 h”').waitFor();
    await claire.getByRole('button', { name: 'Français' }).click();
    await onClaire.getByText('« Rendez-vous lundi à 10 h »').waitFor();
  });

  // A club's open actions pile up from session to session: with six, the round ran to 1404 px
  // on a 720 px screen, and the room never saw the last four. A room of thirty leaves a dozen
  // and more: in one column they stood whole only at half the type, too small from the back.
  it('shows the whole follow-up round on a 1280×720 screen, however many open actions', async () => {
    const long = [
      'Réduire le stock de barres à six semaines en renégociant les minimums de commande avec les deux aciéries',
      'Présenter Claire au chargé d’affaires Bpifrance d’Annecy pour le prêt de développement',
      'Mettre en place un tableau de bord hebdomadaire partagé avec le directeur financier et l’expert-comptable',
      'Rencontrer les trois décolleteurs de Cluses qui ont déjà recruté en alternance',
      'Chiffrer le coût d’une seconde équipe de nuit sur les tours multibroches',
    ];
    const owners = [club.marc, club.sophie, club.claire, club.marc, club.sophie];
    const short = [
      'Appeler le cabinet de recrutement de Thônes', 'Visiter l’atelier de Marc', 'Relire le pacte d’associés',
      'Demander trois devis de robots de chargement', 'Inviter le DRH de Somfy au club', 'Tester l’annonce sur Indeed',
      'Partager le modèle de tableau de trésorerie', 'Préparer la lettre aux clients sur les délais',
      'Former deux chefs d’équipe au management', 'Revoir la grille de salaires des régleurs',
      'Proposer une prime de cooptation', 'Contacter le lycée technique de Cluses', 'Faire auditer le contrat d’assurance crédit',
    ];
    await seedSession(env.server.app, club.sessions.first, (doc) => {
      long.forEach((text, i) => addActionItem(doc, { text, owner: { participantId: owners[i]!.memberId, name: owners[i]!.name }, due: `2027-0${i + 1}-15` }));
      short.forEach((text, i) => addActionItem(doc, { text, owner: { participantId: owners[i % 3]!.memberId, name: owners[i % 3]!.name }, due: `2027-0${(i % 9) + 1}-20` }));
    });
    await env.server.app.indexer.flush();
    const next = await createClubSession(env.server.baseUrl, club.claire, { title: 'Reprendre un concurrent', hostCompany: 'Mugnier Décolletage', date: '2027-01-20' });
    const screen = (await device(env.browser)).page;
    await screen.setViewportSize({ width: 1280, height: 720 });
    await screen.goto(`${env.server.baseUrl}${next.links.screen}`);
    const round = screen.getByTestId('follow-up-round');
    await eventually(() => round.getByTestId('followed-action').count()).toBeGreaterThanOrEqual(long.length + short.length + 1);
    // Every action, its status and its line of dates above the bottom of the screen's body.
    const bottom = await screen.locator('.screen-main').evaluate((el) => el.getBoundingClientRect().bottom);
    await eventually(async () => Math.max(...(await round.getByTestId('followed-action').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom))))).toBeLessThanOrEqual(bottom + 0.5);
    await screenshot(screen, 'screen-follow-up-many');
    // Side by side, in three columns, and as large as that allows: an action's text at 11 px
    // or more, 2.5 cm high on a 3 m wide projection.
    const lefts = new Set(await round.getByTestId('followed-action').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left))));
    expect(lefts.size).toBe(3);
    const fit = Number(await round.evaluate((el) => getComputedStyle(el).getPropertyValue('--fit')));
    expect(fit).toBeLessThan(1);
    const type = await round.getByTestId('followed-action').first().locator('strong').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(type).toBeGreaterThanOrEqual(11);
  });

  // An action left *À définir* at the close: nobody had a button on it, and it stayed open for good.
  it('lets the host of a session follow up the actions nobody carries, and nobody else', async () => {
    await seedSession(env.server.app, club.sessions.first, (doc) => {
      addActionItem(doc, { text: 'Augmenter les prix des petites séries', owner: null });
    });
    await env.server.app.indexer.flush();
    // Claire hosted that session; Marc was a member.
    const claire = await memberDevice(env.browser, club.claire, { phone: true });
    const marc = await memberDevice(env.browser, club.marc);
    await claire.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    await marc.goto(`${env.server.baseUrl}/c/${club.bourse.id}`);
    const onClaire = claire.getByTestId('followed-action').filter({ hasText: 'Augmenter les prix' });
    const onMarc = marc.getByTestId('followed-action').filter({ hasText: 'Augmenter les prix' });
    await onMarc.waitFor();
    expect(await onMarc.getByRole('button').count()).toBe(0);
    await onClaire.getByLabel('Où en êtes-vous ? (note courte)').fill('Repris dans le plan de la séance suivante');
    await onClaire.getByRole('button', { name: 'Abandonnée' }).click();
    await eventually(() => onMarc.getByTestId('action-status').textContent()).toBe('Abandonnée');
    await onMarc.getByText('« Repris dans le plan de la séance suivante »').waitFor();
  });

  // A closed club session opened as oneself: its summary link and downloads carried the club
  // credential in their address, and the session's own page had no club footer.
  it('sends a member who opens a closed club session to the club’s summary page, with no credential in an address', async () => {
    const page = await memberDevice(env.browser, club.marc, { phone: true });
    await page.goto(`${env.server.baseUrl}/s/${club.sessions.first}?club=${club.bourse.id}`);
    const link = page.getByTestId('summary-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/c/${club.bourse.id}/s/${club.sessions.first}`);
    expect(await page.getByTestId('summary-md').count()).toBe(0);
    expect(await page.content()).not.toContain(club.marc.credential);
    await link.click();
    await eventually(() => page.getByTestId('confidential').textContent()).toMatch(/^Confidentiel — réservé aux membres du club « Club Bourse »/);
    expect(await page.content()).not.toContain(club.marc.credential);
  });

  // The plan's owners were those in the room: an action for a member who could not come
  // stayed *À définir*.
  it('offers the club’s members absent from the room as owners of an action', async () => {
    const sophie = await memberDevice(env.browser, club.sophie);
    let clubFetches = 0;
    sophie.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/clubs/${club.bourse.id}`) clubFetches++;
    });
    await sophie.goto(`${env.server.baseUrl}/s/${club.sessions.third}?club=${club.bourse.id}`);
    await saveState(sophie, 'Enregistré sur le serveur');
    await sophie.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();
    const owner = sophie.getByLabel('Porteur', { exact: true });
    await eventually(() => owner.locator('optgroup[label="Autres membres du club"] option').allTextContents()).toEqual(expect.arrayContaining(['Marc Duret']));
    // Those who came to this session are of the room, their phones gone since too (Claire, at
    // the follow-up round earlier); each once.
    const inTheRoom = await owner.locator('optgroup[label="Dans la salle"] option').allTextContents();
    expect(inTheRoom[0]).toBe('Sophie Perrin');
    const everyone = await owner.locator('option').allTextContents();
    for (const name of ['Sophie Perrin', 'Marc Duret', 'Claire Mugnier']) expect(everyone.filter((n) => n === name)).toHaveLength(1);
    await sophie.getByLabel('Action', { exact: true }).fill('Envoyer la liste des salons allemands au club');
    await owner.selectOption({ label: 'Marc Duret' });
    await sophie.getByRole('button', { name: 'Ajouter l’action' }).click();
    const added = sophie.getByTestId('action-item').filter({ hasText: 'Envoyer la liste des salons allemands' });
    await eventually(() => added.textContent()).toContain('Marc Duret');
    // Edited, it keeps its owner among the club's members; and the list came once for both
    // forms (each form fetched the whole club for itself).
    await added.getByRole('button', { name: /^Modifier/ }).click();
    // (Its text now in a field: the card is found by its form.)
    const ownerOfAdded = sophie.getByTestId('action-item').locator('select[id$="-owner"]');
    await eventually(() => ownerOfAdded.locator('optgroup[label="Autres membres du club"] option').allTextContents()).toEqual(expect.arrayContaining(['Luc Bozon']));
    expect(await ownerOfAdded.locator('option:checked').textContent()).toBe('Marc Duret');
    expect(clubFetches).toBe(1);
  });
});
