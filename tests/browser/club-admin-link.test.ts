// A member who joined by the invite link opens the admin link on the same phone (seen in an
// exploratory run): he was sent to the club's page, a plain member still, with no word. The
// device stays that member, now an admin.
import { expect, test } from 'vitest';
import { createClub } from '../helpers/clubs.ts';
import { eventually, newDevice, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();

test('a member who opens the admin link on his device becomes an admin, the same member', async () => {
  const club = await createClub(env.server.baseUrl, 'Club Bourse');
  const { context, page } = await newDevice(env.browser, { phone: true });
  await page.goto(`${env.server.baseUrl}/c/${club.id}/join?token=${club.inviteToken}`);
  await page.getByLabel('Votre nom').fill('Claire Mugnier');
  await page.getByRole('button', { name: 'Rejoindre le club' }).click();
  await page.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
  await eventually(() => page.getByTestId('club-members').locator('li').allTextContents()).toEqual(['Claire Mugnier ']);

  await page.goto(`${env.server.baseUrl}/c/${club.id}/join?token=${club.adminToken}`);
  await page.getByRole('heading', { name: 'Club Bourse', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/c/${club.id}`);
  // One member, the same, now an admin: the club's links are his to hand out.
  await eventually(() => page.getByTestId('club-members').locator('li').allTextContents()).toEqual(['Claire Mugnier administrateur']);
  await page.getByRole('button', { name: 'Renouveler le lien d’invitation' }).waitFor();
  await context.close();
});
