// A note or a question half-written on a phone when the host moves the phase, or when the
// page reloads: it went with the form (seen in an exploratory run of eight phones: *Votre
// note* empty when the member came back to the Visite). It is kept on the device until sent.
import { expect, onTestFailed, test } from 'vitest';
import { createSession, eventually, join, joinInPairs, newDevice, phaseIs, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;


test('eight phones keep the note and the question they were typing when the host moves on, and send them afterwards', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
  const phones = (await Promise.all(names.map(() => newDevice(env.browser, { phone: true })))).map((d) => d.page);
  onTestFailed(() => screenshot(phones[0]!, 'failed-drafts').catch(() => undefined));
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, names);
  await host.getByRole('button', { name: 'Aller directement à : Visite' }).click();

  // Each phone is mid-sentence when the host moves to the Questions.
  const note = (i: number) => `Le stock de barres au pied des tours, vu par ${names[i]}`;
  await Promise.all(
    phones.map(async (page, i) => {
      await phaseIs(page, 'Visite');
      await page.getByLabel('Votre note').fill(note(i));
    }),
  );
  await host.getByRole('button', { name: 'Passer à : Questions' }).click();
  const question = (i: number) => `Combien de régleurs faudrait-il recruter, demande ${names[i]}`;
  await Promise.all(
    phones.map(async (page, i) => {
      await phaseIs(page, 'Questions');
      // The phone says his note is not sent; it is still there back in the Visite, and goes
      // from there (half of them by the notice, half by *Revoir*).
      await page.getByTestId('unsent-note').getByText('Votre note de visite n’est pas envoyée.').waitFor();
      if (i % 2 === 0) await page.getByRole('button', { name: 'La retrouver' }).tap();
      else await page.getByRole('navigation', { name: 'Revoir une étape' }).getByRole('button', { name: 'Visite' }).tap();
      expect(await page.getByTestId('unsent-note').count()).toBe(0);
      await eventually(() => page.getByLabel('Votre note').inputValue()).toBe(note(i));
      await page.getByRole('button', { name: 'Ajouter la note' }).tap();
      await eventually(() => page.getByLabel('Votre note').inputValue()).toBe('');
      await page.getByRole('button', { name: /^Revenir à l’étape en cours/ }).first().tap();
      // Sent, nothing is said any more.
      await page.getByLabel('Votre question').waitFor();
      expect(await page.getByTestId('unsent-note').count()).toBe(0);
      await page.getByLabel('Votre question').fill(question(i));
    }),
  );
  // The host reads them all, looking back at the Visite.
  await host.getByRole('navigation', { name: 'Revoir une étape' }).getByRole('button', { name: 'Visite' }).click();
  for (let i = 0; i < PHONES; i++) await host.getByText(note(i)).waitFor();
  await host.getByRole('button', { name: /^Revenir à l’étape en cours/ }).first().click();

  // Mid-question when the host moves to the Brainstorm, and back: the question is there.
  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  // One phone reloads meanwhile: kept on the device, not in the page.
  await phones[0]!.reload();
  await phaseIs(phones[0]!, 'Brainstorm');
  // Each phone says its question was not asked, with its words (the reloaded one too); the
  // last phone forgets it.
  for (const [i, page] of phones.entries()) {
    await eventually(() => page.getByTestId('unsent-question').textContent()).toBe(`Votre question n’a pas été posée avant la fin des questions : « ${question(i)} ». Levez la main pour la poser à voix haute. L’oublier`);
  }
  await phones[PHONES - 1]!.getByRole('button', { name: 'L’oublier' }).tap();
  await eventually(() => phones[PHONES - 1]!.getByTestId('unsent-question').count()).toBe(0);
  await host.getByRole('button', { name: 'Revenir à : Questions' }).click();
  await Promise.all(
    phones.map(async (page, i) => {
      await phaseIs(page, 'Questions');
      // Back in the Questions, the form holds it again, and the notice is gone.
      expect(await page.getByTestId('unsent-question').count()).toBe(0);
      if (i === PHONES - 1) {
        expect(await page.getByLabel('Votre question').inputValue()).toBe('');
        await page.getByLabel('Votre question').fill(question(i));
      }
      await eventually(() => page.getByLabel('Votre question').inputValue()).toBe(question(i));
      await page.getByRole('button', { name: 'Poser la question' }).tap();
      await eventually(() => page.getByLabel('Votre question').inputValue()).toBe('');
    }),
  );
  for (let i = 0; i < PHONES; i++) await host.getByTestId('question').filter({ hasText: question(i) }).waitFor();
  // Sent, a draft is gone: a reload brings back an empty field.
  await phones[1]!.reload();
  await phaseIs(phones[1]!, 'Questions');
  expect(await phones[1]!.getByLabel('Votre question').inputValue()).toBe('');
}, 240_000);
