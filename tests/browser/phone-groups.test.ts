// Sorting ideas into groups from a phone's list: each idea's *Groupe* menu ends with
// *Nouveau groupe…*, which asks a title right there and puts the idea in the new group. The
// group form was at the list's end, three screens and more below a phone's first idea, and
// with no group yet an idea had no *Groupe* menu at all. Once sorted, an idea is drawn in
// its group's section, higher up the list: the phone's view follows it there.
import type { Locator, Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import { addSticky, setPhase } from '../../shared/session/index.ts';
import { seedSession } from '../helpers/seed.ts';
import { addIdea, createSession, eventually, joinInPairs, join, newDevice, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** Is the element whole on the phone's screen, where its owner has scrolled? */
function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

const sectionOf = (page: Page, title: string) => page.locator('.idea-section').filter({ has: page.getByRole('heading', { name: new RegExp(`^${title} `) }) });

test('eight phones sort their ideas from the list: a group started from an idea, the others join it, each view follows its idea', async () => {
  const links = await createSession(env.server.baseUrl);
  // Fourteen ideas by people not in the test, so that the list runs screens below the fold.
  await seedSession(env.server.app, links.id, (doc) => {
    setPhase(doc, { participantId: 'seed-host', name: 'Atelier', role: 'host' }, 'brainstorm');
    for (let i = 0; i < 14; i++) {
      addSticky(doc, { participantId: `seed-${i}`, name: `Absent ${i}` }, { text: `Piste déjà notée numéro ${i + 1}`, x: (i % 7) * 200, y: Math.floor(i / 7) * 170 }, { at: Date.now() - 60_000 + i });
    }
  });
  const host = (await newDevice(env.browser)).page;
  const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
  const phones = (await Promise.all(names.map(() => newDevice(env.browser, { phone: true })))).map((d) => d.page);
  onTestFailed(() => screenshot(phones[0]!, 'failed-phone-groups').catch(() => undefined));
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, names);
  await Promise.all(phones.map((page, i) => addIdea(page, `Financer la reprise, vu par ${names[i]}`)));
  await eventually(() => host.getByTestId('sticky').count()).toBe(14 + PHONES);

  // No group yet: an idea's menu already offers one, and the list says how to sort.
  const [first, cancels] = [phones[0]!, phones[1]!];
  await first.getByText('Rangez une idée avec son menu « Groupe » ; « Nouveau groupe… » y crée un groupe.').waitFor();
  const mine = (page: Page, i: number) => page.getByTestId('idea').filter({ hasText: `vu par ${names[i]}` });
  const menuOf = (page: Page, i: number) => page.getByLabel(`Groupe de l’idée : Financer la reprise, vu par ${names[i]}`, { exact: true });
  await menuOf(first, 0).scrollIntoViewIfNeeded();
  expect(await first.evaluate(() => window.scrollY)).toBeGreaterThan(800);
  await menuOf(first, 0).selectOption({ label: 'Nouveau groupe…' });
  const title = first.getByLabel(`Titre du nouveau groupe de l’idée : Financer la reprise, vu par ${names[0]}`);
  // The field takes the keyboard at once, under the idea; *Créer* waits for a title.
  await eventually(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await inView(title)).toBe(true);
  expect(await mine(first, 0).getByRole('button', { name: 'Créer', exact: true }).isDisabled()).toBe(true);
  await first.keyboard.type('Financement');
  await screenshot(first, 'phone-groups-naming');
  await mine(first, 0).getByRole('button', { name: 'Créer', exact: true }).tap();

  // The idea is drawn in the new group's section, at the top of the list, and the phone's
  // view went with it: it is on screen, with the focus.
  const moved = sectionOf(first, 'Financement').getByTestId('idea');
  await eventually(() => moved.allTextContents()).toEqual([expect.stringContaining(`vu par ${names[0]}`)]);
  await eventually(() => inView(moved)).toBe(true);
  expect(await moved.evaluate((el) => el === document.activeElement)).toBe(true);
  await screenshot(first, 'phone-groups-started');

  // Another member starts one and thinks better of it: no group made, his menu is back.
  await menuOf(cancels, 1).selectOption({ label: 'Nouveau groupe…' });
  await mine(cancels, 1).getByRole('button', { name: 'Annuler' }).tap();
  await menuOf(cancels, 1).waitFor();
  expect(await menuOf(cancels, 1).inputValue()).toBe('');

  // Every other phone puts its idea in *Financement* from its menu, and follows it there.
  await Promise.all(
    phones.slice(1).map(async (page, j) => {
      const i = j + 1;
      await eventually(() => menuOf(page, i).locator('option').allTextContents()).toEqual(['Sans groupe', 'Financement', 'Nouveau groupe…']);
      await menuOf(page, i).scrollIntoViewIfNeeded();
      await menuOf(page, i).selectOption({ label: 'Financement' });
      const here = sectionOf(page, 'Financement').getByTestId('idea').filter({ hasText: `vu par ${names[i]}` });
      await here.waitFor();
      await eventually(() => inView(here)).toBe(true);
    }),
  );
  // One group, of eight ideas, on every device.
  await eventually(() => host.getByTestId('group').allTextContents()).toEqual([expect.stringMatching(/^8 idées/)]);
  expect(await host.getByTestId('group').getByRole('textbox').inputValue()).toBe('Financement');
  for (const page of phones) await eventually(() => sectionOf(page, 'Financement').getByTestId('idea').count()).toBe(PHONES);
  // Each member's idea kept its place on his screen while the others' came into the group
  // around it: none was pushed off (Chrome's scroll anchoring holds the first idea on screen).
  for (const [i, page] of phones.entries()) expect(await inView(mine(page, i)), names[i]).toBe(true);
  await screenshot(phones[7]!, 'phone-groups-joined');
}, 240_000);
