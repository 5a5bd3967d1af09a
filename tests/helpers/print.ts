// A PDF as a printer would give it, read back with poppler's pdftotext: each page's words and
// where they stand, to find what is printed in a page's margins.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrintedWord { text: string; yMin: number; pageHeight: number }

/** Each page of a PDF, its words where poppler reads them (in points from the page's top). */
export function printedPages(pdf: Buffer): PrintedWord[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-print-'));
  try {
    const file = path.join(dir, 'summary.pdf');
    fs.writeFileSync(file, pdf);
    const xhtml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    return [...xhtml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, height, body]) =>
      [...(body ?? '').matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map(([, yMin, text]) => ({
        text: unescape(text ?? ''),
        yMin: Number(yMin),
        pageHeight: Number(height),
      })),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The words printed in the bottom margin of an A4 page whose margin is 20 mm (the summary's @page). */
export function bottomMargin(words: readonly PrintedWord[]): string {
  return words.filter((w) => w.yMin >= ((297 - 20) / 297) * w.pageHeight).map((w) => w.text).join(' ');
}
