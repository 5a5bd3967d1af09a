// A host leading the vote from his phone (seen in an exploratory run): once he tapped *Ouvrir
// le vote*, the round's line ran to 481 px on his 390 px phone, the page panned 68-91 px
// sideways and the count he closes the round by was cut at the edge without even an ellipsis
// ("8 personnes ont donn", "Personne n'a encore d"). The members' phones were fine.
import type { Locator, Page } from 'playwright-core';
import { expect, onTestFailed, test } from 'vitest';
import * as S from '../../shared/session/index.ts';
import { joinAs } from '../helpers/access.ts';
import { connectProvider, destroyAll, whenDoc, whenSynced } from '../helpers/clients.ts';
import { createSession, eventually, join, joinInPairs, newDevice, overflowX, phaseIs, screenshot, useBrowserAndServer } from '../helpers/browser.ts';

const env = useBrowserAndServer();
const PHONES = 8;
const PHONE = { width: 390, height: 844 };
const IDEAS = ['Racheter un bureau d’études', 'Embaucher un ingénieur hydrogène', 'Exposer au salon Hyvolution'] as const;

/** Where the element stands against the phone's width, and whether its box cuts its text. */
function measure(locator: Locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { left: box.left, right: box.right, width: document.documentElement.clientWidth, cut: el.scrollWidth - el.clientWidth };
  });
}

/** The host's count reads `text`, whole, inside his phone, and his page does not pan. */
async function hostReads(host: Page, text: string): Promise<void> {
  const voters = host.getByTestId('voters');
  await eventually(() => voters.textContent()).toBe(text);
  const seen = { ...(await measure(voters)), overflow: await overflowX(host), innerWidth: await host.evaluate(() => innerWidth) };
  const said = `${text}: ${JSON.stringify(seen)}`;
  expect(seen.left, said).toBeGreaterThanOrEqual(-0.5);
  expect(seen.right, said).toBeLessThanOrEqual(seen.width + 0.5);
  expect(seen.cut, said).toBeLessThanOrEqual(0);
  expect(seen.overflow, said).toBeLessThanOrEqual(0);
  expect(seen.innerWidth, said).toBe(PHONE.width);
}

test('a host on his phone opens the vote: the voters’ count reads whole within the phone, his and every member’s page as wide as the phone', async () => {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser, { phone: true, size: PHONE })).page;
  const phones = (await Promise.all(Array.from({ length: PHONES }, () => newDevice(env.browser, { phone: true, size: PHONE })))).map((d) => d.page);
  onTestFailed(async () => {
    await screenshot(host, 'failed-phone-host-voting-host').catch(() => undefined);
    await screenshot(phones[0]!, 'failed-phone-host-voting-phone-1').catch(() => undefined);
  });
  await join(host, links.host, 'Claire Mugnier');
  await joinInPairs(phones, links.member, phones.map((_, i) => `Membre ${i + 1}`));

  await host.getByRole('button', { name: 'Aller directement à : Brainstorm' }).tap();
  await Promise.all([host, ...phones].map((page) => phaseIs(page, 'Brainstorm')));
  // Three ideas on the board, written by Sophie's laptop (a script with her own credential).
  const sophie = await joinAs(env.server.baseUrl, links.id, new URL(links.member).searchParams.get('token') ?? '', 'Sophie Roux');
  const writer = connectProvider(env.server.baseUrl.replace('http', 'ws'), links.id, sophie.credential);
  await whenSynced(writer);
  await whenDoc(writer.doc, (d) => S.getPhase(d) === 'brainstorm');
  IDEAS.forEach((text, i) => S.addSticky(writer.doc, { participantId: sophie.participantId, name: sophie.name }, { text, x: 240 * i, y: 0 }));
  const idea = (page: Page, text: string) => page.getByTestId('idea').filter({ hasText: text });
  await Promise.all(phones.map((page) => idea(page, IDEAS[2]).waitFor()));

  await host.getByRole('button', { name: 'Ouvrir le vote' }).tap();
  await host.getByRole('button', { name: 'Clore le vote' }).waitFor();
  await hostReads(host, 'Personne n’a encore donné de points');
  await screenshot(host, 'phone-host-voting-open');

  // Three phones give a point, then the five others.
  const vote = (page: Page, i: number) => idea(page, IDEAS[i % IDEAS.length]!).getByRole('button', { name: 'Voter' }).tap();
  await Promise.all(phones.slice(0, 3).map(vote));
  await hostReads(host, '3 personnes ont donné des points');
  await Promise.all(phones.slice(3).map((page, i) => vote(page, i + 3)));
  await hostReads(host, '8 personnes ont donné des points');
  await screenshot(host, 'phone-host-voting-eight');

  // The members' phones: the round's line within the phone too.
  for (const page of phones) {
    await eventually(() => page.getByTestId('voting-state').textContent()).toBe('Vote ouvert');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  }
  await screenshot(phones[0]!, 'phone-host-voting-member');

  // Counts shown: the count beside the round's state, still whole.
  await host.getByRole('checkbox', { name: /Masquer les comptes/ }).tap();
  await host.getByTestId('confirm-show-counts').getByRole('button', { name: 'Montrer les comptes' }).tap();
  await eventually(() => host.getByTestId('counts-hidden').count()).toBe(0);
  await hostReads(host, '8 personnes ont donné des points');
  destroyAll(writer);
}, 240_000);
