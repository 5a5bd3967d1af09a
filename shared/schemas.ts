/**
 * Every payload that crosses the wire, as a zod schema; the types are inferred from them
 * so that unchecked data never flows into trusted code under a trusted type.
 */
import { z } from 'zod';
import { ROLES } from './protocol.ts';

const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`);

/** The longest text each field of a new session takes (the form's `maxLength` too). */
export const SESSION_FIELD_MAX = { title: 200, hostCompany: 200, hostName: 120 } as const;

export const CreateSessionBody = z.strictObject(
  {
    title: requiredText(SESSION_FIELD_MAX.title),
    hostCompany: requiredText(SESSION_FIELD_MAX.hostCompany),
    hostName: requiredText(SESSION_FIELD_MAX.hostName),
    date: z.iso.date({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a calendar date YYYY-MM-DD') }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : 'must be a JSON object') },
);
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const SessionLinks = z.object({
  host: z.string(),
  member: z.string(),
  screen: z.string(),
});
export type SessionLinks = z.infer<typeof SessionLinks>;

export const CreateSessionResponse = z.object({ id: z.string(), links: SessionLinks });
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

/** What `GET /api/sessions/:id?token=` tells a client about the session and its role. */
export const SessionInfo = z.object({
  id: z.string(),
  title: z.string(),
  hostCompany: z.string(),
  hostName: z.string(),
  date: z.string(),
  role: z.enum(ROLES),
  /** With a personal credential (a club member's): who the server knows you are. */
  participant: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The club the session belongs to, if any. */
  clubId: z.string().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ParticipantName = z.string().trim().min(1).max(80);

/** Views a participant can be in; free-form below the phase so new views need no migration. */
export const ViewName = z.string().trim().min(1).max(40);

/**
 * The query a Socket.IO client presents at handshake, besides `token`. The participant id
 * is never the client's to say: the server takes it from the credential, or makes one for
 * a link token. A name is shown for a link token; a personal credential carries its own.
 */
export const PresenceHello = z.object({
  name: ParticipantName.optional(),
});
export type PresenceHello = z.infer<typeof PresenceHello>;

export const PresenceUpdate = z.strictObject({
  view: ViewName.optional(),
  idle: z.boolean().optional(),
  name: ParticipantName.optional(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

export const PresenceEntry = z.object({
  connectionId: z.string(),
  participantId: z.string(),
  sessionId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  view: z.string(),
  idle: z.boolean(),
  /** Last activity reported by the client (ms since epoch). */
  lastSeen: z.number(),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;


/** `POST /api/sessions/:id/participants`: entering a session through one of its links, with a name. */
export const JoinSessionBody = z.strictObject({
  token: z.string({ error: 'required' }).min(1, 'required'),
  name: ParticipantName,
});
export type JoinSessionBody = z.infer<typeof JoinSessionBody>;

/** A personal credential, shown once: present it as `token` wherever a link token goes. */
export const ParticipantCredential = z.object({
  participantId: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  credential: z.string(),
});
export type ParticipantCredential = z.infer<typeof ParticipantCredential>;

/** `POST /api/join/:code`: entering through the short join address, with a name. */
export const JoinByCodeBody = z.strictObject({ name: ParticipantName });

/** `GET /api/join/:code`: the session a code opens, to greet the person before he gives his name. */
export const JoinCodeSession = z.object({
  sessionId: z.string(), title: z.string(), hostCompany: z.string(), date: z.string(),
  /** Closed: the code lets nobody new in; a device that joined goes back in with its credential. */
  closed: z.boolean(),
});
export type JoinCodeSession = z.infer<typeof JoinCodeSession>;

/** `POST /api/join/:code` → 201: the session, and the person's credential for it. */
export const JoinedByCode = z.object({ sessionId: z.string(), credential: ParticipantCredential });
export type JoinedByCode = z.infer<typeof JoinedByCode>;

/** `PATCH /api/sessions/:id/participants/me`: a participant changes the name he is shown under. */
export const RenameBody = z.strictObject({ name: ParticipantName });

/** Someone who joined the session, as the host's list shows him. */
export const ParticipantView = z.object({
  participantId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  joinedAt: z.number(),
  removedAt: z.number().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

/** `POST /api/sessions/:id/links/:role`: the link that replaces a revoked one. */
export const ReissuedLink = z.object({ role: z.enum(ROLES), link: z.string() });
export type ReissuedLink = z.infer<typeof ReissuedLink>;
/** A participant id as clients make them (client/sync/device.ts). */
export const ParticipantId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

const FocusBoxSchema = z.strictObject({
  x: z.number().finite().min(-1e6).max(1e6),
  y: z.number().finite().min(-1e6).max(1e6),
  w: z.number().finite().positive().max(1e6),
  h: z.number().finite().positive().max(1e6),
});

/** What the host points the room at (shared/session/facilitation.ts FocusTarget). */
export const FocusTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phase'), phase: z.enum(['presentation', 'visit', 'questions', 'brainstorm', 'synthesis', 'closed']) }),
  z.strictObject({ kind: z.literal('section'), section: z.enum(['context', 'strategy', 'problem', 'helpWanted', 'helpNotWanted']) }),
  z.strictObject({ kind: z.literal('zone'), zone: FocusBoxSchema }),
  z.strictObject({ kind: z.literal('group'), groupId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('question'), questionId: z.string().min(1).max(64) }),
]);

/**
 * The facilitation controls, one Socket.IO event (`facilitate`) with a discriminated union.
 * The server checks who sends each one (host or facilitator, or oneself for a hand) and
 * writes the result into the session document.
 */
export const FacilitationCommand = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('timer'), action: z.enum(['start', 'pause', 'addTime']), minutes: z.number().int().min(1).max(240).optional() }),
  z.strictObject({ kind: z.literal('hand'), raised: z.boolean() }),
  z.strictObject({ kind: z.literal('floor'), action: z.enum(['next', 'give', 'end', 'lower']), participantId: ParticipantId.optional() }),
  z.strictObject({ kind: z.literal('focus'), target: FocusTargetSchema.nullable() }),
  z.strictObject({
    kind: z.literal('voting'),
    open: z.boolean().optional(),
    budget: z.number().int().min(0).max(50).optional(),
    hideCounts: z.boolean().optional(),
    target: z.enum(['stickies', 'groups']).optional(),
  }),
  z.strictObject({ kind: z.literal('anonymous'), on: z.boolean() }),
  /**
   * Private writing: `start` it, or `reveal`, which ends it and moves every private sticky
   * onto the board (there is no ending it otherwise).
   */
  z.strictObject({ kind: z.literal('privateWriting'), action: z.enum(['start', 'reveal']) }),
  z.strictObject({ kind: z.literal('joinPanel'), shown: z.boolean() }),
  /** A Visite note taken off the room's screen (`shown: false`), or put back; phones keep it. */
  z.strictObject({ kind: z.literal('screenNote'), noteId: z.string().min(1).max(64), shown: z.boolean() }),
  z.strictObject({ kind: z.literal('facilitator'), participantId: ParticipantId, name: ParticipantName, granted: z.boolean() }),
]);
export type FacilitationCommand = z.infer<typeof FacilitationCommand>;
