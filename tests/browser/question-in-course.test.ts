// The question the host is answering, on the phones (seen in an exploratory run): once he
// put the caret in its *Réponse*, its two tags (*En attente*, *Question en cours*, 250 px)
// took the card's header and left the question 93 px: "Quel budget pour le bureau d’études ?"
// stood in six lines of a word or two, on every phone of the room.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, overflowX, phaseIs, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const BUDGET = 'Quel budget pour le bureau d’études ?';

/** Each question on the page: its share of its card's width, and the lines it is drawn in. */
function questionHeadings(page: Page) {
  return page.getByTestId('question').evaluateAll((cards) =>
    cards.map((card) => {
      const heading = card.querySelector('.question-text')!;
      const text = document.createRange();
      text.selectNodeContents(heading);
      const lines = new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size;
      return { text: heading.textContent, width: Math.round(heading.getBoundingClientRect().width), share: Math.round((heading.getBoundingClientRect().width / card.getBoundingClientRect().width) * 100) / 100, lines };
    }),
  );
}

/** Every question on the page reads across its card, in two lines at most, within the page. */
async function readAcross(page: Page, who: string): Promise<void> {
  const seen = await questionHeadings(page);
  expect(seen.length, who).toBe(PHONES);
  for (const q of seen) {
    expect(q.share, `${who}: ${JSON.stringify(q)}`).toBeGreaterThanOrEqual(0.6);
    expect(q.lines, `${who}: ${JSON.stringify(q)}`).toBeLessThanOrEqual(2);
  }
  expect(await overflowX(page), who).toBeLessThanOrEqual(0);
}

test('the question the host is answering reads across its card on eight phones and at the host’s, its tags under it', async () => {
  const { host, screen, phones, names } = await roomWithScreen(env, 'question-in-course', PHONES);
  await host.getByRole('button', { name: 'Aller directement à : Questions' }).click();
  const asks = [BUDGET, 'Combien de régleurs formez-vous chaque année ?', ...names.slice(2).map((name) => `Une question de ${name} ?`)];
  for (const [i, page] of phones.entries()) {
    await phaseIs(page, 'Questions');
    await page.getByLabel('Votre question').fill(asks[i]!);
    await page.getByRole('button', { name: 'Poser la question' }).tap();
    await host.getByTestId('question').filter({ hasText: asks[i]! }).waitFor();
    // Said under the field, which has the focus again for the next one (the disabled button
    // dropped it to the page's body).
    expect(await page.getByTestId('question-asked').textContent()).toMatch(/^Question posée : « .+ »$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-question');
  }

  // The host starts answering the budget: it is the question in course on every device.
  const onHost = host.getByTestId('question').filter({ hasText: BUDGET });
  await onHost.getByLabel('Réponse').click();
  await onHost.getByTestId('question-in-course').waitFor();
  await eventually(() => screen.getByTestId('screen-current-question').textContent()).toBe(BUDGET);
  for (const [i, page] of phones.entries()) {
    await page.getByTestId('question').filter({ hasText: BUDGET }).getByTestId('question-in-course').waitFor();
    await readAcross(page, `phone ${i + 1}`);
  }
  await readAcross(host, 'host');
  // The phone's first screen shows the questions from the one in course down.
  await phones[1]!.getByTestId('question').filter({ hasText: BUDGET }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(phones[1]!, 'phone-question-in-course');
  await screenshot(host, 'host-question-in-course');

  // Answered aloud from the keyboard: its buttons go, and the focus goes to the next waiting
  // question (it fell to the page's body), read by its words; so on down the queue.
  const focusedQuestion = () => host.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid === 'question' ? el.querySelector('.question-text')?.textContent ?? null : el?.tagName ?? null;
  });
  await onHost.getByRole('button', { name: 'Répondue à l’oral' }).focus();
  await host.keyboard.press('Enter');
  await eventually(() => onHost.getAttribute('data-status')).toBe('answered');
  await eventually(focusedQuestion).not.toBe('BODY');
  const first = await focusedQuestion();
  expect(asks.slice(1)).toContain(first);
  await host.getByTestId('question').filter({ hasText: first as string }).getByRole('button', { name: 'Plus tard' }).click();
  await eventually(async () => {
    const now = await focusedQuestion();
    return now !== first && asks.includes(now as string);
  }).toBe(true);
  // A double click on *Répondue à l’oral*: the question's buttons go with the first click, the
  // next one's slide under the pointer, and the second click marked that one too. One is marked.
  const answered = () => host.locator('[data-testid="question"][data-status="answered"]').count();
  const before = await answered();
  await host.locator('[data-testid="question"][data-status="open"]').first().getByRole('button', { name: 'Répondue à l’oral' }).dblclick();
  await eventually(answered).toBe(before + 1);
  expect(await answered()).toBe(before + 1);
  // Taking one out: a double click on *Retirer* asks, and does not answer its own question.
  const open = host.locator('[data-testid="question"][data-status="open"]');
  const count = await open.count();
  await open.first().getByRole('button', { name: /^Retirer / }).dblclick();
  await open.first().getByRole('button', { name: 'Retirer la question' }).waitFor();
  expect(await open.count()).toBe(count);
}, 240_000);
