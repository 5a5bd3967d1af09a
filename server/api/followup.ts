import { Router } from 'express';
import type { FollowUpRound } from '../../shared/club.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import { followUpRoundActions, readClubSessions } from '../clubs/followup.ts';
import type { Storage } from '../storage/types.ts';
import { HttpError, route } from './errors.ts';
import { requireAccess } from './sessions.ts';

/**
 * `GET /api/sessions/:id/followup?token=`: the follow-up round of a club session, for
 * everyone in it (the shared screen too): the open actions of the club's earlier sessions.
 */
export function followUpRouter(authorizer: Authorizer, storage: Storage): Router {
  const router = Router();
  router.get(
    '/:id/followup',
    route(async (req, res) => {
      const { session } = await requireAccess(authorizer, req);
      const link = await storage.clubs.clubOfSession(session.id);
      const club = link ? await storage.clubs.getClub(link.clubId) : null;
      if (!link || !club) throw new HttpError(404, 'this session belongs to no club');
      const round: FollowUpRound = {
        clubId: club.id,
        clubName: club.name,
        actions: followUpRoundActions(await readClubSessions(storage.clubs, club.id), session),
      };
      res.json(round);
    }),
  );
  return router;
}
