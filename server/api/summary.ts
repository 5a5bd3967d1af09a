import { Router } from 'express';
import { STRINGS, buildSummary, longDate, renderSummaryMarkdown, summaryFileName, type Lang, type SessionSummary } from '../../shared/session/index.ts';
import type { PdfPrinter } from '../export/PdfPrinter.ts';
import { renderSummaryHtml } from '../export/summary-html.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import type { ClubStore } from '../storage/club-types.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import type { Logger } from 'pino';
import { withFollowUps } from '../clubs/followup.ts';
import { HttpError, route } from './errors.ts';
import { requireAccess } from './sessions.ts';

/**
 * `GET /api/sessions/:id/summary?token=`: what members read weeks later. JSON by default;
 * Markdown with `Accept: text/markdown` or `?format=md`; a PDF with `?format=pdf`; French
 * unless `?lang=en` (or the browser prefers English). Every export (Markdown, PDF) ends
 * with a confidentiality footer naming the club and the date.
 */
export function summaryRouter(authorizer: Authorizer, registry: RoomRegistry, clubs: ClubStore, printer: PdfPrinter, log: Logger): Router {
  const router = Router();
  router.get(
    '/:id/summary',
    route(async (req, res) => {
      const { grant } = await requireAccess(authorizer, req);
      const lease = await registry.acquire(grant.sessionId);
      let summary: SessionSummary;
      try {
        // Only what is stored: the summary of the document as it is now, handed over once
        // the edits it holds are written (never waiting for edits made after the request).
        summary = await lease.room.stored(buildSummary);
      } finally {
        lease.release();
      }
      const clubId = grant.clubId ?? null;
      const clubName = clubId ? ((await clubs.getClub(clubId))?.name ?? null) : null;
      if (clubId) summary = { ...withFollowUps(summary, await clubs.listFollowUps(clubId)), clubName };
      const format = req.query.format === 'pdf' ? 'pdf' : req.query.format === 'md' || (req.query.format === undefined && req.accepts(['application/json', 'text/markdown']) === 'text/markdown') ? 'md' : 'json';
      if (format === 'json') {
        res.json(summary);
        return;
      }
      const lang: Lang = req.query.lang === 'en' || (req.query.lang === undefined && req.acceptsLanguages('fr', 'en') === 'en') ? 'en' : 'fr';
      const footer = STRINGS[lang].confidential(clubName, longDate(summary.date, lang), longDate(new Date().toISOString().slice(0, 10), lang));
      res.set('Content-Language', lang);
      if (format === 'md') {
        res.type('text/markdown; charset=utf-8').send(renderSummaryMarkdown(summary, lang, footer));
        return;
      }
      let pdf: Buffer;
      try {
        pdf = await printer.print(renderSummaryHtml(summary, lang, clubName), footer);
      } catch (err) {
        // Without Chromium, the other exports still work: say so, and log why.
        log.error({ err }, 'PDF export failed');
        throw new HttpError(503, 'PDF export unavailable on this server (Chromium did not start); Markdown and JSON still work');
      }
      res.type('application/pdf').set('Content-Disposition', `inline; filename="${summaryFileName(summary)}.pdf"`).send(pdf);
    }),
  );
  return router;
}
