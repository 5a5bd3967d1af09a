// Issue 11: a brainstorm at room scale. Eight members on phones (390×844) and the host on a
// laptop write forty ideas; no two stickies overlap after adding, after grouping and after
// tidy; every phone votes by tapping in the list view; five drags onto groups make five
// groupings, and a finger drag on a phone's canvas one more. Screenshots of each step in test-results/screenshots/.
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { expect, onTestFailed, test } from 'vitest';
import { getGroups, getHiddenVoteProgress, getStickies, getVotes, groupFrames, overlaps, stickyRect, tally } from '../../shared/session/index.ts';
import { destroyAll, whenSynced } from '../helpers/clients.ts';
import { createSession, dragOnto, eventually, inFirstScreen, join, joinInPairs, newDevice, overflowX, screenshot, scriptOn, seriousA11yViolations, smallTapTargets, touchDragOnto, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const IDEAS_EACH = 5;

/** Pairs of stickies (or frames) that overlap in the document: what every replica draws. */
function overlapsIn(doc: Y.Doc): string[] {
  const all = getStickies(doc);
  const out: string[] = [];
  all.forEach((a, i) => {
    for (const b of all.slice(i + 1)) if (overlaps(stickyRect(a), stickyRect(b))) out.push(`${a.text} / ${b.text}`);
  });
  const frames = [...groupFrames(all)];
  frames.forEach(([ga, a], i) => {
    for (const [gb, b] of frames.slice(i + 1)) if (overlaps(a, b)) out.push(`frame ${ga} / frame ${gb}`);
  });
  return out;
}

/** Pairs of stickies whose boxes overlap on the host's screen. */
function overlapsOnScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('[data-sticky-id]')].map((el) => el.getBoundingClientRect());
    let n = 0;
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++;
    });
    return n;
  });
}

