// The host's notebook (issue 12): while eight members brainstorm on their phones, the host
// listens and sorts each idea into garder, creuser or écarter, with a note. Nobody else
// sees any of it, not a phone, not the screen; it survives a reload; the Synthèse opens
// with his kept ideas, one tap from becoming an action.
import { expect, onTestFailed, test } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { seedSession } from '../helpers/seed.ts';
import { createSession, eventually, join, newDevice, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const NOTE = 'Demander à Bernard le coût réel';

test('the host sorts the ideas in his notebook, nobody else sees it, and the Synthèse opens with what he kept', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  onTestFailed(() => screenshot(host.page, 'failed-notebook-host').catch(() => undefined));
  await join(host.page, links.host, 'Claire Mugnier');
  const names = ['Marc Vidal', 'Nadia Benali', 'Paul Girard', 'Léa Morel', 'Hugo Petit', 'Inès Roux', 'Jean Favre', 'Sara Klein'];
  const phones: Awaited<ReturnType<typeof newDevice>>[] = [];
  // Two at a time: eight phones at once would only measure this machine's two cores.
  for (let i = 0; i < names.length; i += 2) {
    const pair = await Promise.all(names.slice(i, i + 2).map(() => newDevice(env.browser, { phone: true })));
    await Promise.all(pair.map((phone, k) => join(phone.page, links.member, names[i + k]!)));
    phones.push(...pair);
  }
  const screen = await newDevice(env.browser, { size: { width: 1280, height: 720 } });
  await screen.page.goto(links.screen);
  await screen.page.getByTestId('screen-phase').waitFor();

  await host.page.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  const ideas = ['Co-développer avec un intégrateur', 'Salon Hyvolution', 'Racheter un bureau d’études', 'Embaucher un alternant', 'Attendre un an'];
  await seedSession(env.server.app, links.id, (doc) => {
    // Said one after another, a minute apart.
    const start = Date.now() - ideas.length * 60_000;
    ideas.forEach((text, i) => S.addSticky(doc, { participantId: `author-${i}`, name: names[i]! }, { text, x: i * 260, y: 0 }, { at: start + i * 60_000 }));
  });

  const notebook = host.page.getByTestId('host-notebook');
  await eventually(() => notebook.getByTestId('notebook-to-sort').textContent()).toBe('5 idées à trier');
  // Listen first: beside the board on the laptop, level with it, the newest idea on top.
  const [board, aside] = [await host.page.locator('.board').boundingBox(), await notebook.boundingBox()];
  if (!board || !aside) throw new Error('board or notebook not drawn');
  expect(aside.x).toBeGreaterThanOrEqual(board.x + board.width - 1);
  expect(Math.abs(aside.y - board.y)).toBeLessThan(2);
  const toSortList = () => notebook.getByTestId('notebook-toSort').locator('.idea-text').allTextContents();
  expect(await toSortList()).toEqual([...ideas].reverse());
  const verdict = (idea: string, name: string) => notebook.getByRole('group', { name: `Mon avis sur : ${idea}` }).getByRole('button', { name });
  // A sorted idea leaves the list to sort, and the next one to sort has the focus.
  await verdict('Attendre un an', 'Écarter').click();
  await eventually(() => host.page.evaluate(() => document.activeElement?.closest('[data-notebook-idea]')?.querySelector('.idea-text')?.textContent)).toBe('Embaucher un alternant');
  await verdict('Attendre un an', 'Écarter').click();
  await eventually(toSortList).toEqual([...ideas].reverse());
  await verdict('Co-développer avec un intégrateur', 'Garder').click();
  await verdict('Salon Hyvolution', 'Garder').click();
  await verdict('Racheter un bureau d’études', 'Creuser').click();
  await verdict('Attendre un an', 'Écarter').click();
  await notebook.getByLabel('Ma note sur : Salon Hyvolution').fill(NOTE);
  await notebook.getByLabel('Ma note sur : Salon Hyvolution').blur();
  await eventually(() => notebook.getByTestId('notebook-to-sort').textContent()).toBe('1 idée à trier');
  expect(await verdict('Salon Hyvolution', 'Garder').getAttribute('aria-pressed')).toBe('true');
  expect(await notebook.getByTestId('notebook-keep').getByRole('heading').textContent()).toBe('Gardées · 2');
  expect(await notebook.getByTestId('notebook-toSort').locator('.idea-text').allTextContents()).toEqual(['Embaucher un alternant']);
  await screenshot(host.page, 'notebook-brainstorm-host');

  // Nobody else has it: no phone, not the screen.
  for (const phone of phones) {
    await phone.page.getByText('Attendre un an').first().waitFor();
    expect(await phone.page.getByTestId('host-notebook').count()).toBe(0);
    expect(await phone.page.content()).not.toContain(NOTE);
  }
  expect(await screen.page.content()).not.toContain(NOTE);

  // A reload keeps it: it is on the server, and on this device.
  await host.page.reload();
  await eventually(() => notebook.getByTestId('notebook-to-sort').textContent()).toBe('1 idée à trier');
  expect(await notebook.getByLabel('Ma note sur : Salon Hyvolution').inputValue()).toBe(NOTE);
  // The note is read whole: its box grows with it (two lines were cut to one and a half).
  expect(await notebook.getByLabel('Ma note sur : Salon Hyvolution').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

  // A note is saved while he types, without leaving the field: another tab of his has it.
  const tab = await host.context.newPage();
  await tab.goto(host.page.url());
  const otherTab = tab.getByTestId('host-notebook');
  await otherTab.getByLabel('Ma note sur : Racheter un bureau d’études').waitFor();
  await notebook.getByLabel('Ma note sur : Racheter un bureau d’études').pressSequentially('Chiffrer avec Bernard');
  await eventually(() => otherTab.getByLabel('Ma note sur : Racheter un bureau d’études').inputValue()).toBe('Chiffrer avec Bernard');
  expect(await host.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toMatch(/notebook-note-/);
  await tab.close();

  // The Synthèse opens with his kept ideas; one becomes an action the room sees.
  await host.page.getByRole('button', { name: 'Passer à : Synthèse' }).click();
  const kept = host.page.getByTestId('kept-ideas');
  await eventually(() => kept.getByTestId('kept-idea').allTextContents()).toEqual([
    expect.stringContaining('Co-développer avec un intégrateur'),
    expect.stringContaining(`Salon Hyvolution — ${NOTE}`),
  ]);
  expect(await kept.getByTestId('explore-idea').allTextContents()).toEqual(['Racheter un bureau d’études — Chiffrer avec Bernard']);
  await screenshot(host.page, 'notebook-synthesis-host');
  await kept.getByRole('button', { name: 'En faire une action : Salon Hyvolution' }).click();
  await host.page.getByRole('button', { name: 'Ajouter l’action' }).click();
  await phones[0]!.page.getByTestId('action-item').filter({ hasText: 'Salon Hyvolution' }).waitFor();
  expect(await phones[0]!.page.getByTestId('kept-ideas').count()).toBe(0);
  expect(await phones[0]!.page.content()).not.toContain(NOTE);

  for (const device of [host, screen, ...phones]) await device.context.close();
}, 180_000);
