// Issue 4: visit notes taken with no network are kept on the device, survive a reload while
// still offline, and reach the host when the network returns.
import { expect, onTestFailed, test } from 'vitest';
import { eventually, createSession, inFirstScreen, join, saveState, newDevice, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

const NOTES = ['Stock d’acier devant la presse 3', 'Pas de capteurs sur les tours', 'Chef d’atelier très pédagogue'];

test('notes taken offline are kept on the phone across a reload and reach the host when back online', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  const member = await newDevice(env.browser, { phone: true });
  onTestFailed(async () => {
    await screenshot(member.page, 'failed-offline-member').catch(() => undefined);
    await screenshot(host.page, 'failed-offline-host').catch(() => undefined);
  });
  await join(host.page, links.host, 'Claire Mugnier');
  await host.page.getByRole('button', { name: 'Passer à : Visite' }).click();
  await join(member.page, links.member, 'Sophie Roux');
  await member.page.getByLabel('Votre note').waitFor();
  // The page can reload without network once its files are cached.
  await member.page.locator('html[data-offline-ready="true"]').waitFor();

  // Saved, one badge says so (the header's); offline, the visit's form says it too.
  const besideForm = member.page.locator('.visit-head .save-state');
  await saveState(member.page, 'Enregistré sur le serveur');
  expect(await besideForm.count()).toBe(0);
  // Before the first, the phone says who reads a note: everyone, and the room's screen.
  expect(await member.page.getByTestId('note-added').textContent()).toBe('Lue par tous, et à l’écran de la salle.');
  expect(await member.page.getByLabel('Votre note').getAttribute('aria-describedby')).toBe('note-public');
  // One note taken with the network: on the server, and never marked.
  const online = 'Accueil par le directeur du site';
  await member.page.getByLabel('Votre note').fill(online);
  await member.page.getByRole('button', { name: 'Ajouter la note' }).click();
  // The phone says the note is taken, with its type, under the field it is typing in again:
  // its list of notes is below the fold, and nothing said so.
  await eventually(() => member.page.getByTestId('note-added').textContent()).toBe('Note ajoutée (Point fort) : « Accueil par le directeur du site »');
  expect(await inFirstScreen(member.page, member.page.getByTestId('note-added'))).toBe(true);
  await host.page.getByTestId('visit-note').filter({ hasText: online }).waitFor();
  await saveState(member.page, 'Enregistré sur le serveur');
  // Another's note, received live: on the server, and never marked on this phone either
  // (offline, the phone marked every note it had received live "Pas encore envoyée").
  const hosts = 'Visite de l’atelier de décolletage';
  await host.page.getByLabel('Votre note').fill(hosts);
  await host.page.getByRole('button', { name: 'Ajouter la note' }).click();
  await member.page.getByTestId('visit-note').filter({ hasText: hosts }).waitFor();
  const unsent = () => member.page.getByTestId('visit-note').filter({ has: member.page.getByTestId('note-unsent') }).locator('.note-text').allTextContents();
  await member.context.setOffline(true);
  await saveState(member.page, 'Gardé sur cet appareil');
  await eventually(() => besideForm.textContent()).toBe('Gardé sur cet appareil');
  for (const note of NOTES) {
    await member.page.getByLabel('Votre note').fill(note);
    await member.page.getByRole('button', { name: 'Ajouter la note' }).click();
    await member.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  }
  // Shown once IndexedDB has committed them: only then is a reload safe.
  await saveState(member.page, 'Gardé sur cet appareil');
  expect(await host.page.getByTestId('visit-note').count()).toBe(2);
  // Each note not on the server says so where it is read (the badge is out of sight once
  // the phone scrolls to its notes).
  expect((await unsent()).sort()).toEqual([...NOTES].sort());
  expect(await member.page.getByTestId('note-unsent').first().textContent()).toBe('Pas encore envoyée');

  await member.page.reload();
  await saveState(member.page, 'Gardé sur cet appareil');
  for (const note of NOTES) await member.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  // Reloaded offline, the phone still knows which were sent before.
  await eventually(async () => (await unsent()).sort()).toEqual([...NOTES].sort());
  await screenshot(member.page, 'offline-visit-member-offline');

  // Every text the presence row shows while the phone reconnects: it said "0 personne ici"
  // between the socket's connection and the server's first list.
  await member.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { presenceSeen: string[] }).presenceSeen = seen;
    const read = () => {
      const text = document.getElementById('presence-title')?.textContent ?? '';
      if (seen[seen.length - 1] !== text) seen.push(text);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await member.context.setOffline(false);
  await saveState(member.page, 'Enregistré sur le serveur');
  await member.page.locator('#presence-title').filter({ hasText: '2 personnes ici' }).waitFor();
  const presenceSeen = await member.page.evaluate(() => (window as unknown as { presenceSeen: string[] }).presenceSeen);
  expect(presenceSeen[0]).toContain('hors ligne');
  expect(presenceSeen.filter((text) => /^0 personne/.test(text))).toEqual([]);
  await eventually(() => besideForm.count()).toBe(0);
  await eventually(unsent).toEqual([]);
  for (const note of NOTES) await host.page.getByTestId('visit-note').filter({ hasText: note }).waitFor();
  await eventually(() => host.page.getByTestId('visit-note').count()).toBe(5);
  expect(await host.page.getByTestId('note-unsent').count()).toBe(0);
  await screenshot(host.page, 'offline-visit-host-after');
}, 60_000);

