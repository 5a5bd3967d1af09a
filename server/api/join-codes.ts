import { Router, type Request, type Response } from 'express';
import { JoinByCodeBody, type JoinCodeSession, type JoinedByCode } from '../../shared/schemas.ts';
import type { SessionAccess } from '../access/SessionAccess.ts';
import type { AddressLimit } from '../rate-limit.ts';
import { describeIssues } from '../validation.ts';
import { HttpError, route } from './errors.ts';
import { clientAddress, refuseWhileWaiting } from './address-limits.ts';

/**
 * The short join address the room's screen shows (`/j/K7M2-Q9XD`, see shared/join-code.ts):
 *   GET  /api/join/:code          -> 200 {sessionId, title, hostCompany, date, closed}
 *   POST /api/join/:code {name}   -> 201 {sessionId, credential}: entered as a member;
 *                                    410 once the session is closed
 * A code is a way in: each wrong one (400, 404) spends from one budget per client address
 * (`misses`), and an address with none left is refused (429) until it refills, so guessing
 * one takes longer than any session lasts. Right codes cost nothing: a room of thirty behind
 * one company's address all enter.
 */
export function joinCodesRouter(access: SessionAccess, misses: AddressLimit | null): Router {
  const router = Router();

  router.get(
    '/:code',
    route(async (req, res) => {
      const { session, closed } = await counted(misses, req, res, () => access.findByJoinCode(String(req.params.code)));
      const answer: JoinCodeSession = { sessionId: session.id, title: session.title, hostCompany: session.hostCompany, date: session.date, closed };
      res.json(answer);
    }),
  );

  router.post(
    '/:code',
    route(async (req, res) => {
      const body = JoinByCodeBody.safeParse(req.body);
      if (!body.success) throw new HttpError(400, describeIssues(body.error));
      const answer: JoinedByCode = await counted(misses, req, res, () => access.joinByCode(String(req.params.code), body.data.name));
      res.status(201).json(answer);
    }),
  );

  return router;
}

/** Runs a lookup unless the address has no misses left; a wrong code spends one. */
async function counted<T>(misses: AddressLimit | null, req: Request, res: Response, lookUp: () => Promise<T>): Promise<T> {
  const address = clientAddress(req);
  refuseWhileWaiting(res, misses?.wait(address) ?? 0, 'wrong join codes');
  try {
    return await lookUp();
  } catch (err) {
    if (err instanceof HttpError && (err.status === 400 || err.status === 404)) misses?.take(address);
    throw err;
  }
}
