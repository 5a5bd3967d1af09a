// A room behind one network address enters with the short join code the screen shows.
// Wrong codes spend one budget per address, so someone's typos there made the phones that
// typed the right code meanwhile read "Trop de codes essayés depuis cet appareil :
// patientez une minute", which was wrong twice (it was the network, not the phone; the wait
// was seconds), and they had to reload. Now each is told why, counts down, and gets in by
// itself once the budget refills: a right code costs nothing.
import { expect, onTestFailed, test } from 'vitest';
import { createSession, join, joinAddressOf, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

// One wrong code a minute: once spent, the address waits 60 s, and the phones load within
// that even on two busy cores (with three a minute, a 20 s wait, they once loaded after it
// and went straight in).
const env = useBrowserAndServer({ joinCodeMissesPerMinute: 1 });
const PHONES = 8;

test('a room of phones behind one address, blocked by wrong codes, is told why and gets in by itself once the budget refills', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  await join(host, links.host, 'Claire Mugnier');
  const phones = await Promise.all(Array.from({ length: PHONES }, () => newDevice(env.browser, { phone: true })));
  onTestFailed(async () => {
    await screenshot(phones[0]!.page, 'failed-join-code-room').catch(() => undefined);
  });

  // Someone in the room mistypes the code until the address has no wrong code left.
  let status = 0;
  for (let i = 0; i < 10 && status !== 429; i++) status = (await fetch(`${env.server.baseUrl}/api/join/0000-000${i}`)).status;
  expect(status).toBe(429);

  // Eight phones open the right address: each is told why it waits, and for how long.
  const address = `http://${joinAddressOf(links.member)}`;
  await Promise.all(phones.map(({ page }) => page.goto(address)));
  for (const { page } of phones) {
    await page.getByRole('heading', { name: 'Trop d’essais' }).waitFor();
    await page.getByText('Trop de codes erronés depuis ce réseau').waitFor();
    expect(await page.getByTestId('join-retry').textContent()).toMatch(/^Nouvel essai dans \d+ s\.$/);
  }
  await screenshot(phones[0]!.page, 'join-code-room-waiting');

  // Once the budget refills, each tries again by itself and is asked his name: nobody taps.
  for (const { page } of phones) await page.getByRole('heading', { name: 'Entrer sur le marché de l’hydrogène' }).waitFor({ timeout: 90_000 });
  for (const [i, { page }] of phones.entries()) {
    await page.getByLabel('Votre nom').fill(`Membre ${i + 1}`);
    await page.getByRole('button', { name: 'Entrer dans la séance' }).click();
  }
  for (const [i, { page }] of phones.entries()) {
    await saveState(page, 'Enregistré sur le serveur');
    expect(new URL(page.url()).pathname).toBe(`/s/${links.id}`);
    await host.getByTestId('present-person').filter({ hasText: `Membre ${i + 1}` }).waitFor();
  }
}, 240_000);
