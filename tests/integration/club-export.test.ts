import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClubScenario, type ClubScenario } from '../helpers/club-scenario.ts';
import { createSession, startServer, tempDir, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let club: ClubScenario;

beforeAll(async () => {
  server = await startServer();
  club = await runClubScenario(server.http, server.ws, () => server.app.indexer.flush());
});
afterAll(async () => {
  await server?.close();
});

/** The text of a PDF as poppler's pdftotext reads it: real, selectable text. */
function pdfText(pdf: Buffer): string {
  const file = path.join(tempDir(), 'summary.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('exports of a club session’s summary', () => {
  it('prints a PDF whose text holds the ideas and the action plan with their accents, and the confidentiality footer', async () => {
    const res = await fetch(`${server.http}/api/sessions/${club.sessions.first}/summary?format=pdf&token=${club.sophie.credential}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/club-summary.pdf', pdf);
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    for (const expected of [
      'Financer la croissance',
      'Mutualiser la trésorerie des achats entre membres',
      'Négocier un affacturage inversé',
      'Idées les plus votées',
      'Plan d’action',
      'Appeler la banque pour l’affacturage',
      'Tableau de trésorerie à 13 semaines',
      'Réunir les acheteurs du club',
      'Marc Duret',
      '15 octobre 2026',
      'Je lance l’affacturage inversé avant la fin de l’année.',
      'Confidentiel — réservé aux membres du club « Club Bourse » — séance du 10 septembre 2026',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints it in English on request', async () => {
    const res = await fetch(`${server.http}/api/sessions/${club.sessions.first}/summary?format=pdf&lang=en&token=${club.marc.credential}`);
    const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Action plan');
    expect(text).toContain('Confidential — for the members of the club “Club Bourse” only');
  });

  it('ends the Markdown with the same footer, and a session without a club with its own', async () => {
    const md = await (await fetch(`${server.http}/api/sessions/${club.sessions.second}/summary?format=md&token=${club.claire.credential}`)).text();
    expect(md).toContain('Contacter l’école de production de Cluses');
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^_Confidentiel — réservé aux membres du club « Club Bourse » — séance du 20 octobre 2026 — exporté le .+_$/);
    const alone = await createSession(server.http);
    const plain = await (await fetch(`${server.http}/api/sessions/${alone.id}/summary?format=md&token=${alone.tokens.member}`)).text();
    expect(plain.trimEnd().split('\n').at(-1)).toMatch(/^_Confidentiel — réservé aux participants de la séance — séance du 3 décembre 2026/);
  });

  it('answers 503 with a clear message where Chromium is missing, and the other exports still work', async () => {
    const without = await startServer({ chromiumPath: '/nonexistent/chromium' });
    try {
      const session = await createSession(without.http);
      const pdf = await fetch(`${without.http}/api/sessions/${session.id}/summary?format=pdf&token=${session.tokens.member}`);
      expect(pdf.status).toBe(503);
      expect(((await pdf.json()) as { error: string }).error).toMatch(/PDF export unavailable/);
      expect((await fetch(`${without.http}/api/sessions/${session.id}/summary?format=md&token=${session.tokens.member}`)).status).toBe(200);
    } finally {
      await without.close();
    }
  });

  it('refuses the export to another club’s member', async () => {
    const res = await fetch(`${server.http}/api/sessions/${club.sessions.first}/summary?format=pdf&token=${club.paul.credential}`);
    expect(res.status).toBe(401);
  });
});
