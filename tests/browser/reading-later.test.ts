// Issue 11: every phase fits a 360 px phone with its main action in the first screen, and
// a member who reopens his link after the Clôture reads the summary without giving a name:
// a readable page (French dates, tie ranks, Markdown and JSON as downloads in his language).
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import {
  createSession, eventually, inFirstScreen, join, joinAddressOf, newDevice, overflowX, screenshot, smallTapTargets, seriousA11yViolations, useBrowserAndServer,
} from '../helpers/browser.ts';
import { bottomMargin, printedPages } from '../helpers/print.ts';

const env = useBrowserAndServer();
const SMALL = { width: 360, height: 740 };
const phaseIs = (page: Page, name: string) => eventually(() => page.getByTestId('current-phase').textContent()).toBe(name);

test('every phase fits 360 px with its main action in sight; after the Clôture the member link opens the summary, no name asked', async () => {
  const links = await createSession(env.server.baseUrl, { title: 'Entrer sur le marché de l’hydrogène', hostCompany: 'Décolletage Arve Précision', hostName: 'Claire Mugnier', date: '2026-09-30' });
  const host = (await newDevice(env.browser)).page;
  const member = (await newDevice(env.browser, { phone: true, size: SMALL })).page;
  const hostPhone = (await newDevice(env.browser, { phone: true, size: SMALL })).page;
  onTestFailed(async () => {
    for (const [who, page] of Object.entries({ host, member, hostPhone })) await screenshot(page, `later-failed-${who}`).catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await join(member, links.member, 'Marc Vidal');
  await join(hostPhone, links.host, 'Paul Durand');

  const fits = async (phase: string) => {
    for (const [who, page] of Object.entries({ member, hostPhone })) {
      await phaseIs(page, phase);
      expect(await overflowX(page), `${phase}, ${who}`).toBeLessThanOrEqual(0);
      expect(await smallTapTargets(page), `${phase}, ${who}: too small for a finger`).toEqual([]);
      // The other steps are round, whole, in the row that scrolls (squeezed, they were tall ovals).
      const steps = await page.locator('.stepper li:not(.current)').evaluateAll((els) => els.map((el) => {
        const r = el.getBoundingClientRect();
        return `${Math.round(r.width)}×${Math.round(r.height)}`;
      }));
      for (const size of steps) {
        const [w, h] = size.split('×').map(Number);
        expect(Math.abs(w! - h!), `${phase}, ${who}: a step of ${size}`).toBeLessThanOrEqual(2);
      }
      await screenshot(page, `later-360-${phase}-${who}`);
    }
  };
  await fits('Présentation');
  // At 360 px each person's name is whole in the header ("Paul Dur… (changer)" before: the
  // languages now read FR and EN there, their names kept for screen readers).
  for (const [page, name] of [[member, 'Marc Vidal'], [hostPhone, 'Paul Durand']] as const) {
    const shown = page.locator('.rename-name');
    expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), name).toBe(true);
    await page.getByRole('button', { name: `Vous êtes ${name} (changer)` }).waitFor();
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).waitFor();
  }

  await host.getByRole('button', { name: 'Aller directement à : Visite' }).click();
  await fits('Visite');
  expect(await inFirstScreen(member, member.getByLabel('Votre note'))).toBe(true);
  await member.getByLabel('Votre note').fill('Machines de 1998, pas de suivi de la maintenance');
  await member.getByRole('button', { name: 'Ajouter la note' }).click();
  // A pasted address is one long word: it wraps inside its note, and no phone's page grows
  // wider than the screen (it pushed every phone 64 px sideways).
  const address = 'https://www.hydrogen-europe.eu/wp-content/uploads/2026/11/Rapport_filiere_hydrogene_Auvergne_Rhone_Alpes_version_finale.pdf';
  await member.getByLabel('Votre note').fill(address);
  await member.getByRole('button', { name: 'Ajouter la note' }).click();
  for (const page of [member, hostPhone]) {
    await page.getByTestId('visit-note').filter({ hasText: address }).waitFor();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  }

  await host.getByRole('button', { name: 'Passer à : Questions' }).click();
  await fits('Questions');
  // The host's phone: his Animation panel folded into one row (it took five), opened with a tap.
  const panel = hostPhone.getByRole('region', { name: 'Animation' });
  // One row: the 44 px a finger needs and the card's padding.
  expect((await panel.boundingBox())!.height).toBeLessThan(70);
  expect(await panel.getByText('Minuteur').isVisible()).toBe(false);
  // Folded, its title shows the disclosure triangle, as the other panels do (it read as an empty box).
  const mark = () => panel.locator('summary').first().evaluate((el) => getComputedStyle(el, '::before').content);
  expect(await mark()).toBe('"▸"');
  await panel.getByText('Animation', { exact: true }).tap();
  await panel.getByText('Minuteur').waitFor();
  expect(await mark()).toBe('"▾"');
  expect(await inFirstScreen(member, member.getByLabel('Votre question'))).toBe(true);
  await member.getByLabel('Votre question').fill('Quel budget pour le bureau d’études ?');
  await member.getByRole('button', { name: 'Poser la question' }).click();

  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  // The new phase folds the host's Animation panel on his phone again (opened for the
  // questions, it filled the brainstorm's first screen).
  await eventually(() => panel.getByText('Minuteur').isVisible()).toBe(false);
  await fits('Brainstorm');
  expect(await inFirstScreen(member, member.getByRole('button', { name: 'Nouvelle idée', exact: true }))).toBe(true);
  for (const text of ['Racheter un petit bureau d’études', 'Embaucher un ingénieur en alternance', 'Une idée sans vote']) {
    await member.getByRole('button', { name: 'Nouvelle idée', exact: true }).click();
    await member.getByRole('textbox', { name: 'Texte de l’idée' }).fill(text);
    await member.getByRole('button', { name: 'Terminé' }).click();
  }
  // Voting happens in a round the host opens (issue 12).
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  // Two ideas with one vote each: tied for first.
  const idea = (text: string) => member.getByTestId('idea').filter({ hasText: text });
  await idea('Racheter').getByRole('button', { name: 'Voter' }).tap();
  await idea('Embaucher').getByRole('button', { name: 'Voter' }).tap();
  await member.getByText('Points restants : 3 sur 5').waitFor();
  // Counts are hidden in this round: what the member reads is his own points, said so, and no
  // section totals ("Sans groupe · 2 points" read as the room's).
  expect(await idea('Racheter').getByTestId('idea-votes').textContent()).toBe('Vous : 1 point');
  expect(await member.locator('.idea-section h3').allTextContents()).toEqual(['Sans groupe 3 idées']);
  expect(await inFirstScreen(member, member.getByRole('button', { name: 'Voter' }).first())).toBe(true);
  expect(await overflowX(member)).toBeLessThanOrEqual(0);
  // The round's state reads whole at 360 px, in short words (the full ones were cut: "jusqu'à la cl…").
  const hidden = member.getByTestId('counts-hidden');
  expect(await hidden.locator('.words-short').isVisible()).toBe(true);
  expect(await hidden.locator('.words-short').textContent()).toBe('Comptes masqués');
  expect(await hidden.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // The points are in each voter's own document until the round closes: the session moves
  // on once it is closed, and the host is told so.
  await host.getByTestId('close-vote-first').waitFor();
  expect(await host.getByRole('button', { name: 'Passer à : Synthèse' }).count()).toBe(0);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await host.getByRole('button', { name: 'Passer à : Synthèse' }).click();
  await phaseIs(host, 'Synthèse');
  await host.getByLabel('Action', { exact: true }).fill('Chiffrer le rachat d’un bureau d’études avec un cabinet de conseil');
  await host.getByLabel('Porteur').selectOption({ label: 'Marc Vidal' });
  await host.getByLabel('Échéance').fill('2026-12-01');
  // The field writes the date as the device's locale does: it is said again in words.
  expect(await host.getByTestId('due-read').textContent()).toBe('1er décembre 2026');
  await host.getByRole('button', { name: 'Ajouter l’action' }).click();
  // Action items stay editable: text, owner, due date, status.
  const action = host.getByTestId('action-item').first();
  await action.getByRole('button', { name: /Modifier/ }).click();
  await action.getByLabel('Échéance').fill('2027-03-01');
  expect(await action.getByTestId('due-read').textContent()).toBe('1er mars 2027');
  await action.getByLabel('État').selectOption({ label: 'En cours' });
  await action.getByRole('button', { name: 'Enregistrer' }).click();
  await member.getByTestId('action-item').filter({ hasText: '1er mars 2027' }).getByText('En cours').waitFor();
  await fits('Synthèse');
  // A member's own part first: what he brought and takes away, in his first screen; the
  // host's decision, not written yet, is said in one line, not an empty box.
  expect(await inFirstScreen(member, member.getByLabel('Ce que j’ai apporté'))).toBe(true);
  await member.getByTestId('no-decision-yet').getByText('L’hôte n’a pas encore écrit sa décision.').waitFor();
  // On a 360 px phone the row of earlier steps to look back at is wider than the screen: its
  // end fades while more lies past it, its start once scrolled there. The laptop's fits, unfaded.
  const review = member.getByRole('navigation', { name: 'Revoir une étape' });
  const fade = (nav: typeof review) => nav.evaluate((el) => ({
    before: el.hasAttribute('data-more-before'), after: el.hasAttribute('data-more-after'), mask: getComputedStyle(el).maskImage,
  }));
  expect(await fade(review)).toMatchObject({ before: false, after: true, mask: expect.stringContaining('gradient') });
  await review.getByRole('button', { name: 'Brainstorm' }).scrollIntoViewIfNeeded();
  await eventually(() => fade(review)).toMatchObject({ before: true, after: false, mask: expect.stringContaining('gradient') });
  await screenshot(member, 'later-360-review-scrolled');
  expect(await fade(host.getByRole('navigation', { name: 'Revoir une étape' }))).toEqual({ before: false, after: false, mask: 'none' });

  await host.getByRole('button', { name: 'Passer à : Clôture' }).click();
  await host.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await fits('Clôture');
  // The downloads' labels wrap on two lines at 360 px: their text keeps a margin inside the
  // frame (it touched it, above and below).
  const inset = await member.locator('.button-link').evaluateAll((els) => els.map((el) => {
    const text = document.createRange();
    text.selectNodeContents(el);
    const t = text.getBoundingClientRect();
    const b = el.getBoundingClientRect();
    return Math.round(Math.min(t.top - b.top, b.bottom - t.bottom));
  }));
  expect(inset.length).toBeGreaterThan(0);
  for (const gap of inset) expect(gap).toBeGreaterThanOrEqual(4);

  // Weeks later, on another phone: the member link opens the summary, no name asked.
  const reader = (await newDevice(env.browser, { phone: true, size: SMALL })).page;
  await reader.goto(links.member);
  await reader.getByRole('heading', { level: 1, name: 'Entrer sur le marché de l’hydrogène' }).waitFor();
  expect(await reader.getByLabel('Votre nom').count()).toBe(0);
  await reader.getByText('30 septembre 2026', { exact: true }).waitFor();
  await reader.getByText('1er mars 2027').waitFor();
  const chart = reader.getByTestId('ideas-chart');
  expect(await chart.locator('.bar-rank').allTextContents()).toEqual(['1 ex aequo', '1 ex aequo']);
  // Each rank on one line, beside its idea (it was broken letter by letter: "1 / ex / ae / qu / o").
  for (const rank of await chart.locator('.bar-rank').all()) {
    const lineHeight = await rank.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await rank.boundingBox())!.height).toBeLessThan(1.5 * lineHeight);
  }
  // Each idea's words get most of the phone's width, its points under its bar.
  const chartWidth = (await chart.boundingBox())!.width;
  for (const label of await chart.locator('.bar-label').all()) expect((await label.boundingBox())!.width).toBeGreaterThan(0.6 * chartWidth);
  await chart.scrollIntoViewIfNeeded();
  await screenshot(reader, 'later-summary-chart-phone');
  expect(await chart.textContent()).not.toContain('Une idée sans vote');
  // Said as a director would: what the file is, not only its format.
  expect(await reader.getByTestId('summary-md').textContent()).toBe('Télécharger le compte rendu (fichier texte .md)');
  const md = await reader.getByTestId('summary-md').getAttribute('href');
  expect(md).toMatch(/format=md&lang=fr$/);
  const text = await (await reader.context().request.get(env.server.baseUrl + md)).text();
  expect(text).toContain('- **Date** : 30 septembre 2026');
  expect(text).toContain('**1 ex aequo** — Racheter un petit bureau d’études');
  // Saved under the same name as the club page's exports; the page can be printed, and ends,
  // printed or not, with the club's rule of confidentiality (it had no footer, no print).
  expect(await reader.getByTestId('summary-md').getAttribute('download')).toBe('2026-09-30-Entrer-sur-le-marche-de-l-hydrogene.md');
  expect(await reader.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(true);
  expect(await reader.getByTestId('confidential').textContent()).toMatch(/^Confidentiel — réservé aux participants de la séance — séance du 30 septembre 2026 — consulté le \d/);
  await reader.emulateMedia({ media: 'print' });
  expect(await reader.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
  expect(await reader.getByTestId('summary-md').isVisible()).toBe(false);
  // Whether it is the final summary or a draft is printed with it.
  expect(await reader.locator('.summary-tools .tag').textContent()).toBe('Séance close');
  expect(await reader.locator('.summary-tools .tag').isVisible()).toBe(true);
  const printed = printedPages(await reader.pdf({ preferCSSPageSize: true }));
  for (const [i, words] of printed.entries()) {
    expect(bottomMargin(words), `page ${i + 1}`).toMatch(/^Confidentiel — réservé aux participants de la séance — séance du 30 septembre 2026 — consulté le/);
  }
  await reader.emulateMedia({ media: 'screen' });
  expect(await overflowX(reader)).toBeLessThanOrEqual(0);
  await screenshot(reader, 'later-summary-phone');
  await reader.screenshot({ path: 'test-results/screenshots/later-summary-phone-first-screen.png' });
  const violations = await seriousA11yViolations(reader);
  expect(violations, JSON.stringify(violations)).toEqual([]);

  // In English, the links carry the language.
  await reader.getByRole('button', { name: 'English' }).click();
  await reader.getByText('30 September 2026', { exact: true }).waitFor();
  expect(await reader.getByTestId('summary-md').getAttribute('href')).toMatch(/lang=en$/);
  expect(await reader.getByTestId('confidential').textContent()).toMatch(/^Confidential — for the participants of the session only — session of 30 September 2026 — read on /);
  await member.getByRole('button', { name: 'English' }).click();
  expect(await member.getByTestId('summary-link').getAttribute('href')).toMatch(/lang=en$/);

  // The short join address the room's screen showed lets nobody new in once the session is
  // closed, and asks no name; a phone that joined goes back in with its own credential.
  const stranger = (await newDevice(env.browser, { phone: true, size: SMALL })).page;
  await stranger.goto(`http://${joinAddressOf(links.member)}`);
  await stranger.getByRole('heading', { name: 'Séance close' }).waitFor();
  await stranger.getByRole('alert').getByText('son code ne fait plus entrer personne').waitFor();
  expect(await stranger.getByLabel('Votre nom').count()).toBe(0);
  await member.goto(`http://${joinAddressOf(links.member)}`);
  await eventually(() => new URL(member.url()).pathname).toBe(`/s/${links.id}`);
  await member.getByTestId('summary-link').waitFor();
}, 240_000);
