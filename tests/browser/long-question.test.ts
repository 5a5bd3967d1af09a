// A long question in a room of eight phones, the host's laptop and the room's screen (seen
// in an exploratory run): one holding a long address widened every phone's page to 1253 px,
// its *Moi aussi* out of reach; one of 400 characters filled the 1280×720 screen, the
// answer under it cut at the edge and the queue never seen.
import { expect, test } from 'vitest';
import { eventually, overflowX, phaseIs, roomWithScreen, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;


test('a long question stays within every phone and stands whole on the screen; its author rewords or withdraws his, the host takes one out', async () => {
  const { links, host, screen, phones, names } = await roomWithScreen(env, 'long-question', PHONES);
  await host.getByRole('button', { name: 'Aller directement à : Questions' }).click();

  // The first member asks a short one the host answers in writing; the second, a long one
  // with an address in it; six others ask theirs.
  const address = 'https://www.entreprises.cci.fr/web/developpement-international/aides-export/assurance-prospection-bpifrance-conditions-2027';
  const long = `Vous parlez de l’assurance prospection : ${address} dit qu’elle couvre 65 % des dépenses, mais pour une PME de décolletage qui vend déjà en Suisse et en Allemagne, quelles dépenses comptez-vous vraiment y mettre la première année, et qui chez vous suivra les dossiers et les relances, sachant que votre directeur commercial part à la retraite en juin ?`;
  const asks = [
    'Quelle part du chiffre d’affaires à l’export ?',
    long,
    ...names.slice(2).map((name) => `Une question courte de ${name} ?`),
  ];
  for (const [i, page] of phones.entries()) {
    await phaseIs(page, 'Questions');
    await page.getByLabel('Votre question').fill(asks[i]!);
    await page.getByRole('button', { name: 'Poser la question' }).tap();
    await host.getByTestId('question').filter({ hasText: asks[i]! }).waitFor();
  }
  const first = host.getByTestId('question').filter({ hasText: asks[0]! });
  await first.getByLabel('Réponse').fill('Un tiers aujourd’hui, la moitié visée dans trois ans, surtout en Suisse romande.');
  await first.getByRole('button', { name: 'Répondre', exact: true }).click();
  // Every member says *moi aussi* to the long one: it is the one in course on the screen.
  for (const page of phones.slice(2)) {
    await page.getByTestId('question').filter({ hasText: 'assurance prospection' }).getByRole('button', { name: 'Moi aussi' }).tap();
  }
  await eventually(() => screen.getByTestId('screen-current-question').textContent()).toBe(long);

  // Each phone's page as wide as the phone, the long question wrapped inside its card.
  for (const page of phones) {
    await page.getByTestId('question').filter({ hasText: 'assurance prospection' }).waitFor();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  }
  expect(await overflowX(host)).toBeLessThanOrEqual(0);
  await screenshot(phones[0]!, 'phone-long-question');

  // The screen: the question, the host's last answer and the queue, all above its bottom.
  const bottom = await screen.locator('.screen-main').evaluate((el) => el.getBoundingClientRect().bottom);
  const questions = screen.getByTestId('screen-questions');
  await eventually(async () => Math.max(...(await questions.locator('p, li').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom))))).toBeLessThanOrEqual(bottom + 0.5);
  await screen.getByTestId('screen-last-answer').getByText('Un tiers aujourd’hui').waitFor();
  // Five of the six waiting in the queue, and the sixth said in words ("+1" read as a "moi aussi").
  expect(await screen.getByTestId('screen-question-queue').locator('li').count()).toBe(5);
  expect(await screen.getByTestId('screen-more-questions').textContent()).toBe('et 1 autre question');
  expect(await overflowX(screen)).toBeLessThanOrEqual(0);
  await screenshot(screen, 'screen-long-question');

  // Its author rewords his question; another withdraws his; the host takes out a third. The
  // rules allowed all three, and no device offered them.
  const short = (i: number) => `Une question courte de ${names[i]} ?`;
  const onPhone = (i: number, text: string) => phones[i]!.getByTestId('question').filter({ hasText: text });
  expect(await onPhone(3, short(2)).getByRole('button', { name: /^Modifier/ }).count()).toBe(0);
  expect(await onPhone(3, short(2)).getByRole('button', { name: /^Retirer/ }).count()).toBe(0);
  await onPhone(2, short(2)).getByRole('button', { name: /^Modifier/ }).tap();
  await phones[2]!.getByLabel('Votre question, reformulée').fill('Combien de régleurs formez-vous chaque année ?');
  await phones[2]!.getByRole('button', { name: 'Enregistrer', exact: true }).tap();
  await host.getByTestId('question').filter({ hasText: 'Combien de régleurs formez-vous chaque année ?' }).waitFor();
  await screen.getByTestId('screen-question-queue').getByText('Combien de régleurs formez-vous chaque année ?').waitFor();
  await onPhone(3, short(3)).getByRole('button', { name: /^Retirer/ }).tap();
  await onPhone(3, short(3)).getByRole('button', { name: 'Retirer la question' }).tap();
  const hostRow = host.getByTestId('question').filter({ hasText: short(4) });
  await hostRow.getByRole('button', { name: /^Retirer/ }).click();
  await hostRow.getByRole('button', { name: 'Retirer la question' }).click();
  for (const page of [host, ...phones]) {
    await eventually(() => page.getByTestId('question').filter({ hasText: /Une question courte de Membre [45] \?/ }).count()).toBe(0);
  }
  await eventually(() => screen.getByTestId('screen-question-queue').locator('li').count()).toBe(4);
  expect(await screen.getByTestId('screen-more-questions').count()).toBe(0);

  // The host starts answering Membre 6's: it is the question in course, on the screen and
  // on every device, and stays so while others say *moi aussi* to another. Two "moi aussi"
  // switched the screen under his answer.
  const sixth = host.getByTestId('question').filter({ hasText: short(5) });
  await sixth.getByLabel('Réponse').click();
  await eventually(() => screen.getByTestId('screen-current-question').textContent()).toBe(short(5));
  await sixth.getByTestId('question-in-course').waitFor();
  await onPhone(0, short(5)).getByTestId('question-in-course').waitFor();
  // A member's *Moi aussi* leaves the list as it was asked, the card under his finger and
  // the page where they were: moved up at each tap, a question took the page with it, or
  // slid away, and the next tap went to another question.
  const seventh = onPhone(0, short(6));
  await seventh.scrollIntoViewIfNeeded();
  const before = { top: (await seventh.boundingBox())!.y, scroll: await phones[0]!.evaluate(() => scrollY) };
  await seventh.getByRole('button', { name: 'Moi aussi' }).tap();
  await seventh.getByRole('button', { name: 'Retirer mon « moi aussi »' }).waitFor();
  expect({ top: (await seventh.boundingBox())!.y, scroll: await phones[0]!.evaluate(() => scrollY) }).toEqual(before);
  for (const i of [1, 2]) await onPhone(i, short(6)).getByRole('button', { name: 'Moi aussi' }).tap();
  expect(await phones[0]!.locator('[data-testid="question"][data-status="open"] .question-text').allTextContents()).toEqual([long, 'Combien de régleurs formez-vous chaque année ?', short(5), short(6), short(7)]);
  await host.getByTestId('question').filter({ hasText: short(6) }).getByTestId('metoo-count').filter({ hasText: '3 moi aussi' }).waitFor();
  await sixth.getByLabel('Réponse').fill('Nous formons deux régleurs par an avec le lycée de Cluses.');
  expect(await screen.getByTestId('screen-current-question').textContent()).toBe(short(5));
  await sixth.getByRole('button', { name: 'Répondre', exact: true }).click();
  // Answered: the queue's first is in course again, and the room reads the answer.
  await eventually(() => screen.getByTestId('screen-current-question').textContent()).toBe(long);
  await screen.getByTestId('screen-last-answer').getByText('Nous formons deux régleurs par an').waitFor();
  expect(await host.getByTestId('question-in-course').count()).toBe(0);
  await eventually(() => host.getByRole('button', { name: 'Libérer l’écran' }).count()).toBe(0);
}, 240_000);
