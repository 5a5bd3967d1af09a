import { Router } from 'express';
import {
  ActionStatusBody, CreateClubBody, CreateClubSessionBody, JoinClubBody, RenewableClubLink, SearchQuery, type ClubCredential,
  type ClubView, type CreateClubResponse, type FollowedAction, type MemberLearnings, type RenewedClubLink, type SearchResponse,
} from '../../shared/club.ts';
import { joinCodeOfHash } from '../../shared/join-code.ts';
import { getActionItems, getPhase } from '../../shared/session/index.ts';
import { matchRanges, searchWords } from '../../shared/search-text.ts';
import type { ClubAccess } from '../access/ClubAccess.ts';
import type { ClubIndexer } from '../clubs/ClubIndexer.ts';
import { clubSessionList, followedActions, openActions, readClubSessions } from '../clubs/followup.ts';
import type { ClubMemberRecord } from '../storage/club-types.ts';
import type { Storage } from '../storage/types.ts';
import type { RoomRegistry } from '../sync/RoomRegistry.ts';
import type { AddressLimit } from '../rate-limit.ts';
import { describeIssues } from '../validation.ts';
import { HttpError, route } from './errors.ts';
import { CREATIONS, enforceAddressLimit } from './address-limits.ts';
import { issueSession, presentedToken, type SessionsRouterOptions } from './sessions.ts';

export interface ClubsRouterOptions {
  storage: Storage;
  access: ClubAccess;
  indexer: ClubIndexer;
  registry: RoomRegistry;
  firstDocumentState: SessionsRouterOptions['firstDocumentState'];
  createLimit: AddressLimit | null;
  /** Tells everyone on the club's pages and in its sessions (Socket.IO, across instances). */
  announce: (clubId: string, action: FollowedAction) => void;
}

const SEARCH_LIMIT = 50;

const memberView = (m: ClubMemberRecord) => ({ id: m.id, name: m.name, role: m.role, joinedAt: m.joinedAt });

/**
 * `/api/clubs`: create a club, join it through one of its links, read its page, create a
 * session in it, search it, follow up its actions, read one's learnings; an admin renews its
 * invite link. Every route but the first two takes a member's credential (`Authorization:
 * Bearer` or `?token=`).
 */