test('forty ideas from eight phones and a laptop stay apart, get votes by tapping, and group by drag five times out of five', async () => {
  const links = await createSession(env.server.baseUrl);
  const watcher = scriptOn(env.server, links, 'host');
  const doc = watcher.doc;
  await whenSynced(watcher);

  const host = (await newDevice(env.browser)).page;
  const phones: Page[] = [];
  for (let i = 0; i < PHONES; i++) phones.push((await newDevice(env.browser, { phone: true, size: { width: 390, height: 844 } })).page);
  onTestFailed(async () => {
    await screenshot(host, 'room-failed-host').catch(() => undefined);
    await screenshot(phones[0] as Page, 'room-failed-phone').catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, phones.map((_, i) => `Membre ${i + 1}`));
  const first = phones[0] as Page;
  // Presence is one row on a phone, not a list filling the first screen.
  await eventually(() => first.getByTestId('presence').locator('summary').textContent()).toContain('9 personnes');
  expect(await first.getByTestId('present-person').first().isVisible()).toBe(false);

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await Promise.all(phones.map((p) => p.getByText('Aucune idée pour l’instant').waitFor()));
  // Phones get the list; adding an idea is in the first screen.
  expect(await inFirstScreen(first, first.getByRole('button', { name: 'Nouvelle idée', exact: true }))).toBe(true);
  // The earlier steps to look back at fit the phone's width, none cut at its edge ("Quest…"
  // behind "Revoir une étape"), each phone alike.
  for (const p of phones) {
    const review = p.getByRole('navigation', { name: 'Revoir une étape' });
    expect(await review.evaluate((el) => el.hasAttribute('data-more-after'))).toBe(false);
    const questions = (await review.getByRole('button', { name: 'Questions' }).boundingBox())!;
    expect(questions.x + questions.width).toBeLessThanOrEqual(390);
  }

  // Eight phones write five ideas each, all at once.
  await Promise.all(phones.map(async (p, i) => {
    for (let k = 1; k <= IDEAS_EACH; k++) {
      await p.getByRole('button', { name: 'Nouvelle idée', exact: true }).click();
      await p.getByRole('textbox', { name: 'Texte de l’idée' }).fill(`Idée ${k} du membre ${i + 1}`);
      await p.getByRole('button', { name: 'Terminé' }).click();
    }
  }));
  await eventually(() => getStickies(doc).length, 20_000).toBe(PHONES * IDEAS_EACH);
  await eventually(() => host.getByTestId('sticky').count(), 20_000).toBe(PHONES * IDEAS_EACH);
  await eventually(() => overlapsIn(doc), 20_000).toEqual([]);
  await host.getByRole('button', { name: 'Recentrer' }).click();
  await eventually(() => overlapsOnScreen(host)).toBe(0);
  await screenshot(host, 'room-1-host-40-ideas');
  await screenshot(first, 'room-1-phone-list');
  const violations = await seriousA11yViolations(first);
  expect(violations, JSON.stringify(violations)).toEqual([]);
  expect(await overflowX(first)).toBeLessThanOrEqual(0);
  expect(await smallTapTargets(first), 'too small for a finger').toEqual([]);

  // Voting happens in a round the host opens (issue 12).
  await host.getByRole('button', { name: 'Ouvrir le vote' }).click();
  // Every phone votes by tapping "Voter" on three ideas of others.
  await Promise.all(phones.map(async (p, i) => {
    for (let k = 1; k <= 3; k++) {
      const other = ((i + k) % PHONES) + 1;
      await p.getByTestId('idea').filter({ hasText: `Idée ${k} du membre ${other}` }).getByRole('button', { name: 'Voter' }).tap();
    }
    await p.getByText('Points restants : 2 sur 5').waitFor();
  }));
  // The round hides its counts: each phone's points are in its own document. The room learns
  // how many people voted, never where: a script on the host link reads no point.
  await host.getByTestId('voters').getByText('8 personnes ont donné des points').waitFor();
  await eventually(() => getHiddenVoteProgress(doc).points).toBe(PHONES * 3);
  expect(getVotes(doc)).toEqual([]);
  await eventually(() => first.getByTestId('idea').filter({ hasText: 'Idée 1 du membre 2' }).getByTestId('idea-votes').textContent()).toBe('Vous : 1 point');
  await screenshot(first, 'room-2-phone-voted');

  // Grouping by drag, on the laptop: five drags, five ideas in their groups.
  await host.getByLabel('Titre du groupe').fill('Compétences');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  await host.getByLabel('Titre du groupe').fill('Financement');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  const sticky = (text: string) => host.getByTestId('sticky').filter({ hasText: text });
  const panel = (title: string) => host.getByTestId('group').filter({ hasText: title });
  const frame = (title: string) => host.locator('.group-frame').filter({ hasText: title });
  // Under the host's board (beside his notebook it is narrower than 860 px), the groups stand
  // side by side: each took 110 px of one column, its buttons stacked, and an idea and the
  // lower groups were not in view together to drag one onto the other.
  await host.getByLabel('Titre du groupe').fill('Divers');
  await host.getByRole('button', { name: 'Créer le groupe' }).click();
  const boxes = await Promise.all(['Compétences', 'Financement', 'Divers'].map(async (title) => (await panel(title).boundingBox())!));
  expect(boxes[1]!.y).toBe(boxes[0]!.y);
  for (const box of boxes) expect(box.height).toBeLessThan(100);
  // Deleting a group takes a second press: its ideas would lose their group, with no undo. A
  // double click is one press (its second half confirmed at once).
  await panel('Divers').getByRole('button', { name: 'Supprimer le groupe « Divers »' }).dblclick();
  const armed = panel('Divers').getByRole('button', { name: 'Supprimer ? le groupe « Divers »' });
  await armed.waitFor();
  expect(getGroups(doc).map((g) => g.title)).toContain('Divers');
  await armed.click();
  await eventually(() => getGroups(doc).map((g) => g.title)).toEqual(['Compétences', 'Financement']);
  await eventually(() => panel('Divers').count()).toBe(0);
  const drags: Array<[string, () => ReturnType<typeof panel>, string]> = [
    ['Idée 1 du membre 1', () => panel('Compétences'), 'Compétences'],
    ['Idée 1 du membre 2', () => panel('Financement'), 'Financement'],
    ['Idée 2 du membre 3', () => frame('Compétences'), 'Compétences'],
    ['Idée 3 du membre 4', () => frame('Financement'), 'Financement'],
    ['Idée 4 du membre 5', () => frame('Compétences'), 'Compétences'],
  ];
  let grouped = 0;
  for (const [text, target, title] of drags) {
    // As a person waits for the board to stop moving (ideas the last grouping covered slide
    // away on their authors' phones) before taking the next idea.
    await eventually(() => overlapsIn(doc)).toEqual([]);
    await dragOnto(host, sticky(text), target());
    const groupId = getGroups(doc).find((g) => g.title === title)?.id;
    await eventually(() => getStickies(doc).find((s) => s.text === text)?.groupId).toBe(groupId);
    await sticky(text).getByText(title).waitFor();
    grouped++;
  }
  expect(grouped).toBe(5);
  await eventually(() => overlapsIn(doc)).toEqual([]);
  await eventually(() => overlapsOnScreen(host)).toBe(0);
  await screenshot(host, 'room-3-host-grouped');
  // The round hides its counts: the groups beside the board show no points ("3 idées · 0 point"
  // read as nobody having voted for them).
  expect(await host.locator('.group-panel').textContent()).toContain('idées');
  expect(await host.locator('.group-panel').textContent()).not.toContain('point');
  // Nor do the ideas: the host has not voted, so no "● 0" on them, and what a screen reader
  // says of an idea's points is his own.
  expect(await host.locator('.sticky .vote-count').count()).toBe(0);
  expect(await host.locator('.sticky .votes .visually-hidden').first().textContent()).toBe('Vous : 0 point');
  // The phones see the groups in their lists.
  await first.getByRole('heading', { name: /Compétences/ }).waitFor();

  // Tidy: each group in its two-column grid, the rest in rows, by votes; one change for everyone; undo.
  const before = getStickies(doc).map((s) => [s.id, s.x, s.y]);
  await host.getByRole('button', { name: 'Ranger le tableau' }).click();
  await eventually(() => getStickies(doc).filter((s) => s.groupId === null).every((s) => s.y > 0)).toBe(true);
  expect(overlapsIn(doc)).toEqual([]);
  const tidied = getStickies(doc);
  const inGroup = (title: string) => tidied.filter((s) => s.groupId === getGroups(doc).find((g) => g.title === title)?.id);
  for (const title of ['Compétences', 'Financement']) {
    const members = inGroup(title);
    expect(new Set(members.map((s) => s.x)).size).toBe(Math.min(2, members.length));
    expect(new Set(members.map((s) => s.y)).size).toBe(Math.ceil(members.length / 2));
  }
  await eventually(() => overlapsOnScreen(host)).toBe(0);
  await screenshot(host, 'room-4-host-tidied');
  // On a 1366×768 laptop the undo sits beside the tidy, on the actions' row: it wrapped onto a
  // row of its own, and pushed the board down.
  const hostSize = host.viewportSize()!;
  await host.setViewportSize({ width: 1366, height: 768 });
  const tidyBox = (await host.getByRole('button', { name: 'Ranger le tableau' }).boundingBox())!;
  const undoBox = (await host.getByRole('button', { name: 'Annuler le rangement' }).boundingBox())!;
  expect(undoBox.y).toBe(tidyBox.y);
  await host.setViewportSize(hostSize);
  await host.getByRole('button', { name: 'Annuler le rangement' }).click();
  await eventually(() => getStickies(doc).map((s) => [s.id, s.x, s.y])).toEqual(before);
  await host.getByRole('button', { name: 'Ranger le tableau' }).click();
  await eventually(() => overlapsIn(doc)).toEqual([]);

  // The canvas is one tap away on a phone.
  await first.getByRole('button', { name: 'Tableau' }).tap();
  await eventually(() => first.getByTestId('sticky').count()).toBe(PHONES * IDEAS_EACH);
  await screenshot(first, 'room-5-phone-canvas');
  expect(await overflowX(first)).toBeLessThanOrEqual(0);
  // On the canvas a finger drags too: the member puts one of his own ideas in a group. The
  // board is zoomed out to fit; a touch on an idea takes the idea, not its tiny buttons.
  const financement = getGroups(doc).find((g) => g.title === 'Financement')?.id;
  await touchDragOnto(first, first.getByTestId('sticky').filter({ hasText: 'Idée 5 du membre 1' }), first.locator('.group-frame').filter({ hasText: 'Financement' }));
  await eventually(() => getStickies(doc).find((s) => s.text === 'Idée 5 du membre 1')?.groupId).toBe(financement);
  await eventually(() => overlapsIn(doc)).toEqual([]);
  await screenshot(first, 'room-6-phone-touch-grouped');

  // The close: every point lands on the board at once, and each phone reads the room's counts.
  await host.getByRole('button', { name: 'Clore le vote' }).click();
  await eventually(() => tally(doc).countedVoteIds.length).toBe(PHONES * 3);
  expect(getHiddenVoteProgress(doc).points).toBe(0);
  await first.getByRole('button', { name: 'Liste' }).tap();
  await eventually(() => first.getByTestId('idea').filter({ hasText: 'Idée 1 du membre 2' }).getByTestId('idea-votes').textContent()).toBe('1 point');
  destroyAll(watcher);
}, 300_000);
