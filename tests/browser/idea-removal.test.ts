// Throwing an idea away, as the room does it: a member deletes his own idea on his phone and
// gets it back with *Annuler*; the host deletes his own with the keyboard and gets it back
// with Ctrl+Z; a removal the board cannot undo (another's idea, deleted by the host) waits
// for a confirmation. Eight phones, the host's laptop and the room's screen see each step,
// and a script on the screen link reads the same in the server's document.
import type { Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { addIdea, createSession, eventually, join, joinInPairs, newDevice, screenshot, scriptOn, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const names = Array.from({ length: PHONES }, (_, i) => `Membre ${i + 1}`);
const ideaOf = (i: number) => `Piste ${i + 1} : ouvrir un atelier partagé`;
const HOST_IDEA = 'Piste de l’hôte : un second site';

test('an idea deleted by its author comes back with Annuler (or Ctrl+Z) on every device; another’s idea is deleted only once confirmed', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser)).page;
  const screen = (await newDevice(env.browser)).page;
  const phones: Page[] = [];
  for (let i = 0; i < PHONES; i++) phones.push((await newDevice(env.browser, { phone: true })).page);
  onTestFailed(async () => {
    for (const [name, page] of [['host', host], ['screen', screen], ['phone-1', phones[0]!]] as const) {
      await screenshot(page, `failed-idea-removal-${name}`).catch(() => undefined);
    }
  });
  await join(host, links.host, 'Claire Mugnier');
  await screen.goto(links.screen);
  await screen.getByTestId('screen-phase').waitFor();
  await joinInPairs(phones, links.member, names);
  const reader = scriptOn(env.server, links, 'screen');
  await whenSynced(reader);
  const texts = (d: import('yjs').Doc) => S.getStickies(d).map((s) => s.text).filter((t) => t.length > 0).sort();

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).click();
  await Promise.all(phones.map(async (p, i) => {
    await p.getByRole('button', { name: 'Nouvelle idée', exact: true }).tap();
    await p.getByRole('textbox', { name: 'Texte de l’idée' }).fill(ideaOf(i));
    await p.getByRole('button', { name: 'Terminé' }).tap();
    // The focus goes back to the idea's *Modifier* (it fell to the page's body with the editor).
    await eventually(() => p.evaluate(() => document.activeElement?.textContent)).toBe(`Modifier : ${ideaOf(i)}`);
  }));
  await addIdea(host, HOST_IDEA);
  const all = [...phones.map((_, i) => ideaOf(i)), HOST_IDEA].sort();
  // Typed key by key: the whole words, not only nine ideas.
  await whenDoc(reader.doc, (d) => texts(d).join('\n') === all.join('\n'));

  const listIdea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
  const sticky = (page: Page, text: string) => page.getByTestId('sticky').filter({ hasText: text });
  const everywhere = async (text: string, state: 'attached' | 'detached') => {
    await Promise.all([
      ...phones.map((p) => listIdea(p, text).waitFor({ state })),
      sticky(host, text).waitFor({ state }),
      sticky(screen, text).waitFor({ state }),
    ]);
  };
  await everywhere(ideaOf(0), 'attached');
  await everywhere(HOST_IDEA, 'attached');

  // A member deletes his own idea on his phone: it goes from every device and from the
  // server's document, and his phone alone offers it back.
  const first = phones[0]!;
  const original = S.getStickies(reader.doc).find((s) => s.text === ideaOf(0))!;
  await listIdea(first, ideaOf(0)).getByRole('button', { name: /^Supprimer/ }).tap();
  await everywhere(ideaOf(0), 'detached');
  await whenDoc(reader.doc, (d) => !texts(d).includes(ideaOf(0)));
  const undoBar = first.getByTestId('idea-deleted');
  await undoBar.getByText('Idée supprimée').waitFor();
  await screenshot(first, 'idea-removal-phone-undo');
  // On one line, with a button a thumb can hit, inside the phone's width.
  const bar = (await undoBar.boundingBox())!;
  const button = (await undoBar.getByRole('button', { name: 'Annuler' }).boundingBox())!;
  expect(bar.height).toBeLessThan(70);
  expect(button.height).toBeGreaterThanOrEqual(44);
  expect(bar.x).toBeGreaterThanOrEqual(0);
  expect(bar.x + bar.width).toBeLessThanOrEqual(first.viewportSize()!.width);
  // Scrolled to the end, the page's last control stands above it (it lay under it for 8 s).
  await first.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await eventually(async () => {
    const last = (await first.getByRole('button', { name: 'Créer le groupe' }).boundingBox())!;
    return last.y + last.height <= (await undoBar.boundingBox())!.y;
  }).toBe(true);
  for (const p of [host, screen, ...phones.slice(1)]) expect(await p.getByTestId('idea-deleted').count()).toBe(0);
  // *Annuler*: the same idea is back, under its id, its author's, everywhere.
  await undoBar.getByRole('button', { name: 'Annuler' }).tap();
  await undoBar.waitFor({ state: 'detached' });
  await everywhere(ideaOf(0), 'attached');
  await whenDoc(reader.doc, (d) => texts(d).includes(ideaOf(0)));
  const back = S.getStickies(reader.doc).find((s) => s.text === ideaOf(0))!;
  expect({ id: back.id, authorId: back.authorId, x: back.x, y: back.y }).toEqual({ id: original.id, authorId: original.authorId, x: original.x, y: original.y });
  expect(await first.locator('[data-notice]').count()).toBe(0);

  // Not taken back, "Annuler" goes by itself after a few seconds: the idea stays deleted.
  const second = phones[1]!;
  await listIdea(second, ideaOf(1)).getByRole('button', { name: /^Supprimer/ }).tap();
  await second.getByTestId('idea-deleted').waitFor();
  await second.getByTestId('idea-deleted').waitFor({ state: 'detached', timeout: 15_000 });
  await everywhere(ideaOf(1), 'detached');
  expect(texts(reader.doc)).not.toContain(ideaOf(1));

  // The host deletes another's idea: the first press only arms the button, the idea stays
  // on every device; the second deletes it, with no "Annuler" (the server would not let the
  // host write an idea in a member's name).
  await sticky(host, ideaOf(2)).hover();
  await sticky(host, ideaOf(2)).getByRole('button', { name: 'Supprimer l’idée' }).click();
  const confirm = sticky(host, ideaOf(2)).getByRole('button', { name: 'Confirmer la suppression de l’idée' });
  await confirm.waitFor();
  expect(await confirm.textContent()).toBe('Supprimer ?');
  // On one line, as tall as the idea's other buttons (it broke into "Suppri / mer ?").
  const edit = (await sticky(host, ideaOf(2)).getByRole('button', { name: 'Modifier l’idée' }).boundingBox())!;
  expect((await confirm.boundingBox())!.height).toBeLessThanOrEqual(edit.height + 1);
  expect(await listIdea(phones[2]!, ideaOf(2)).count()).toBe(1);
  expect(texts(reader.doc)).toContain(ideaOf(2));
  await confirm.click();
  await everywhere(ideaOf(2), 'detached');
  await whenDoc(reader.doc, (d) => !texts(d).includes(ideaOf(2)));
  expect(await host.getByTestId('idea-deleted').count()).toBe(0);

  // From the keyboard, the same: the first Delete arms and says so aloud, the second deletes.
  await sticky(host, ideaOf(3)).focus();
  await host.keyboard.press('Delete');
  await sticky(host, ideaOf(3)).getByRole('status').getByText('Appuyez encore pour supprimer l’idée.').waitFor();
  expect(texts(reader.doc)).toContain(ideaOf(3));
  await host.keyboard.press('Delete');
  await everywhere(ideaOf(3), 'detached');

  // The host's own idea, deleted from the keyboard, comes back with Ctrl+Z.
  await sticky(host, HOST_IDEA).focus();
  await host.keyboard.press('Delete');
  await everywhere(HOST_IDEA, 'detached');
  await host.getByTestId('idea-deleted').getByText('Idée supprimée').waitFor();
  await host.keyboard.press('Control+z');
  await everywhere(HOST_IDEA, 'attached');
  await host.getByTestId('idea-deleted').waitFor({ state: 'detached' });
  await whenDoc(reader.doc, (d) => texts(d).includes(HOST_IDEA));

  // What the server holds: everything but the three ideas left deleted.
  const expected = all.filter((t) => t !== ideaOf(1) && t !== ideaOf(2) && t !== ideaOf(3));
  const late = scriptOn(env.server, links, 'screen');
  await whenSynced(late);
  expect(texts(late.doc)).toEqual(expected);
  destroyAll(reader, late);
}, 240_000);