test('a note taken offline that arrives after the session closed is refused, said plainly, and kept on the phone to copy', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = await newDevice(env.browser);
  const member = await newDevice(env.browser, { phone: true });
  onTestFailed(async () => {
    await screenshot(member.page, 'failed-late-note-member').catch(() => undefined);
    await screenshot(host.page, 'failed-late-note-host').catch(() => undefined);
  });
  await join(host.page, links.host, 'Claire Mugnier');
  await host.page.getByRole('button', { name: 'Passer à : Visite' }).click();
  await join(member.page, links.member, 'Sophie Roux');
  await member.page.getByLabel('Votre note').waitFor();

  await member.context.setOffline(true);
  await saveState(member.page, 'Gardé sur cet appareil');
  const late = 'Le four de trempe n’a pas de maintenance préventive';
  await member.page.getByLabel('Votre note').fill(late);
  await member.page.getByRole('button', { name: 'Ajouter la note' }).click();
  await member.page.getByTestId('visit-note').filter({ hasText: late }).waitFor();
  await saveState(member.page, 'Gardé sur cet appareil');

  // Meanwhile the host closes the session.
  await host.page.getByRole('button', { name: 'Aller directement à : Clôture' }).click();
  await host.page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await host.page.getByTestId('current-phase').filter({ hasText: 'Clôture' }).waitFor();

  // Back online: the server refuses the late note, and the phone says why and keeps its text.
  await member.context.setOffline(false);
  const notice = member.page.locator('.sync-notice[data-notice="rule"]');
  await notice.waitFor();
  expect(await notice.getAttribute('data-rule')).toBe('session-closed');
  expect(await notice.textContent()).toContain('la séance est close');
  const kept = member.page.getByRole('region', { name: 'Pas enregistré sur le serveur' });
  await kept.waitFor();
  expect(await kept.getByRole('textbox', { name: 'Note de visite' }).inputValue()).toBe(late);
  // The badge says so too, not "Enregistré sur le serveur" above the notice.
  await saveState(member.page, 'Non enregistré : gardé sur cet appareil');
  await screenshot(member.page, 'late-note-refused-and-kept');
  // Still there after a reload, and never on the host's screen.
  await member.page.reload();
  await member.page.getByRole('region', { name: 'Pas enregistré sur le serveur' }).getByRole('textbox', { name: 'Note de visite' }).waitFor();
  await saveState(member.page, 'Non enregistré : gardé sur cet appareil');
  expect(await host.page.getByText(late).count()).toBe(0);
  // Cleared (copied elsewhere, or given up), all that is left is saved.
  await member.page.getByRole('region', { name: 'Pas enregistré sur le serveur' }).getByRole('button', { name: 'Effacer' }).click();
  await saveState(member.page, 'Enregistré sur le serveur');
}, 60_000);
