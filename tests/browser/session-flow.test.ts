// Issue 4: a host and two members run a whole session, presentation to closed, in three
// browser contexts. Each sees the others' edits live; every phase is screenshotted and
// checked with axe-core.
import type { Locator, Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import {
  addIdea, dragOnto, eventually, createSession, editorText, join, newDevice, screenshot, seriousA11yViolations, useBrowserAndServer,
} from '../helpers/browser.ts';

const env = useBrowserAndServer();

const phaseIs = (page: Page, name: string) => eventually(() => page.getByTestId('current-phase').textContent()).toBe(name);
const sticky = (page: Page, text: string) => page.getByTestId('sticky').filter({ hasText: text });
/** An idea on the canvas (laptops) or in the list (phones). */
const idea = (page: Page, text: string) => page.locator('[data-testid="sticky"], [data-testid="idea"]').filter({ hasText: text });

/** The words of `el` drawn over two lines: cut in the middle to fit (a phone's table did). */
function wordsCutIn(el: Locator): Promise<string[]> {
  return el.evaluate((root) => {
    const cut: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(word[0]);
      }
    }
    return cut;
  });
}

async function checkPhase(pages: Record<string, Page>, phase: string): Promise<void> {
  for (const [who, page] of Object.entries(pages)) {
    await screenshot(page, `${phase}-${who}`);
    expect(await seriousA11yViolations(page), `${phase}, ${who}`).toEqual([]);
  }
}

