// What a form says when the API says no (seen in an exploratory run): the server's English
// inside a French sentence ("Impossible de rejoindre le club : invalid link for this club",
// "La séance n'a pas pu être créée : name: must not be empty" for a club), and the browser's
// own "Failed to fetch" for a search without network. Each now says what happened, in the
// page's language, and what to do.
import { expect, test } from 'vitest';
import { createClub, joinClub } from '../helpers/clubs.ts';
import { newDevice, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

test('a club link that no longer opens the club, or a club that does not exist, is said plainly, with what to do', async () => {
  const club = await createClub(env.server.baseUrl, 'Club Bourse');
  const { context, page } = await newDevice(env.browser, { phone: true });
  await page.goto(`${env.server.baseUrl}/c/${club.id}/join?token=${'A'.repeat(43)}`);
  await page.getByLabel('Votre nom').fill('Marc Vidal');
  await page.getByRole('button', { name: 'Rejoindre le club' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe(
    'Ce lien n’ouvre pas le club : il a été renouvelé, ou il est incomplet. Demandez le lien d’invitation actuel à l’administrateur du club.',
  );
  // Another club's id, with this club's own invite: no such club.
  const unknown = club.id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  await page.goto(`${env.server.baseUrl}/c/${unknown}/join?token=${club.inviteToken}`);
  await page.getByLabel('Votre nom').fill('Marc Vidal');
  await page.getByRole('button', { name: 'Rejoindre le club' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('Impossible de rejoindre le club : ce club n’existe pas : vérifiez le lien reçu.');
  // In English, English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Join the club' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^[^«»]*this club does not exist: check the link you received\.$/);
  await context.close();
});

test('a club or a session named with spaces only is refused naming the field, in French', async () => {
  const { context, page } = await newDevice(env.browser);
  await page.goto(env.server.baseUrl);
  await page.getByLabel('Nom du club').fill('   ');
  await page.getByLabel('Réseau').fill('APM');
  await page.getByRole('button', { name: 'Créer le club' }).click();
  const clubAlert = page.getByRole('region', { name: 'Créer un club' }).getByRole('alert');
  await expect.poll(() => clubAlert.textContent()).toBe('Le club n’a pas pu être créé : « Nom du club » est vide ou n’est pas valable.');
  await page.getByLabel('Sujet').fill('  ');
  await page.getByLabel('Entreprise hôte').fill('Savoie Usinage');
  await page.getByLabel('Nom de l’hôte').fill('Luc Perrin');
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  await expect.poll(() => page.getByRole('region', { name: 'Nouvelle séance' }).getByRole('alert').textContent()).toBe(
    'La séance n’a pas pu être créée : « Sujet » est vide ou n’est pas valable.',
  );
  await context.close();
});

test('a search of the club without network says so, not "Failed to fetch"', async () => {
  const club = await createClub(env.server.baseUrl, 'Club Bourse');
  const marc = await joinClub(env.server.baseUrl, club.id, club.inviteToken, 'Marc Vidal');
  const { context, page } = await newDevice(env.browser, { phone: true });
  await context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [`entraide:club:${marc.clubId}`, JSON.stringify(marc)]);
  await page.goto(`${env.server.baseUrl}/c/${club.id}`);
  await page.getByRole('searchbox').waitFor();
  await context.setOffline(true);
  await page.getByRole('searchbox').fill('trésorerie');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('La recherche n’a pas abouti : pas de réseau. Réessayez quand la connexion revient.');
  await context.close();
});
