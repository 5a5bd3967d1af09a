import { Router } from 'express';
import { buildSummary, renderSummaryMarkdown, type Lang } from '../../shared/session/index.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import { route } from './errors.ts';
import { requireAccess } from './sessions.ts';

/**
 * `GET /api/sessions/:id/summary?token=`: what members read weeks later. JSON by default;
 * Markdown with `Accept: text/markdown` or `?format=md`; French unless `?lang=en` (or the
 * browser prefers English).
 */
export function summaryRouter(authorizer: Authorizer, registry: RoomRegistry): Router {
  const router = Router();
  router.get(
    '/:id/summary',
    route(async (req, res) => {
      const { grant } = await requireAccess(authorizer, req);
      const lease = await registry.acquire(grant.sessionId);
      let summary;
      try {
        // Only what is stored: the summary of the document as it is now, handed over once
        // the edits it holds are written (never waiting for edits made after the request).
        summary = await lease.room.stored(buildSummary);
      } finally {
        lease.release();
      }
      const wantsMarkdown = req.query.format === 'md' || (req.query.format === undefined && req.accepts(['application/json', 'text/markdown']) === 'text/markdown');
      if (!wantsMarkdown) {
        res.json(summary);
        return;
      }
      const lang: Lang = req.query.lang === 'en' || (req.query.lang === undefined && req.acceptsLanguages('fr', 'en') === 'en') ? 'en' : 'fr';
      res.type('text/markdown; charset=utf-8').set('Content-Language', lang).send(renderSummaryMarkdown(summary, lang));
    }),
  );
  return router;
}