export function clubsRouter(opts: ClubsRouterOptions): Router {
  const router = Router();
  const { storage, access } = opts;
  const parse = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: import('zod').ZodError } }, value: unknown, whole = 'body'): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error, whole));
    return parsed.data;
  };

  router.post(
    '/',
    route(async (req, res) => {
      enforceAddressLimit(opts.createLimit, req, res, CREATIONS);
      const body = parse(CreateClubBody, req.body);
      const { club, links } = await access.createClub(body.name, body.network);
      const response: CreateClubResponse = { id: club.id, links };
      res.status(201).location(`/api/clubs/${club.id}`).json(response);
    }),
  );

  router.post(
    '/:id/members',
    route(async (req, res) => {
      const body = parse(JoinClubBody, req.body);
      // A device already a member presents its credential: it stays that member (an admin, by the admin link).
      const { member, credential, joined } = await access.join(String(req.params.id), body.token, body.name, presentedToken(req));
      const response: ClubCredential = { clubId: member.clubId, memberId: member.id, name: member.name, role: member.role, credential };
      res.status(joined ? 201 : 200).json(response);
    }),
  );

  router.get(
    '/:id',
    route(async (req, res) => {
      const { club, member } = await access.member(String(req.params.id), presentedToken(req));
      const [members, sessions, invites] = await Promise.all([
        storage.clubs.listMembers(club.id),
        readClubSessions(storage.clubs, club.id),
        member.role === 'admin' ? storage.clubs.clubLinkHashes(club.id, 'member') : [],
      ]);
      const view: ClubView = {
        id: club.id,
        name: club.name,
        network: club.network,
        me: memberView(member),
        members: members.map(memberView),
        sessions: clubSessionList(sessions),
        openActions: openActions(followedActions(sessions)),
        ...(member.role === 'admin' ? { inviteCheck: invites[0] ? joinCodeOfHash(invites[0]) : null } : {}),
      };
      res.json(view);
    }),
  );

  // An admin renews the member invite link: the old one lets nobody new in, members stay.
  router.post(
    '/:id/links/:kind',
    route(async (req, res) => {
      const { club, member } = await access.member(String(req.params.id), presentedToken(req));
      const kind = parse(RenewableClubLink, req.params.kind, 'kind');
      if (member.role !== 'admin') throw new HttpError(403, 'only an admin of the club can renew its links');
      const response: RenewedClubLink = { kind, link: await access.renewInvite(club.id) };
      res.json(response);
    }),
  );

  router.post(
    '/:id/sessions',
    route(async (req, res) => {
      // A member is known: the per-address limit guards anonymous creation only.
      const { club, member } = await access.member(String(req.params.id), presentedToken(req));
      const body = parse(CreateClubSessionBody, req.body);
      // Whoever creates it hosts it; members of the club join it with their own credential.
      // The club's first session (by date) has no earlier actions to follow up: an empty round
      // opened it, which the host had to dismiss. Those before it may still get actions.
      const earlier = (await storage.clubs.listSessions(club.id)).some((row) => row.date <= body.date);
      const created = await issueSession(opts, { ...body, hostName: member.name }, { clubId: club.id, hostMemberId: member.id }, earlier);
      await opts.indexer.refreshFromStore({ sessionId: created.id, clubId: club.id, hostMemberId: member.id });
      res.status(201).location(`/api/sessions/${created.id}`).json(created);
    }),
  );

  router.get(
    '/:id/search',
    route(async (req, res) => {
      const { club } = await access.member(String(req.params.id), presentedToken(req));
      const query = parse(SearchQuery, req.query.q, 'q');
      const words = searchWords(query);
      // One more than are shown: whether there were more is said (50 were cut off unsaid).
      const [found, sessions] = await Promise.all([storage.search.search(club.id, words, SEARCH_LIMIT + 1), storage.clubs.listSessions(club.id)]);
      const hits = found.slice(0, SEARCH_LIMIT);
      const byId = new Map(sessions.map((s) => [s.id, s]));
      const response: SearchResponse = {
        query,
        more: found.length > SEARCH_LIMIT,
        hits: hits.flatMap((h) => {
          const session = byId.get(h.sessionId);
          // The index is derived: an entry of a session no longer in this club is not shown.
          if (!session) return [];
          return [{ ...h, sessionTitle: session.title, sessionDate: session.date, marks: matchRanges(h.text, words) }];
        }),
      };
      res.json(response);
    }),
  );

  router.put(
    '/:id/actions/:sessionId/:actionId',
    route(async (req, res) => {
      const { club, member } = await access.member(String(req.params.id), presentedToken(req));
      const body = parse(ActionStatusBody, req.body);
      const sessionId = String(req.params.sessionId);
      const actionId = String(req.params.actionId);
      const link = await storage.clubs.clubOfSession(sessionId);
      if (!link || link.clubId !== club.id) throw new HttpError(404, 'no such session in this club');
      const lease = await opts.registry.acquire(sessionId);
      let phase;
      let action;
      try {
        await lease.room.settled();
        phase = getPhase(lease.room.doc);
        action = getActionItems(lease.room.doc).find((a) => a.id === actionId);
      } finally {
        lease.release();
      }
      if (!action) throw new HttpError(404, 'no such action in this session');
      if (phase !== 'closed') throw new HttpError(409, 'the session is still running: its action plan is edited in the session');
      const owns = action.ownerId === member.id || (action.ownerId === null && link.hostMemberId === member.id);
      if (!owns) throw new HttpError(403, 'only the owner of this action can update it');
      await storage.clubs.putFollowUp({ sessionId, actionId, clubId: club.id, status: body.status, note: body.note, byId: member.id, at: Date.now() });
      const updated = followedActions(await readClubSessions(storage.clubs, club.id)).find((a) => a.sessionId === sessionId && a.actionId === actionId);
      if (updated) opts.announce(club.id, updated);
      res.json(updated ?? null);
    }),
  );

  router.get(
    '/:id/learnings',
    route(async (req, res) => {
      const { club, member } = await access.member(String(req.params.id), presentedToken(req));
      const sessions = await readClubSessions(storage.clubs, club.id);
      const response: MemberLearnings = {
        member: memberView(member),
        learnings: sessions.rows.flatMap(({ row, digest }) => {
          const mine = digest?.learnings.find((l) => l.participantId === member.id);
          return mine && (mine.brought || mine.takeAway)
            ? [{ sessionId: row.id, sessionTitle: row.title, sessionDate: row.date, brought: mine.brought, takeAway: mine.takeAway }]
            : [];
        }),
      };
      res.json(response);
    }),
  );

  return router;
}