test('a host and two members run a whole session, live, from presentation to closed', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const marc = (await newDevice(env.browser)).page;
  const sophie = (await newDevice(env.browser, { phone: true })).page;
  onTestFailed(async () => {
    for (const [who, page] of Object.entries({ host, marc, sophie })) await screenshot(page, `failed-${who}`).catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await join(marc, links.member, 'Marc Vidal');
  await join(sophie, links.member, 'Sophie Roux');
  for (const page of [host, marc, sophie]) {
    await eventually(() => page.getByTestId('present-person').count()).toBe(3);
  }

  // Présentation: the host writes, the members read it live.
  await phaseIs(marc, 'Présentation');
  await host.getByRole('textbox', { name: 'Problème' }).click();
  await host.keyboard.type('Entrer sur le marché des piles à hydrogène sans bureau d’études.');
  await eventually(() => editorText(marc.getByRole('textbox', { name: 'Problème' }))).toContain('piles à hydrogène');
  await eventually(() => editorText(sophie.getByRole('textbox', { name: 'Problème' }))).toContain('piles à hydrogène');
  expect(await marc.getByRole('textbox', { name: 'Problème' }).getAttribute('contenteditable')).toBe('false');
  await host.getByRole('button', { name: 'Montrer à l’écran : Problème', exact: true }).click();
  await marc.getByText('à l’écran', { exact: true }).waitFor();
  await checkPhase({ host, marc, sophie }, '1-presentation');

  // Visite: the host names a place, members take notes, everyone sees them.
  await host.getByRole('button', { name: 'Passer à : Visite' }).click();
  await phaseIs(sophie, 'Visite');
  await host.getByText('Lieux de la visite').click();
  await host.getByPlaceholder('Nouveau lieu').fill('Atelier de décolletage');
  await host.getByRole('button', { name: 'Ajouter le lieu' }).click();
  await sophie.getByLabel('Lieu').selectOption({ label: 'Atelier de décolletage' });
  await sophie.getByText('Risque', { exact: true }).click();
  await sophie.getByLabel('Votre note').fill('Machines de 1998, pas de suivi de la maintenance');
  await sophie.getByRole('button', { name: 'Ajouter la note' }).click();
  await marc.getByLabel('Votre note').fill('Équipe très qualifiée, faible turnover');
  await marc.getByRole('button', { name: 'Ajouter la note' }).click();
  for (const page of [host, marc, sophie]) {
    await page.getByTestId('visit-note').filter({ hasText: 'Machines de 1998' }).waitFor();
    await page.getByTestId('visit-note').filter({ hasText: 'Équipe très qualifiée' }).waitFor();
  }
  await checkPhase({ host, sophie }, '2-visit');

  // Questions: members ask, the host answers, answered ones are marked.
  await host.getByRole('button', { name: 'Passer à : Questions' }).click();
  await phaseIs(marc, 'Questions');
  await marc.getByText('Questions : des questions, pas encore de conseils').waitFor();
  // No count over "no question yet" ("0 question, 0 répondue" said it twice).
  await marc.getByText('Aucune question pour l’instant').waitFor();
  expect(await marc.getByTestId('question-count').count()).toBe(0);
  await marc.getByLabel('Votre question').fill('Quel budget pour le bureau d’études ?');
  await marc.getByRole('button', { name: 'Poser la question' }).click();
  const question = host.getByTestId('question').filter({ hasText: 'Quel budget' });
  // Who asked, in French words ("Question d’Isabelle", "Question de Marc").
  await question.getByText('Question de Marc Vidal').waitFor();
  await question.getByLabel('Réponse').fill('200 k€ sur deux ans, avec le crédit d’impôt recherche.');
  await question.getByRole('button', { name: 'Répondre' }).click();
  const marcQuestion = marc.getByTestId('question').filter({ hasText: 'Quel budget' });
  await eventually(() => marcQuestion.getAttribute('data-status')).toBe('answered');
  await marcQuestion.getByText('Répondue').waitFor();
  await marcQuestion.getByText('200 k€ sur deux ans').waitFor();
  await eventually(() => marc.getByTestId('question-count').textContent()).toBe('1 question, 1 répondue');
  // Looking back at the visit notes, until the host calls everybody back.
  await sophie.getByRole('navigation', { name: 'Revoir une étape' }).getByRole('button', { name: 'Visite' }).click();
  await sophie.getByTestId('visit-note').filter({ hasText: 'Équipe très qualifiée' }).waitFor();
  await host.getByRole('button', { name: 'Ramener tout le monde à l’étape en cours' }).click();
  await sophie.getByLabel('Votre question').waitFor();
  await checkPhase({ host, marc }, '3-questions');

  // Brainstorm: private writing, reveal, group, vote, cursors.
  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  await phaseIs(marc, 'Brainstorm');
  await host.getByRole('button', { name: 'Lancer l’écriture privée' }).click();
  await marc.getByText('Écriture privée : vos idées restent cachées').waitFor();
  await addIdea(marc, 'Embaucher un ingénieur hydrogène en alternance');
  await addIdea(sophie, 'Racheter un petit bureau d’études');
  await host.getByTestId('hidden-count').getByText('2 idées cachées').waitFor();
  expect(await sticky(host, 'Embaucher').count()).toBe(0);
  // No phase move leaves the private ideas behind: the host is told to reveal first.
  expect(await host.getByTestId('reveal-first').textContent()).toBe('Les idées sont encore privées : révélez-les avant de changer d’étape.');
  expect(await host.getByRole('button', { name: /Passer à/ }).count()).toBe(0);
  await host.getByRole('button', { name: 'Tout révéler' }).click();
  await host.getByRole('button', { name: 'Passer à : Synthèse' }).waitFor();
  expect(await host.getByTestId('reveal-first').count()).toBe(0);
  for (const page of [host, marc, sophie]) {
    await idea(page, 'Embaucher').waitFor();
    await idea(page, 'Racheter').waitFor();
  }
  // Editing is live too: the host edits Marc's idea.
  await sticky(host, 'Embaucher').focus();
  await host.keyboard.press('Enter');
  await host.keyboard.press('Control+End');
  await host.keyboard.type(' (2 ans)');
  await sticky(host, 'Embaucher').getByRole('button', { name: 'bleu' }).click();
  await host.keyboard.press('Escape');
  await eventually(() => sticky(host, 'Embaucher').getByRole('textbox').count()).toBe(0);
  await eventually(() => sticky(marc, 'Embaucher').getAttribute('class')).toContain('sticky-blue');
  await sticky(marc, 'alternance (2 ans)').waitFor();

  await host.getByLabel('Titre du groupe').fill('Compétences');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  // Drag with the mouse onto the group, and group with the keyboard (G).
  await dragOnto(marc, sticky(marc, 'Embaucher'), marc.getByTestId('group').filter({ hasText: 'Compétences' }));
  await sticky(host, 'Embaucher').getByText('Compétences').waitFor();
  // On her phone, Sophie picks the group of her own idea in the list.
  await idea(sophie, 'Racheter').getByRole('combobox').selectOption({ label: 'Compétences' });
  await sticky(host, 'Racheter').getByText('Compétences').waitFor();

  // Votes: the host opens a round; V on the keyboard, + with the pointer; the budget left
  // is shown; counts stay hidden until the round closes.
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  await marc.getByTestId('voting-state').getByText('Vote ouvert').waitFor();
  await sticky(marc, 'Racheter').focus();
  await marc.keyboard.press('v');
  await marc.keyboard.press('v');
  await idea(sophie, 'Embaucher').getByRole('button', { name: 'Voter' }).click();
  await marc.getByText('Points restants : 3 sur 5').waitFor();
  await sophie.getByText('Points restants : 4 sur 5').waitFor();
  expect(await sticky(host, 'Racheter').getByText('● 2').count()).toBe(0);
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await sticky(host, 'Racheter').getByText('● 2').waitFor();
  await sticky(host, 'Embaucher').getByText('● 1').waitFor();

  // Live cursor: Marc's pointer over the board shows on the host's board.
  const board = marc.getByTestId('board');
  // The board may start below the fold (the voting bar and floor sit above it).
  await board.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const box = await board.boundingBox();
  if (!box) throw new Error('no board');
  await marc.mouse.move(box.x + 40, box.y + box.height - 40);
  await marc.mouse.move(box.x + 60, box.y + box.height - 50);
  await host.getByTestId('peer-cursor').filter({ hasText: 'Marc Vidal' }).waitFor();
  await checkPhase({ host, sophie }, '4-brainstorm');

  // Synthèse: top ideas become actions with an owner present and a due date.
  await host.getByRole('button', { name: 'Passer à : Synthèse' }).click();
  await phaseIs(sophie, 'Synthèse');
  const top = host.getByTestId('top-idea');
  await eventually(() => top.first().textContent()).toContain('Racheter');
  await top.first().getByRole('button', { name: /En faire une action/ }).click();
  await eventually(() => host.getByLabel('Action', { exact: true }).inputValue()).toContain('Racheter');
  // The host says it in full, as an action plan reads.
  await host.getByLabel('Action', { exact: true }).fill('Racheter un petit bureau d’études régional, après un audit de ses comptes et de ses contrats par notre expert-comptable, avant la fin du premier trimestre 2027');
  await host.getByLabel('Porteur').selectOption({ label: 'Sophie Roux' });
  await host.getByLabel('Échéance').fill('2027-03-31');
  await host.getByRole('button', { name: 'Ajouter l’action' }).click();
  await marc.getByTestId('action-item').filter({ hasText: 'Sophie Roux' }).waitFor();
  // The idea says it is in the plan now; another action may still come from it.
  await top.first().getByTestId('in-plan').waitFor();
  expect(await top.first().getByRole('button', { name: /En faire une autre action/ }).count()).toBe(1);
  await host.getByRole('textbox', { name: 'Ma décision' }).fill('Je lance le rachat en 2027.');
  // A member reads the host's decision, under the host's name for it, not as "my decision".
  const decision = sophie.getByRole('region', { name: 'Décision de l’hôte' });
  await eventually(() => decision.getByTestId('decision-text').textContent()).toBe('Je lance le rachat en 2027.');
  expect(await sophie.getByRole('textbox', { name: 'Ma décision' }).count()).toBe(0);
  // The host reads the hint in his own person; a member reads the decision as text, whole,
  // not in a read-only box that cut it after three lines, under a hint for the host.
  expect(await host.locator('#decision-hint').textContent()).toBe('Écrivez ici ce que vous décidez, avec vos mots.');
  expect(await sophie.locator('#decision-hint').count()).toBe(0);
  expect(await decision.getByRole('textbox').count()).toBe(0);
  const longDecision = 'Je garde toute l’équipe : je recrute un commercial et j’attaque les marchés publics et la rénovation avec des partenaires. Point d’étape au club en mars. Nous reparlerons du stockage à l’automne, une fois les premiers devis signés.';
  await host.getByRole('textbox', { name: 'Ma décision' }).fill(longDecision);
  await eventually(() => decision.getByTestId('decision-text').textContent()).toBe(longDecision);
  expect(await decision.getByTestId('decision-text').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await marc.getByLabel('Ce que j’ai apporté').fill('Mon expérience du CIR');
  await marc.getByLabel('Ce que j’emporte').fill('Anticiper la maintenance');
  await host.getByTestId('learning').filter({ hasText: 'Anticiper la maintenance' }).waitFor();
  await checkPhase({ host, marc }, '5-synthesis');

  // Clôture: read-only for everyone, with the summary a click away.
  await host.getByRole('button', { name: 'Passer à : Clôture' }).click();
  await host.getByRole('button', { name: 'Confirmer la clôture' }).click();
  for (const page of [host, marc, sophie]) {
    await page.getByRole('heading', { name: 'Séance close' }).waitFor();
    await page.getByTestId('summary-actions').getByText('Sophie Roux').waitFor();
  }
  // On the host's laptop the plan's headers, date and state read on one line each, the long
  // action beside them wrapping instead ("Échéanc / e" and "À / faire" were cut to give it room).
  const broken = await host.getByTestId('summary-actions').locator('th, td.nowrap').evaluateAll((els) =>
    els.filter((el) => {
      const text = document.createRange();
      text.selectNodeContents(el);
      const tops = new Set([...text.getClientRects()].map((r) => Math.round(r.top)));
      return tops.size > 1;
    }).map((el) => el.textContent),
  );
  expect(broken).toEqual([]);
  // The summary: a page to read, and the Markdown to download, in the page's language.
  const summaryHref = await marc.getByTestId('summary-md').getAttribute('href');
  expect(summaryHref).toMatch(new RegExp(`^/api/sessions/${links.id}/summary\\?token=.+&format=md&lang=fr$`));
  const summary = await marc.context().request.get(env.server.baseUrl + summaryHref);
  expect(summary.status()).toBe(200);
  expect(await summary.text()).toContain('Racheter un petit bureau d’études');
  expect(await marc.getByTestId('summary-link').getAttribute('href')).toMatch(new RegExp(`^/s/${links.id}/summary\\?token=.+&lang=fr$`));
  expect(await host.getByRole('button', { name: /Passer à/ }).count()).toBe(0);
  // On Sophie's phone the contributions are cards, each figure labelled: seven columns
  // scrolled sideways there. No word is cut ("Memb/re" or "Mugn/ier").
  const contributions = sophie.getByTestId('summary-contributions');
  expect(await contributions.evaluate((table) => [table.parentElement!.scrollWidth, table.parentElement!.clientWidth])).toSatisfy(([scroll, width]: number[]) => scroll! <= width!);
  expect(await contributions.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Notes de visite : "');
  expect(await wordsCutIn(contributions)).toEqual([]);
  await checkPhase({ host, marc, sophie }, '6-closed');
}, 120_000);

test('a second tab of one member follows the session, also after a reload, and shows his learnings', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const marc = await newDevice(env.browser);
  await join(host, links.host, 'Claire Mugnier');
  await join(marc.page, links.member, 'Marc Vidal');
  // The same browser: the same participant, his name remembered, the same IndexedDB.
  const other = await marc.context.newPage();
  await other.goto(links.member);
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();
  await phaseIs(other, 'Synthèse');
  // The reloaded tab gets the document from the other tab and IndexedDB at once: a hook
  // that read it before subscribing once stayed on "Présentation" for good.
  await other.reload();
  await phaseIs(other, 'Synthèse');
  await marc.page.getByLabel('Ce que j’ai apporté').fill('Mon expérience du CIR');
  await marc.page.getByLabel('Ce que j’emporte').focus();
  await host.getByTestId('learning').filter({ hasText: 'Mon expérience du CIR' }).waitFor();
  await eventually(() => other.getByLabel('Ce que j’ai apporté').inputValue()).toBe('Mon expérience du CIR');
}, 60_000);

test('closing from an early phase asks once more, and the confirmation closes the session', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const marc = (await newDevice(env.browser)).page;
  await join(host, links.host, 'Claire Mugnier');
  await join(marc, links.member, 'Marc Vidal');
  await host.getByRole('button', { name: 'Aller directement à : Clôture' }).click();
  // Once, the button confirming the close moved the session to the next phase instead.
  await host.getByRole('button', { name: 'Confirmer la clôture' }).click();
  for (const page of [host, marc]) await page.getByRole('heading', { name: 'Séance close' }).waitFor();
}, 60_000);
