// What a member brought and takes away, typed on his phone and the page reloaded at once (a
// pull-to-refresh, a tab the phone discarded): it comes back, and the room reads it. It was
// written to the document only after a pause of 400 ms in the typing, and lost with the page.
import { expect, onTestFailed, test } from 'vitest';
import { createSession, eventually, join, joinInPairs, newDevice, phaseIs, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;


test('eight phones type their learnings and reload at once: every text comes back on its phone and reaches the host', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
  const phones = (await Promise.all(names.map(() => newDevice(env.browser, { phone: true })))).map((d) => d.page);
  onTestFailed(() => screenshot(phones[0]!, 'failed-learnings-reload').catch(() => undefined));
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, names);
  await host.getByRole('button', { name: 'Aller directement à : Synthèse' }).click();

  // Before anyone writes, the host's close says who has not: after it nobody can.
  await host.getByRole('button', { name: 'Passer à : Clôture' }).click();
  await eventually(() => host.getByTestId('silent-members').textContent()).toBe(
    `8 membres n’ont pas écrit ce qu’ils ont apporté et emportent : ${[...names].sort((a, b) => a.localeCompare(b, 'fr')).join(', ')}.`,
  );
  await host.locator('.stepper-actions').getByRole('button', { name: 'Annuler' }).click();

  const brought = (i: number) => `Mon réseau de sous-traitants en Haute-Savoie, dit par ${names[i]}`;
  await Promise.all(
    phones.map(async (page, i) => {
      await phaseIs(page, 'Synthèse');
      const field = page.getByLabel('Ce que j’ai apporté');
      await field.click();
      await page.keyboard.type(brought(i));
      // No pause, no leaving the field: the page goes at once.
      await page.reload();
      await phaseIs(page, 'Synthèse');
      await eventually(() => page.getByLabel('Ce que j’ai apporté').inputValue()).toBe(brought(i));
    }),
  );
  // The host reads each one, whole.
  for (let i = 0; i < PHONES; i++) await host.getByTestId('learning').filter({ hasText: brought(i) }).waitFor();
  expect(await host.getByTestId('learning').count()).toBe(PHONES);
  await host.getByRole('button', { name: 'Passer à : Clôture' }).click();
  await host.getByRole('button', { name: /^Confirmer la clôture/ }).waitFor();
  expect(await host.getByTestId('silent-members').count()).toBe(0);
  await host.locator('.stepper-actions').getByRole('button', { name: 'Annuler' }).click();

  // The second field too, then a reload after leaving the field: no draft left to come back
  // over what the document holds, which another tab of his changes meanwhile.
  const first = phones[0]!;
  await first.getByLabel('Ce que j’emporte').click();
  await first.keyboard.type('Une façon de présenter ma stratégie');
  await first.getByLabel('Ce que j’ai apporté').focus();
  await host.getByTestId('learning').filter({ hasText: 'Une façon de présenter ma stratégie' }).waitFor();
  const otherTab = await first.context().newPage();
  await otherTab.goto(links.member);
  await phaseIs(otherTab, 'Synthèse');
  await otherTab.getByLabel('Ce que j’emporte').fill('Une façon de présenter ma stratégie, et deux contacts');
  await otherTab.getByLabel('Ce que j’ai apporté').focus();
  await host.getByTestId('learning').filter({ hasText: 'et deux contacts' }).waitFor();
  // A draft left on the device (a tab the phone killed before it could write), typed over
  // what the other tab has since replaced: the other tab's words win; a draft typed over what
  // the document still holds comes back, and reaches the room.
  const kept = `${brought(0)}, et un ajout resté sur le téléphone`;
  // Written from a page of the same site without the fields (theirs would write and clear
  // their drafts as the page goes), then the session opened again.
  await first.goto(`${env.server.baseUrl}/healthz`);
  await first.evaluate(([base, text]) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('entraide:credential:'))!;
    const { participantId } = JSON.parse(localStorage.getItem(key)!) as { participantId: string };
    const drafts = `entraide:learning:${key.slice('entraide:credential:'.length)}:${participantId}`;
    localStorage.setItem(`${drafts}:takeAway`, JSON.stringify({ text: 'Un brouillon périmé', base: 'Une façon de présenter ma stratégie' }));
    localStorage.setItem(`${drafts}:brought`, JSON.stringify({ text, base }));
  }, [brought(0), kept]);
  await first.goto(links.member);
  await phaseIs(first, 'Synthèse');
  await eventually(() => first.getByLabel('Ce que j’ai apporté').inputValue()).toBe(kept);
  expect(await first.getByLabel('Ce que j’emporte').inputValue()).toBe('Une façon de présenter ma stratégie, et deux contacts');
  await host.getByTestId('learning').filter({ hasText: kept }).waitFor();
  await eventually(() => otherTab.getByLabel('Ce que j’emporte').inputValue()).toBe('Une façon de présenter ma stratégie, et deux contacts');
}, 240_000);
