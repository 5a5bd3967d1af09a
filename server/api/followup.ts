import { Router } from 'express';
import type { FollowUpRound } from '../../shared/club.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import { followsTheClub } from '../access/actor.ts';
import { followUpRoundActions, readClubSessions } from '../clubs/followup.ts';
import type { Storage } from '../storage/types.ts';
import { HttpError, route } from './errors.ts';
import { requireAccess } from './sessions.ts';

/**
 * `GET /api/sessions/:id/followup?token=`: the follow-up round of a club session: the open
 * actions of the club's earlier sessions, for the club's members, the host and the room's
 * screen. Whoever came in by the session's member link without being a member (a guest, or
 * anyone the screen's code reached) is refused: those are other sessions' actions, and the
 * link stays good after the meeting. The room reads the round on its screen.
 */
export function followUpRouter(authorizer: Authorizer, storage: Storage): Router {
  const router = Router();
  router.get(
    '/:id/followup',
    route(async (req, res) => {
      const { grant, session } = await requireAccess(authorizer, req);
      const link = await storage.clubs.clubOfSession(session.id);
      const club = link ? await storage.clubs.getClub(link.clubId) : null;
      if (!link || !club) throw new HttpError(404, 'this session belongs to no club');
      if (!followsTheClub(grant)) throw new HttpError(403, "the follow-up round is for the club's members: it is on the room's screen");
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

