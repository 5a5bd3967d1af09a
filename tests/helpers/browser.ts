// Browser tests: a real server serving the built client, Debian's Chromium driven by
// playwright-core, and helpers that wait for what the user sees.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createApp, type App } from '../../server/app.ts';
import { defaultConfig, type Config } from '../../server/config.ts';
import { CreateSessionResponse } from '../../shared/schemas.ts';
import { joinCodeOfToken, joinCodePath } from '../../shared/join-code.ts';
import { connectProvider } from './clients.ts';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export interface BrowserServer {
  app: App;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}): Promise<BrowserServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-browser-'));
  const app = await createApp(defaultConfig({ dataDir, clientDir: path.resolve('dist/client'), ...overrides }));
  const port = await app.listen();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface SessionLinks {
  id: string;
  host: string;
  member: string;
  screen: string;
}

export async function createSession(
  baseUrl: string,
  body = { title: 'Entrer sur le marché de l’hydrogène', hostCompany: 'Décolletage Arve Précision', hostName: 'Claire Mugnier', date: '2026-12-03' },
): Promise<SessionLinks> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}`);
  const created = CreateSessionResponse.parse(await res.json());
  return {
    id: created.id,
    host: baseUrl + created.links.host,
    member: baseUrl + created.links.member,
    screen: baseUrl + created.links.screen,
  };
}

/**
 * A stock y-websocket provider on the session beside the browsers, holding the token of one of
 * its links: a script reading (or writing) the document as that link lets it.
 */
export function scriptOn(server: BrowserServer, links: SessionLinks, link: 'host' | 'member' | 'screen', doc?: Y.Doc): WebsocketProvider {
  return connectProvider(server.baseUrl.replace('http', 'ws'), links.id, new URL(links[link]).searchParams.get('token') ?? '', doc ?? new Y.Doc({ guid: links.id }));
}

/** A fresh context (its own storage: a separate device), optionally phone-sized. */
export async function newDevice(browser: Browser, opts: { phone?: boolean; size?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    opts.phone
      ? { viewport: opts.size ?? { width: 390, height: 800 }, isMobile: true, hasTouch: true, locale: 'fr-FR' }
      : { viewport: opts.size ?? { width: 1280, height: 900 }, locale: 'fr-FR' },
  );
  // A step that does not happen fails at that step, rather than at the test's timeout; on two
  // cores with two browser files at once, a step may take a few seconds.
  context.setDefaultTimeout(20_000);
  // Loading the app: nine devices opening it at once each compile its bundle, which on two
  // busy cores took past 20 s (board-reading's room of nine, beside another browser file).
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return { context, page };
}

/** Open a host or member link and give a name at the first visit. */
export async function join(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Votre nom').fill(name);
  await page.getByRole('button', { name: 'Entrer dans la séance' }).click();
  await saveState(page, 'Enregistré sur le serveur');
}

/**
 * Joins each page to `url` under its name, two at a time: nine or ten page loads at once on
 * two busy cores outlast a navigation's timeout.
 */
export async function joinInPairs(pages: readonly Page[], url: string, names: readonly string[]): Promise<void> {
  for (let i = 0; i < pages.length; i += 2) {
    await Promise.all(pages.slice(i, i + 2).map((page, j) => join(page, url, names[i + j]!)));
  }
}

/** Waits until `page`'s header names the session's phase `name` (*Synthèse*, …). */
export function phaseIs(page: Page, name: string): Promise<void> {
  return eventually(() => page.getByTestId('current-phase').textContent()).toBe(name);
}

/** A room as a club meets in it: the host's laptop (or phone), perhaps the room's screen, members on phones. */
export interface RoomOfPhones {
  readonly links: SessionLinks;
  readonly host: Page;
  readonly phones: readonly Page[];
  /** The members' names, phone by phone: *Membre 1*, *Membre 2*… unless given. */
  readonly names: readonly string[];
}

export interface RoomWithScreen extends RoomOfPhones {
  readonly screen: Page;
}

type Env = { readonly server: BrowserServer; readonly browser: Browser };

/**
 * A new session with the host (Claire Mugnier) on a laptop at 1366×768, or on a phone, and
 * members on phones (`count` of them as *Membre n*, or `names`), all in; with `screen`, the
 * room's screen (1280×720) opened before the members come. Should the test fail, `label`
 * names the screenshots of the host, the screen and the first phone.
 */
async function openRoom(env: Env, label: string, opts: { count?: number; names?: readonly string[]; hostPhone?: boolean; screen: boolean }): Promise<RoomOfPhones & { screen: Page | null }> {
  const links = await createSession(env.server.baseUrl);
  const host = (await newDevice(env.browser, opts.hostPhone ? { phone: true } : { size: { width: 1366, height: 768 } })).page;
  const screen = opts.screen ? (await newDevice(env.browser, { size: { width: 1280, height: 720 } })).page : null;
  const names = opts.names ?? Array.from({ length: opts.count ?? 8 }, (_, i) => `Membre ${i + 1}`);
  const phones = (await Promise.all(names.map(() => newDevice(env.browser, { phone: true })))).map((d) => d.page);
  onTestFailed(async () => {
    for (const [name, page] of [['host', host], ['screen', screen], ['phone-1', phones[0]]] as const) {
      if (page) await screenshot(page, `failed-${label}-${name}`).catch(() => undefined);
    }
  });
  await join(host, links.host, 'Claire Mugnier');
  if (screen) {
    await screen.goto(links.screen);
    await screen.getByTestId('screen-phase').waitFor();
  }
  await joinInPairs(phones, links.member, names);
  return { links, host, screen, phones, names };
}

/** The host, the room's screen and `count` members on phones, all in (see openRoom). */
export async function roomWithScreen(env: Env, label: string, count = 8): Promise<RoomWithScreen> {
  const room = await openRoom(env, label, { count, screen: true });
  return { ...room, screen: room.screen! };
}

/** The host (on a laptop, or with `hostPhone` on a phone) and members on phones, all in, no screen (see openRoom). */
export function roomOfPhones(env: Env, label: string, opts: { count?: number; names?: readonly string[]; hostPhone?: boolean } = {}): Promise<RoomOfPhones> {
  return openRoom(env, label, { ...opts, screen: false });
}

/** The short join address the screen shows for a member link (`host:port/j/K7M2-Q9XD`). */
export function joinAddressOf(memberLink: string): string {
  const url = new URL(memberLink);
  return `${url.host}${joinCodePath(joinCodeOfToken(url.searchParams.get('token') ?? ''))}`;
}

/**
 * Waits until a save badge says exactly `text` ('Gardé sur cet appareil' is also part of
 * 'Non enregistré : gardé sur cet appareil', and Playwright's `hasText` ignores case).
 */
export function saveState(page: Page, text: string): Promise<void> {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.getByRole('status').filter({ hasText: exactly }).first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // A touch screen is captured as its first screen: a full-page capture resizes the view
  // without the touch emulation, so it showed a mouse's layout (smaller targets, keyboard
  // hints) that the phone never shows.
  const touch = await page.evaluate(() => matchMedia('(pointer: coarse)').matches).catch(() => false);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: !touch, animations: 'disabled' });
}

const axeSource = (): string => fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const has = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src
  // 'self') rightly refuses an inline <script>, and must not be loosened for a test.
  if (!has) await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    // Colours are read once they have settled: caught halfway through a fade (the screen's
    // tools fading out when its mouse is idle), a button has half its contrast for 0.6 s.
    // Endless animations (a pulse) are left running.
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    type Result = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
    const w = window as unknown as { axe: { run: (ctx: Document) => Promise<Result> } };
    const result = await w.axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The text of a rich-text editor without the other editors' caret labels. */
export function editorText(locator: import('playwright-core').Locator): Promise<string> {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}

/** expect.poll with a timeout that suits a loaded CI machine (its default is one second). */
export function eventually<T>(read: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 50 });
}

/** A real server and Chromium for the tests of one file, started before and stopped after them. */
export function useBrowserAndServer(overrides: Partial<Config> = {}): { readonly server: BrowserServer; readonly browser: Browser } {
  const env = {} as { server: BrowserServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(overrides), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

type Locator = import('playwright-core').Locator;
type Point = { x: number; y: number };

/** A hand on the page: a mouse, or one finger. */
interface Hand {
  down(at: Point): Promise<void>;
  move(at: Point): Promise<void>;
  up(): Promise<void>;
}

/**
 * Drag `source` onto `target` with the mouse, as a person does: aiming at a visible part of
 * the source once it stands still, and letting go over a visible part of the target
 * (measured again at the end: the page may have moved during the drag). It fails, saying
 * what lay under the pointer, when the press or the release would miss.
 */
export async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  await dragWith(page, source, target, mouseHand(page));
}

function mouseHand(page: Page): Hand {
  return {
    down: async (at) => {
      await page.mouse.move(at.x, at.y);
      await page.mouse.down();
    },
    move: (at) => page.mouse.move(at.x, at.y),
    up: () => page.mouse.up(),
  };
}

/**
 * The same with one finger, as on a phone: touch events through the DevTools protocol
 * (Playwright has no touch drag), which the page gets as pointer events of type "touch".
 */
export async function touchDragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: Point) => {
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at ? [{ x: at.x, y: at.y }] : [] });
  };
  await source.scrollIntoViewIfNeeded();
  try {
    await dragWith(page, source, target, { down: (at) => touch('touchStart', at), move: (at) => touch('touchMove', at), up: () => touch('touchEnd') });
  } finally {
    await cdp.detach();
  }
}

/**
 * Drags `el` by (dx, dy) with the mouse in `steps` moves, pressing where a press reaches it
 * once it stands still (a sticky can still be sliding to its place, or the view recentring).
 */
export async function dragBy(page: Page, el: Locator, dx: number, dy: number, steps = 8): Promise<void> {
  const hand = mouseHand(page);
  const start = await pressSteady(page, el, hand);
  for (let step = 1; step <= steps; step++) await hand.move({ x: start.x + (dx * step) / steps, y: start.y + (dy * step) / steps });
  await hand.up();
}

/** Presses `el` where a press reaches it once it stands still; where it pressed. */
async function pressSteady(page: Page, el: Locator, hand: Hand): Promise<Point> {
  // A board whose view is about to follow the ideas (Board.tsx) is let settle first: pressed
  // just before its refit, the press reached whatever idea the refit put there.
  await page.waitForFunction(() => document.querySelector('[data-view-settling]') === null);
  await steadyBox(page, el, 'drag source');
  const start = await aim(el, 'press', 'on top');
  await hand.down(start);
  return start;
}

async function dragWith(page: Page, source: Locator, target: Locator, hand: Hand): Promise<void> {
  const start = await pressSteady(page, source, hand);
  const toward = await target.boundingBox();
  if (!toward) throw new Error('drop target not visible');
  for (let i = 1; i <= 5; i++) {
    await hand.move({ x: start.x + ((toward.x + toward.width / 2 - start.x) * i) / 5, y: start.y + ((toward.y + toward.height / 2 - start.y) * i) / 5 });
  }
  await steadyBox(page, target, 'drop target');
  // The dragged idea is under the pointer too: the target need not be on top.
  const end = await aim(target, 'release', 'anywhere');
  await hand.move(end);
  // Released once the page has drawn a frame after the last move, as a hand would: under
  // load the release could otherwise be handled before the move that reached the target.
  await nextFrame(page);
  await aim(target, 'release', 'anywhere', end);
  await hand.up();
}

/** The element's box once it is the same in two frames running (it may be sliding into place). */
async function steadyBox(page: Page, el: Locator, what: string) {
  let last: Awaited<ReturnType<typeof el.boundingBox>> = null;
  for (let i = 0; i < 100; i++) {
    const box = await el.boundingBox();
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height) return box;
    last = box;
    await nextFrame(page);
  }
  throw new Error(`${what} did not stand still: ${JSON.stringify(last)}`);
}

/**
 * A point of `el` that a pointer there would reach, nearest the middle of its part inside
 * the window: `on top` (what a press hits, not one of its buttons or fields) or `anywhere`
 * in the stack of elements there. With `at`, that point only. Fails naming what is there
 * instead.
 */
async function aim(el: Locator, what: string, where: 'on top' | 'anywhere', at?: Point): Promise<Point> {
  const found = await el.evaluate((node, o) => {
    const reaches = (x: number, y: number) => {
      if (o.where === 'anywhere') return document.elementsFromPoint(x, y).includes(node);
      const top = document.elementFromPoint(x, y);
      return !!top && node.contains(top) && !top.closest('button, input, textarea, select, a');
    };
    const r = node.getBoundingClientRect();
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, window.innerWidth);
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, window.innerHeight);
    const middle = { x: (left + right) / 2, y: (top + bottom) / 2 };
    const tries = o.at ? [o.at] : [];
    if (!o.at && right > left && bottom > top) {
      for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) tries.push({ x: left + ((right - left) * i) / 10, y: top + ((bottom - top) * j) / 10 });
      tries.sort((a, b) => Math.hypot(a.x - middle.x, a.y - middle.y) - Math.hypot(b.x - middle.x, b.y - middle.y));
    }
    const hit = tries.find((p) => reaches(p.x, p.y));
    if (hit) return { hit };
    const p = o.at ?? middle;
    const there = document.elementsFromPoint(p.x, p.y).slice(0, 4).map((n) => `${n.tagName.toLowerCase()}.${(n as HTMLElement).className}`).join(' > ');
    return { miss: `the ${o.what} at ${Math.round(p.x)},${Math.round(p.y)} would miss its element: under the pointer is ${there}` };
  }, { what, where, at: at ?? null });
  if ('miss' in found) throw new Error(found.miss);
  return found.hit;
}

/** Resolves once the page has drawn its next frame. */
export function nextFrame(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))));
}

/**
 * Adds an idea as a person does: *Nouvelle idée*, then typing once the new idea's field has
 * the focus (keys typed before it are lost), then Escape.
 */
export async function addIdea(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Nouvelle idée', exact: true }).click();
  await page.waitForFunction(() => {
    const active = document.activeElement as HTMLElement | null;
    return active !== null && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT' || active.isContentEditable);
  });
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** How much wider than its viewport the page is laid out (0 when it fits). */
export function overflowX(page: Page): Promise<number> {
  // Against the layout's width, not innerWidth: a phone's browser widens innerWidth to what
  // overflows (it zooms out), which hid a page 46 px wider than the screen.
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/**
 * The controls of the page a finger would miss: shown, smaller than 44 × 44 CSS px (WCAG
 * 2.5.5), each as `tag "name" W×H`. A checkbox or radio counts with its label; links inside
 * running text are exempt, as WCAG exempts them; so is the board's canvas, whose stickies
 * scale with the zoom (a phone's board is the list view).
 */
export function smallTapTargets(page: Page, minPx = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], summary, select, input:not([type=hidden]), textarea, [role=button], [role=tab]');
    for (const control of controls) {
      if (control.closest('.board-layer')) continue;
      const isBox = control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
      const target = (isBox ? control.closest('label') : null) ?? control;
      const box = target.getBoundingClientRect();
      // Not shown, or left to screen readers (1 × 1, clipped).
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(target).visibility === 'hidden') continue;
      if (target.matches('a') && getComputedStyle(target).display === 'inline' && target.parentElement?.closest('p, li, dd, td')) continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        found.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return found;
  }, minPx);
}

/** Is the element's top inside the first screen, without scrolling? */
export async function inFirstScreen(page: Page, locator: import('playwright-core').Locator): Promise<boolean> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 44) <= height;
}
