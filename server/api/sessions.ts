import { Router, type Request } from 'express';
import type { Role } from '../../shared/protocol.ts';
import { CreateSessionBody, type CreateSessionResponse, type SessionInfo } from '../../shared/schemas.ts';
import type { Authorizer } from '../access/Authorizer.ts';
import { hashToken, newSessionId, newToken } from '../access/tokens.ts';
import type { SessionRecord, Storage } from '../storage/types.ts';
import type { TokenGrant } from '../access/types.ts';
import { describeIssues } from '../validation.ts';
import { HttpError, route } from './errors.ts';
import { CREATIONS, enforceAddressLimit } from './address-limits.ts';
import type { AddressLimit } from '../rate-limit.ts';

export interface SessionsRouterOptions {
  storage: Storage;
  authorizer: Authorizer;
  /** The first state of a new session's document, as one Yjs update (stored with the session). */
  firstDocumentState: (sessionId: string, body: CreateSessionBody, extra: { followUpRound?: boolean }) => Uint8Array;
  /** How many sessions one address may create; null for no limit. */
  createLimit: AddressLimit | null;
}

export function linkFor(sessionId: string, role: Role, token: string): string {
  const base = role === 'screen' ? `/s/${sessionId}/screen` : `/s/${sessionId}`;
  return `${base}?token=${token}`;
}

/** The token a request presents: `?token=` or `Authorization: Bearer`. */
export function presentedToken(req: Request): string | null {
  const query = req.query.token;
  if (typeof query === 'string') return query;
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return null;
}

/** What the request's token opens (its role, and the session), or the HTTP error to send. */
export async function requireAccess(authorizer: Authorizer, req: Request): Promise<{ grant: TokenGrant; session: SessionRecord }> {
  const auth = await authorizer.authorize(String(req.params.id), presentedToken(req));
  if (!auth.ok) throw new HttpError(auth.status, auth.message);
  return auth;
}

/** Stores a new session, its three tokens and its document, at once; the links, shown once. */
export async function issueSession(
  opts: Pick<SessionsRouterOptions, 'storage' | 'firstDocumentState'>,
  body: CreateSessionBody,
  club?: { clubId: string; hostMemberId: string },
  /** A club session opens with the follow-up of the earlier ones' actions (if it has earlier ones). */
  followUpRound = false,
): Promise<CreateSessionResponse> {
  const id = newSessionId();
  const tokens: Record<Role, string> = { host: newToken(), member: newToken(), screen: newToken() };
  await opts.storage.sessions.createSession(
    { id, ...body, createdAt: Date.now() },
    (Object.keys(tokens) as Role[]).map((role) => ({ role, hash: hashToken(tokens[role]) })),
    // One transaction: a failure leaves no session that would load blank.
    opts.firstDocumentState(id, body, followUpRound ? { followUpRound: true } : {}),
    club ? { sessionId: id, ...club } : undefined,
  );
  return {
    id,
    links: {
      host: linkFor(id, 'host', tokens.host),
      member: linkFor(id, 'member', tokens.member),
      // The screen shows the member link as a QR code: it travels in the fragment, which
      // browsers never send to a server, so no server ever stores it.
      screen: `${linkFor(id, 'screen', tokens.screen)}#join=${tokens.member}`,
    },
  };
}

export function sessionsRouter(opts: SessionsRouterOptions): Router {
  const router = Router();

  router.post(
    '/',
    route(async (req, res) => {
      enforceAddressLimit(opts.createLimit, req, res, CREATIONS);
      const body = CreateSessionBody.safeParse(req.body);
      if (!body.success) throw new HttpError(400, describeIssues(body.error));
      const response = await issueSession(opts, body.data);
      res.status(201).location(`/api/sessions/${response.id}`).json(response);
    }),
  );

  router.get(
    '/:id',
    route(async (req, res) => {
      const { grant, session } = await requireAccess(opts.authorizer, req);
      const info: SessionInfo = {
        id: session.id,
        title: session.title,
        hostCompany: session.hostCompany,
        hostName: session.hostName,
        date: session.date,
        role: grant.role,
        ...(grant.participant ? { participant: grant.participant } : {}),
        ...(grant.clubId ? { clubId: grant.clubId } : {}),
      };
      res.json(info);
    }),
  );

  return router;
}
