/**
 * A club: the wire schemas of its API (zod; types inferred), and what both sides compute
 * from them. A club holds members, its sessions, their search index and the follow-up of
 * their actions; `docs/ui.md` and the README describe it for users.
 */
import { z } from 'zod';
import { ACTION_STATUSES, PHASES } from './session/types.ts';

const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`);

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'must be a JSON object'),
  });

export const CLUB_FIELD_MAX = { name: 120, network: 120, memberName: 80, note: 280 } as const;

/** Roles of a club's links: the admin link and the member invite link. */
export const CLUB_ROLES = ['admin', 'member'] as const;
export type ClubRole = (typeof CLUB_ROLES)[number];

export const CreateClubBody = strict({
  name: requiredText(CLUB_FIELD_MAX.name),
  network: requiredText(CLUB_FIELD_MAX.network),
});
export type CreateClubBody = z.infer<typeof CreateClubBody>;

export const CreateClubResponse = z.object({
  id: z.string(),
  links: z.object({ admin: z.string(), invite: z.string() }),
});
export type CreateClubResponse = z.infer<typeof CreateClubResponse>;

/** The club links an admin may renew (`POST /api/clubs/<id>/links/<kind>`): the member invite link. */
export const RENEWABLE_CLUB_LINKS = ['invite'] as const;
export const RenewableClubLink = z.enum(RENEWABLE_CLUB_LINKS, { error: `must be one of ${RENEWABLE_CLUB_LINKS.join(', ')}` });
export type RenewableClubLink = z.infer<typeof RenewableClubLink>;

/** The link that replaces a renewed one: shown once, like the links of a new club. */
export const RenewedClubLink = z.object({ kind: RenewableClubLink, link: z.string() });
export type RenewedClubLink = z.infer<typeof RenewedClubLink>;

/** Opening an admin or invite link once, with a name: a member on that device. */
export const JoinClubBody = strict({
  token: z.string().min(1).max(100),
  name: requiredText(CLUB_FIELD_MAX.memberName),
});
export type JoinClubBody = z.infer<typeof JoinClubBody>;

/** The personal credential of a club member: a participant id bound to a role. */
export const ClubCredential = z.object({
  clubId: z.string(),
  memberId: z.string(),
  name: z.string(),
  role: z.enum(CLUB_ROLES),
  credential: z.string(),
});
export type ClubCredential = z.infer<typeof ClubCredential>;

export const ClubMember = z.object({ id: z.string(), name: z.string(), role: z.enum(CLUB_ROLES), joinedAt: z.number() });
export type ClubMember = z.infer<typeof ClubMember>;

/** Where a session of the club stands: planned, running, or closed (its phase says). */
export const SESSION_STAGES = ['upcoming', 'live', 'closed'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const ClubSession = z.object({
  id: z.string(),
  title: z.string(),
  hostCompany: z.string(),
  hostName: z.string(),
  date: z.string(),
  createdAt: z.number(),
  phase: z.enum(PHASES),
  stage: z.enum(SESSION_STAGES),
  hostMemberId: z.string(),
});
export type ClubSession = z.infer<typeof ClubSession>;

/** An action of a club session as followed up: the plan's item and its latest status. */
export const FollowedAction = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  sessionDate: z.string(),
  /** Its owner updates it only once the session is closed (its plan is edited in the session until then). */
  sessionClosed: z.boolean(),
  /** Who hosted the session: he follows up its actions that nobody carries. */
  sessionHostId: z.string(),
  actionId: z.string(),
  text: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string(),
  due: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  note: z.string(),
  updatedAt: z.number().nullable(),
});
export type FollowedAction = z.infer<typeof FollowedAction>;

export const ClubView = z.object({
  id: z.string(),
  name: z.string(),
  network: z.string(),
  me: ClubMember,
  members: z.array(ClubMember),
  /** Newest first. */
  sessions: z.array(ClubSession),
  /** The open actions (todo, doing) of every session of the club. */
  openActions: z.array(FollowedAction),
  /**
   * For an admin: the current invite link's check (the join code of its token, shared/join-code.ts:
   * 40 bits of the SHA-256 the server stores), so that a device that kept the link knows whether
   * it still opens the club. It opens nothing itself. Absent for other members.
   */
  inviteCheck: z.string().nullable().optional(),
});
export type ClubView = z.infer<typeof ClubView>;

export const CreateClubSessionBody = strict({
  title: requiredText(200),
  hostCompany: requiredText(200),
  date: z.iso.date({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a calendar date YYYY-MM-DD') }),
});
export type CreateClubSessionBody = z.infer<typeof CreateClubSessionBody>;

export const ActionStatusBody = strict({
  status: z.enum(ACTION_STATUSES, { error: `must be one of ${ACTION_STATUSES.join(', ')}` }),
  note: z.string().trim().max(CLUB_FIELD_MAX.note, `at most ${CLUB_FIELD_MAX.note} characters`).default(''),
});
export type ActionStatusBody = z.infer<typeof ActionStatusBody>;

export const SEARCH_KINDS = ['title', 'problem', 'note', 'idea', 'action'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuery = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');

export const SearchHit = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  sessionDate: z.string(),
  kind: z.enum(SEARCH_KINDS),
  ref: z.string(),
  text: z.string(),
  /** Where the words matched in `text`: [start, end) pairs, to highlight. */
  marks: z.array(z.tuple([z.number(), z.number()])),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** `more`: past the hits given, there were others (the first ones, best first, are given). */
export const SearchResponse = z.object({ query: z.string(), hits: z.array(SearchHit), more: z.boolean() });
export type SearchResponse = z.infer<typeof SearchResponse>;

export const MemberLearning = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  sessionDate: z.string(),
  brought: z.string(),
  takeAway: z.string(),
});
export type MemberLearning = z.infer<typeof MemberLearning>;

export const MemberLearnings = z.object({ member: ClubMember, learnings: z.array(MemberLearning) });
export type MemberLearnings = z.infer<typeof MemberLearnings>;

/** The follow-up round of a club session: the open actions of the club's earlier sessions. */
export const FollowUpRound = z.object({ clubId: z.string(), clubName: z.string(), actions: z.array(FollowedAction) });
export type FollowUpRound = z.infer<typeof FollowUpRound>;

export function isOpenStatus(status: FollowedAction['status']): boolean {
  return status === 'todo' || status === 'doing';
}

export function clubLink(clubId: string, token: string): string {
  return `/c/${clubId}/join?token=${token}`;
}
