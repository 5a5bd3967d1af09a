import { Router } from 'express';
import { JoinByCodeBody, type JoinCodeSession, type JoinedByCode } from '../../shared/schemas.ts';
import type { SessionAccess } from '../access/SessionAccess.ts';
import type { AddressLimit } from '../rate-limit.ts';
import { describeIssues } from '../validation.ts';
import { HttpError, route } from './errors.ts';
import { enforceAddressLimit } from './sessions.ts';

/**
 * The short join address the room's screen shows (`/j/K7M2-Q9XD`, see shared/join-code.ts):
 *   GET  /api/join/:code          -> 200 {sessionId, title, hostCompany, date}
 *   POST /api/join/:code {name}   -> 201 {sessionId, credential}: entered as a member
 * Both count against one budget per client address (`limit`): a code is a way in, and
 * guessing one must take longer than any session lasts.
 */
export function joinCodesRouter(access: SessionAccess, limit: AddressLimit | null): Router {
  const router = Router();

  router.get(
    '/:code',
    route(async (req, res) => {
      enforceAddressLimit(limit, req, res, 'join codes tried');
      const session = await access.findByJoinCode(String(req.params.code));
      const answer: JoinCodeSession = { sessionId: session.id, title: session.title, hostCompany: session.hostCompany, date: session.date };
      res.json(answer);
    }),
  );

  router.post(
    '/:code',
    route(async (req, res) => {
      enforceAddressLimit(limit, req, res, 'join codes tried');
      const body = JoinByCodeBody.safeParse(req.body);
      if (!body.success) throw new HttpError(400, describeIssues(body.error));
      const answer: JoinedByCode = await access.joinByCode(String(req.params.code), body.data.name);
      res.status(201).json(answer);
    }),
  );

  return router;
}
