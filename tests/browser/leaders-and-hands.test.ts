// Roles and leaders in a room of eight phones, as exploratory runs with a laptop, the room's
// screen and eight phones found them:
// - the host made a member facilitator and only she was told: the lists of people marked
//   neither her nor, where it was missing, the host, and the phones saw someone else move the
//   session with no idea why. Now the lists mark the host (*hôte*) and the facilitators
//   (*facilitateur*), and the room reads a short line (*Membre 1 anime désormais avec l’hôte.*);
// - hands raised during the Questions stayed up in the Brainstorm: the host saw a stale queue.
//   Moving on lowers every hand (the server does: tests/integration/leaders.test.ts), and
//   each member whose hand was up is told;
// - two leaders pressing at once, both presses leaving before either saw the other's: the
//   second read a red *Refusé par la séance* although the room had moved as the first wanted.
//   Now he reads who moved it, calmly.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { eventually, phaseIs, roomOfPhones, saveState, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;

/** The tags beside a person in a device's list of people (the presence list), opened. */
async function tagsOf(page: Page, name: string): Promise<string[]> {
  const list = page.getByTestId('presence');
  if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
  return list.getByTestId('present-person').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${name}$`) }) }).locator('.tag').allTextContents();
}

test('the room sees who leads, hands go down with the phase, and two leaders’ crossed moves are no error, on eight phones', async () => {
  const { host, phones } = await roomOfPhones(env, 'leaders-and-hands', { count: PHONES });
  const anne = phones[0]!;

  // Membre 1 is made facilitator: she is told; the others read it in a line of their own.
  await host.locator('.facilitators summary').click();
  await host.getByRole('button', { name: 'Faire facilitateur : Membre 1' }).click();
  await anne.getByTestId('facilitator-notice').waitFor();
  expect(await anne.getByTestId('facilitator-news').count()).toBe(0);
  // The line goes by itself after a while: read on every phone at once.
  const news = (page: Page) => page.getByTestId('facilitator-news').textContent({ timeout: 500 }).catch(() => null);
  await Promise.all(phones.slice(1).map((page) => eventually(() => news(page)).toBe('Membre 1 anime désormais avec l’hôte.')));
  // Every list of people marks the host and the facilitator (a phone opens its folded list).
  for (const page of [host, ...phones]) {
    await eventually(() => tagsOf(page, 'Membre 1')).toEqual(page === anne ? ['vous', 'facilitateur'] : ['facilitateur']);
    expect(await tagsOf(page, 'Claire Mugnier')).toEqual(page === host ? ['vous', 'hôte'] : ['hôte']);
    expect(await tagsOf(page, 'Membre 2')).toEqual(page === phones[1] ? ['vous'] : []);
  }
  await screenshot(phones[1]!, 'leaders-people-marked');
  // So does the host's *Liens et participants*.
  await host.getByText('Liens et participants').click();
  await eventually(() => host.getByTestId('access-person').filter({ hasText: 'Membre 1' }).locator('span').first().textContent()).toBe('Membre 1 · membre · facilitateur');
  expect(await host.getByTestId('access-person').filter({ hasText: 'Claire Mugnier' }).locator('span').first().textContent()).toBe('Claire Mugnier · hôte');

  // The Questions: three members raise a hand; the host sees the queue.
  await host.getByRole('button', { name: 'Aller directement à : Questions' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Questions')));
  const raising = phones.slice(1, 4);
  for (const page of raising) await page.getByRole('button', { name: 'Lever la main' }).tap();
  await eventually(() => host.getByTestId('floor-queue').first().textContent()).toBe('Membre 2, Membre 3, Membre 4');
  // The session moves on: every hand goes down, and whoever had one up is told.
  await host.getByRole('button', { name: 'Passer à : Brainstorm' }).click();
  await Promise.all(phones.map((page) => phaseIs(page, 'Brainstorm')));
  await eventually(() => host.getByTestId('floor-queue').count()).toBe(0);
  for (const page of raising) {
    await eventually(() => page.getByTestId('hand-lowered').textContent()).toBe(
      'Nouvelle étape : votre main a été baissée. Levez-la de nouveau pour demander la parole. Compris',
    );
    await page.getByRole('button', { name: 'Lever la main' }).waitFor();
    expect(await page.getByTestId('floor-queue').count()).toBe(0);
  }
  for (const page of phones.slice(4)) expect(await page.getByTestId('hand-lowered').count()).toBe(0);
  await screenshot(raising[0]!, 'leaders-hand-lowered');
  await raising[0]!.getByTestId('hand-lowered').getByRole('button', { name: 'Compris' }).tap();
  await raising[0]!.getByTestId('hand-lowered').waitFor({ state: 'detached' });

  // Two leaders press together, neither seeing the other's move: what the server sends Anne's
  // phone is held up a moment (a congested network; her phone is online, what it writes
  // leaves at once: offline, a leader's moves wait, client/room/useRoomLink.ts) while the
  // host moves on to the Synthèse, and she takes the room back to the Questions. Her move is
  // refused: the room stays where the host took it, and she reads who moved it, no alarm.
  let holding = false;
  const held: Array<() => void> = [];
  await anne.context().routeWebSocket(/\/yjs\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (holding) held.push(() => ws.send(message));
      else ws.send(message);
    });
  });
  await anne.reload();
  await phaseIs(anne, 'Brainstorm');
  await saveState(anne, 'Enregistré sur le serveur');
  holding = true;
  await host.getByRole('button', { name: 'Passer à : Synthèse' }).click();
  await Promise.all(phones.slice(1).map((page) => phaseIs(page, 'Synthèse')));
  expect(await anne.getByTestId('current-phase').textContent()).toBe('Brainstorm');
  await anne.getByRole('button', { name: 'Revenir à : Questions' }).tap();
  expect(await anne.getByTestId('current-phase').textContent()).toBe('Questions');
  // Her move has left; what the server said meanwhile reaches her, in order.
  holding = false;
  for (const send of held.splice(0)) send();
  await eventually(() => anne.getByTestId('move-crossed').textContent(), 30_000).toBe(
    'Claire Mugnier a déjà passé la séance à : Synthèse. Votre appui n’a pas été pris.',
  );
  await phaseIs(anne, 'Synthèse');
  await saveState(anne, 'Enregistré sur le serveur');
  expect(await anne.locator('.sync-notice').count()).toBe(0);
  for (const page of [host, ...phones]) await phaseIs(page, 'Synthèse');
  expect(await host.getByTestId('last-move').textContent()).toMatch(/^Passage à Synthèse par Claire Mugnier à /);
  await screenshot(anne, 'leaders-move-crossed');
  // Her next press is hers: the line goes.
  await eventually(async () => {
    if ((await anne.getByTestId('current-phase').textContent()) === 'Synthèse') await anne.getByRole('button', { name: 'Revenir à : Brainstorm' }).tap();
    return anne.getByTestId('current-phase').textContent();
  }).toBe('Brainstorm');
  await phaseIs(host, 'Brainstorm');
  expect(await anne.getByTestId('move-crossed').count()).toBe(0);

  // Her phone off the network, she is still one of the members the host may make facilitator
  // or not: he can take back what he gave (the list showed the phones connected only).
  await anne.context().setOffline(true);
  await host.getByText('8 personnes ici').waitFor();
  const facilitators = host.locator('.facilitators');
  if ((await facilitators.getAttribute('open')) === null) await facilitators.locator('summary').click();
  expect(await facilitators.locator('summary').textContent()).toBe('Facilitateurs (1)');
  await facilitators.getByRole('button', { name: 'Retirer facilitateur : Membre 1' }).click();
  await eventually(() => facilitators.locator('summary').textContent()).toBe('Facilitateurs (0)');
  await anne.context().setOffline(false);
}, 300_000);
