// The host leading the brainstorm from his phone (seen in an exploratory run): with
// twenty-five ideas his page was 10,000 px long, the groups (rename, delete) 5,700 px down,
// his notebook 6,400. A row at the top of the brainstorm takes him, and each member, there.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { addSticky, createGroup, setStickyGroup } from '../../shared/session/index.ts';
import { eventually, phaseIs, roomOfPhones, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { seedSession } from '../helpers/seed.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** Whether the top of `selector` is in the phone's first screen now. */
const inSight = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });

test('on a phone, the host reaches the groups and his notebook from the top of a long brainstorm, members the groups', async () => {
  const { links, host, phones, names } = await roomOfPhones(env, 'phone-host-brainstorm', { count: PHONES, hostPhone: true });
  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  await seedSession(env.server.app, links.id, (doc) => {
    const groups = ['Financement', 'Recrutement', 'Export'].map((title) => createGroup(doc, { participantId: 'seed', name: 'Membre 1' }, title));
    for (let i = 0; i < 25; i++) {
      const id = addSticky(doc, { participantId: `seed-${i % PHONES}`, name: names[i % PHONES]! }, { text: `Idée ${i + 1} pour financer la ligne pilote`, x: (i % 5) * 240, y: Math.floor(i / 5) * 180 });
      setStickyGroup(doc, id, groups[i % 3]!);
    }
  });
  await eventually(() => host.getByTestId('idea').count()).toBe(25);
  const jumps = host.getByTestId('brainstorm-jumps');
  expect(await inSight(host, '[data-testid="brainstorm-jumps"]')).toBe(true);
  expect(await inSight(host, '.group-panel')).toBe(false);

  await jumps.getByRole('button', { name: 'Groupes' }).tap();
  await eventually(() => inSight(host, '.group-panel')).toBe(true);
  await host.evaluate(() => window.scrollTo(0, 0));
  await jumps.getByRole('button', { name: 'Mon carnet' }).tap();
  await eventually(() => inSight(host, '[data-testid="host-notebook"]')).toBe(true);
  expect(await host.getByTestId('host-notebook').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
  await screenshot(host, 'phone-host-notebook-jump');

  // Each member has the way to the groups, and no notebook (the host's alone).
  for (const page of phones) {
    const row = page.getByTestId('brainstorm-jumps');
    expect(await row.getByRole('button').allTextContents()).toEqual(['Groupes']);
  }
  await phones[0]!.getByTestId('brainstorm-jumps').getByRole('button', { name: 'Groupes' }).tap();
  await eventually(() => inSight(phones[0]!, '.group-panel')).toBe(true);
  // On a laptop the groups stand beside the board: no such row.
  await host.setViewportSize({ width: 1366, height: 768 });
  expect(await jumps.isVisible()).toBe(false);
}, 240_000);
