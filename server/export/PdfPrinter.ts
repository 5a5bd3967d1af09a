import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import { footerTemplate } from './summary-html.ts';

/**
 * Prints HTML to PDF with Chromium's own print engine (headless, through playwright-core):
 * real text, selectable, with the system's fonts and their accents. One browser, started
 * at the first export and kept for the next; playwright-core is loaded only then.
 */
export class PdfPrinter {
  readonly #executablePath: string;
  readonly #log: Logger;
  #browser: Promise<Browser> | null = null;

  constructor(executablePath: string, log: Logger) {
    this.#executablePath = executablePath;
    this.#log = log;
  }

  async print(html: string, footer: string): Promise<Buffer> {
    const browser = await this.#launch();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // Nothing to fetch: the page is self-contained, and must not reach the network.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerTemplate(footer),
        margin: { top: '16mm', bottom: '20mm', left: '14mm', right: '14mm' },
      });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  #launch(): Promise<Browser> {
    this.#browser ??= (async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: this.#executablePath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      browser.on('disconnected', () => {
        this.#browser = null;
      });
      this.#log.info('chromium started for PDF exports');
      return browser;
    })().catch((err: unknown) => {
      this.#browser = null;
      throw err;
    });
    return this.#browser;
  }
}
