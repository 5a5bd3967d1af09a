// A connection the server refuses is said on the device (issue 10): here presence and
// facilitation, whose Socket.IO connect error the app used to swallow, so a refused tab
// showed the session without anyone in it and without a word.
import { expect, onTestFailed, test } from 'vitest';
import { createSession, join, newDevice, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

// One Socket.IO socket per token: a second tab of the same person is one too many.
const env = useBrowserAndServer({ openConnections: { syncPerToken: 0, socketsPerToken: 1, perAddress: 0 } });

test('a tab refused for too many connections says so, in French, and the first tab goes on', async () => {
  const links = await createSession(env.server.baseUrl);
  const member = await newDevice(env.browser);
  await join(member.page, links.member, 'Paul Durand');
  await member.page.getByTestId('present-person').filter({ hasText: 'Paul Durand' }).waitFor();

  const second = await member.context.newPage();
  onTestFailed(() => screenshot(second, 'failed-connection-refusal').catch(() => undefined));
  await second.goto(links.member);
  const notice = second.locator('.sync-notice[data-notice="tooManyConnections"]');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('Trop de connexions ouvertes avec ce lien ou depuis ce réseau.');
  // The presence list says it is unavailable in this tab, not that the network is gone.
  await second.locator('#presence-title').filter({ hasText: 'Présence : indisponible dans cet onglet' }).waitFor();
  await screenshot(second, 'connection-refused-notice');
  // The first tab is not told anything, and is still served.
  expect(await member.page.locator('.sync-notice').count()).toBe(0);
  await saveState(member.page, 'Enregistré sur le serveur');
  await member.context.close();
});
