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
  await join(phone.page, links.member, 'Anne-Charlotte de Montmorency');
  await phone.page.getByLabel('Votre note').waitFor();
  // A timer runs: its badge takes a place in the header's row of tools.
  await host.page.getByLabel('Durée en minutes').fill('10');
  await host.page.getByRole('button', { name: 'Démarrer 10 min' }).click();
  await phone.page.locator('.room-header').getByTestId('timer').waitFor();
  // The header keeps its height while one types: the badge flips between "Synchronisation…"
  // and "Enregistré sur le serveur", and on a 360 px phone the name and the languages beside
  // it wrapped differently each time, moving the page under the finger. Saved or sending, it
  // is a dot (its words for screen readers), and the header is three short rows: 153 px
  // before, with the badge on a row of its own. Trouble says its words, a row more at most.
  for (const width of [360, 390]) {
    await phone.page.setViewportSize({ width, height: 800 });
    const shown = await phone.page.evaluate((states) => {
      const badge = document.querySelector<HTMLElement>('.room-header .save-state')!;
      const words = badge.querySelector('.save-words')!;
      const [className, before] = [badge.className, words.textContent];
      const out = states.map(([state, text]) => {
        badge.className = `save-state save-${state}`;
        words.textContent = text;
        const box = badge.getBoundingClientRect();
        const title = document.querySelector('.room-header h1')!.getBoundingClientRect().height;
        return { state, title, header: document.querySelector('.room-header')!.getBoundingClientRect().height, inView: box.left >= 0 && box.right <= innerWidth };
      });
      badge.className = className;
      words.textContent = before;
      return out;
    }, Object.entries(fr.saveState));
    const height = (state: string) => shown.find((s) => s.state === state)!.header;
    expect(height('syncing'), `${width} px`).toBe(height('saved'));
    // The title (one line at 390 px, two at 360), its company and date in a line, then one
    // row of tools, a timer and a long name in it ("Anne-Charlotte de Montmor…"): 101 px at
    // 390 (169 px with the languages on a row of their own).
    const title = shown.find((s) => s.state === 'saved')!.title;
    expect(height('saved'), `${width} px`).toBeLessThanOrEqual(title + 82);
    for (const s of shown) {
      expect(s.inView, `${width} px, ${s.state}`).toBe(true);
      expect(s.header, `${width} px, ${s.state}`).toBeLessThanOrEqual(height('saved') + 48);
    }
  }
  // What the badge says is read aloud, saved too.
  expect(await phone.page.locator('.room-header').getByRole('status').textContent()).toBe('Enregistré sur le serveur');

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
