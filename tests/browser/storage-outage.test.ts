// Storage refuses writes under a live session (a full disk: a small tmpfs of our own, root
// only, skipped otherwise), and a phone keeps taking notes. Its badge must not say its notes
// are on the server while they are not: the server still answered its save checks, so the
// badge said "Enregistré sur le serveur". Once space is back, the phone's notes are sent
// again when the server asks for them, and only then does the badge say so.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, onTestFailed, test } from 'vitest';
import { createSession, eventually, join, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { canMount, fill, useSmallDisk } from '../helpers/small-disk.ts';

// Mounted before the server starts there (hooks run in the order they are declared).
const mountPoint = useSmallDisk('entraide-outage-');
const env = useBrowserAndServer({ dataDir: path.join(mountPoint, 'data'), storageRetryMaxMs: 200 });

describe.skipIf(!canMount)('storage refusing writes, seen on a phone', () => {
  test('the badge says the notes are not saved while storage refuses them, and saved once they are stored', async () => {
    const links = await createSession(env.server.baseUrl);
    const host = await newDevice(env.browser);
    const phone = await newDevice(env.browser, { phone: true });
    onTestFailed(() => screenshot(phone.page, 'failed-storage-outage').catch(() => undefined));
    await join(host.page, links.host, 'Claire Mugnier');
    await host.page.getByRole('button', { name: 'Passer à : Visite' }).click();
    await join(phone.page, links.member, 'Sophie Roux');
    await phone.page.getByLabel('Votre note').waitFor();
    await saveState(phone.page, 'Enregistré sur le serveur');

    const filler = path.join(mountPoint, 'filler');
    fill(filler);
    // Long notes, so that the WAL must grow: the first one the disk refuses is held by the
    // server, the next ones refused; all stay on the phone.
    const notice = phone.page.locator('.sync-notice[data-notice="storageUnavailable"]');
    let written = 0;
    while ((await notice.count()) === 0 && written < 20) {
      written++;
      await phone.page.getByLabel('Votre note').fill(`Note ${written} : ${'relevé de l’atelier, poste par poste. '.repeat(800)}`);
      await phone.page.getByRole('button', { name: 'Ajouter la note' }).click();
      await phone.page.getByTestId('visit-note').nth(written - 1).waitFor();
    }
    await notice.waitFor();
    // One more, refused whole while storage is down.
    written++;
    await phone.page.getByLabel('Votre note').fill(`Note ${written} : pendant la panne`);
    await phone.page.getByRole('button', { name: 'Ajouter la note' }).click();
    await saveState(phone.page, 'Non enregistré : gardé sur cet appareil');
    await screenshot(phone.page, 'storage-outage-not-saved');
    // The host, told too that storage is down, wrote nothing meanwhile: all of his is saved.
    await host.page.locator('.sync-notice[data-notice="storageUnavailable"]').waitFor();
    await saveState(host.page, 'Enregistré sur le serveur');

    fs.rmSync(filler);
    // Storage takes writes again: the server asks the phone for what it lacks, stores it,
    // and the badge says so; the host gets every note.
    await saveState(phone.page, 'Enregistré sur le serveur');
    await eventually(() => notice.count()).toBe(0);
    await eventually(() => host.page.getByTestId('visit-note').count()).toBe(written);
    expect(await phone.page.getByTestId('visit-note').count()).toBe(written);
  }, 120_000);
});
