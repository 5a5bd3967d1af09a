import { Router, type Request } from 'express';
import { JoinSessionBody, RenameBody, type ParticipantView, type ReissuedLink } from '../../shared/schemas.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import type { SessionAccess } from '../access/SessionAccess.ts';
import type { TokenGrant } from '../access/types.ts';
import { describeIssues } from '../validation.ts';
import { HttpError, route } from './errors.ts';
import { linkFor, presentedToken, requireAccess } from './sessions.ts';

/**
 * Who is in a session, and the host's hold on its links:
 *   POST   /api/sessions/:id/participants          {token, name} -> 201 {participantId, role, name, credential}
 *                                                  (with the device's credential as Bearer: 200, that participant, made host by the host link)
 *   PATCH  /api/sessions/:id/participants/me       {name}, with one's credential
 *   GET    /api/sessions/:id/participants          the host's list
 *   DELETE /api/sessions/:id/participants/:pid     the host removes someone
 *   POST   /api/sessions/:id/links/:role           the host revokes the member or screen link and gets its successor
 */
export function participantsRouter(authorizer: Authorizer, access: SessionAccess): Router {
  const router = Router();

  router.post(
    '/:id/participants',
    route(async (req, res) => {
      const body = JoinSessionBody.safeParse(req.body);
      if (!body.success) throw new HttpError(400, describeIssues(body.error));
      // The device's own credential, if it joined already: it stays that participant.
      const { credential, joined } = await access.join(String(req.params.id), body.data.token, body.data.name, presentedToken(req));
      res.status(joined ? 201 : 200).json(credential);
    }),
  );

  router.patch(
    '/:id/participants/me',
    route(async (req, res) => {
      const { grant } = await requireAccess(authorizer, req);
      if (!grant.participant) throw new HttpError(400, 'token: a link names nobody; present your personal credential');
      const body = RenameBody.safeParse(req.body);
      if (!body.success) throw new HttpError(400, describeIssues(body.error));
      await access.rename(grant.sessionId, grant.participant.id, body.data.name);
      res.json({ participantId: grant.participant.id, role: grant.role, name: body.data.name });
    }),
  );

  router.get(
    '/:id/participants',
    route(async (req, res) => {
      const grant = await requireHost(authorizer, req);
      const list: ParticipantView[] = (await access.list(grant.sessionId)).map((p) => ({
        participantId: p.id,
        name: p.name,
        role: p.role,
        joinedAt: p.joinedAt,
        removedAt: p.removedAt,
      }));
      res.json(list);
    }),
  );

  router.delete(
    '/:id/participants/:participantId',
    route(async (req, res) => {
      const grant = await requireHost(authorizer, req);
      if (grant.participant?.id === req.params.participantId) throw new HttpError(400, 'the host cannot remove himself');
      await access.remove(grant.sessionId, String(req.params.participantId));
      res.status(204).end();
    }),
  );

  router.post(
    '/:id/links/:role',
    route(async (req, res) => {
      const grant = await requireHost(authorizer, req);
      const role = req.params.role;
      if (role !== 'member' && role !== 'screen') throw new HttpError(400, 'role: only the member and screen links can be reissued');
      const token = await access.reissueLink(grant.sessionId, role);
      const answer: ReissuedLink = { role, link: linkFor(grant.sessionId, role, token) };
      res.json(answer);
    }),
  );

  return router;
}

async function requireHost(authorizer: Authorizer, req: Request): Promise<TokenGrant> {
  const { grant } = await requireAccess(authorizer, req);
  if (grant.role !== 'host') throw new HttpError(403, 'only the host can do this');
  return grant;
}
