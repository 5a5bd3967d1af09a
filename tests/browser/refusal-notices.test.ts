// What the server refuses of a phone is said on the phone (issue 10): here a session at its
// size limit. The client's handler of permission-denied messages had been replaced by
// another, so this notice never showed before (the document-full refusal reached no one).
import { expect, onTestFailed, test } from 'vitest';
import fr from '../../client/i18n/fr.json' with { type: 'json' };
import { createSession, join, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

// Room for the new session and a few notes, no more.
const env = useBrowserAndServer({ documentMaxBytes: 24_000 });

test('a phone writing past the session size limit is told so, in French, and keeps its note', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  const phone = await newDevice(env.browser, { phone: true });
  onTestFailed(() => screenshot(phone.page, 'failed-document-full').catch(() => undefined));
  await join(host.page, links.host, 'Claire Mugnier');
  await host.page.getByRole('button', { name: 'Passer à : Visite' }).click();
  await join(phone.page, links.member, 'Sophie Roux');
  await phone.page.getByLabel('Votre note').waitFor();
  // The header keeps its height whatever the badge says: typing flips it between
  // "Synchronisation…" and "Enregistré sur le serveur", and on a 360 px phone the name and
  // the languages wrapped differently each time, moving the page under the finger.
  for (const width of [360, 390]) {
    await phone.page.setViewportSize({ width, height: 800 });
    const heights = await phone.page.evaluate((words) => {
      const text = document.querySelector('.room-header .save-state')!.lastChild!;
      const before = text.textContent;
      const out = words.map((w) => {
        text.textContent = w;
        return document.querySelector('.room-header')!.getBoundingClientRect().height;
      });
      text.textContent = before;
      return out;
    }, Object.values(fr.saveState));
    expect(new Set(heights).size, `${width} px: ${heights.join(', ')}`).toBe(1);
  }

  const notice = phone.page.locator('.sync-notice[data-notice="documentFull"]');
  let written = 0;
  while ((await notice.count()) === 0 && written < 30) {
    written++;
    await phone.page.getByLabel('Votre note').fill(`Note ${written} : ${'observation détaillée de l’atelier. '.repeat(50)}`);
    await phone.page.getByRole('button', { name: 'Ajouter la note' }).click();
    await phone.page.getByTestId('visit-note').nth(written - 1).waitFor();
  }
  await notice.waitFor();
  expect(await notice.textContent()).toContain('La séance a atteint sa taille maximale');
  // The refused note is still on the phone, and its badge does not say it is on the server:
  // the server answered the save probe after the note, but it had refused the note.
  expect(await phone.page.getByTestId('visit-note').count()).toBe(written);
  await saveState(phone.page, 'Non enregistré : gardé sur cet appareil');
  await screenshot(phone.page, 'document-full-notice');
  // A reconnection sends the note again; the server refuses it again, and the badge says so.
  await phone.page.reload();
  await phone.page.getByTestId('visit-note').nth(written - 1).waitFor();
  await saveState(phone.page, 'Non enregistré : gardé sur cet appareil');
}, 90_000);
