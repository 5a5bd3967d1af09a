// What a transaction changed in a session document, read as the actions of the rule table
// (phases.ts can()) and checked against it: the server runs this on every change a client
// makes (server/sync/UpdateGate.ts), live or in the sync of a device that was away, and
// undoes exactly the parts refused here. Values are checked too: the documented roots and
// fields only (docs/session-document.md), each of its type, within the UI's lengths
// (limits.ts).
import * as Y from 'yjs';
import { z } from 'zod';
import { can, type ActionRequest, type DenyReason, type RuleActor, type RuleState } from './phases.ts';
import { STICKIES_PER_PERSON, TEXT_MAX } from './limits.ts';
import { fragmentPlainText } from './presentation.ts';
import { ROOT, presentationRootName } from './schema.ts';
import { record } from './fields.ts';
import { voteTargetKind } from './votes.ts';
import { getVotingSettings, roundNumber, type VoteTarget } from './voting.ts';
import { ACTION_STATUSES, NOTE_KINDS, PHASES, PRESENTATION_SECTIONS, QUESTION_STATUSES, STICKY_COLORS } from './types.ts';
import { ROLES } from '../protocol.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

/**
 * A refused part of a transaction: every item under `type` at `key` (anywhere under `type`
 * when `key` is null) that the transaction made or deleted.
 */
export interface RefusedChange {
  readonly reason: DenyReason;
  /** `<root>`, `<root>/<key>` or `<root>/<key>/<field>`, for logs and tests. */
  readonly where: string;
  readonly type: AnyType;
  readonly key: string | null;
}

/** Whether `item` lies in the region of a refused change. */
export function inRegion(item: Y.Item, change: Pick<RefusedChange, 'type' | 'key'>): boolean {
  let it: Y.Item | null = item;
  while (it) {
    const parent = it.parent as AnyType;
    if (parent === change.type && (change.key === null || it.parentSub === change.key)) return true;
    it = parent._item;
  }
  return false;
}

const time = z.number().finite();
const text = (max: number) => z.string().max(max, 'too-long');
const person = z.string().min(1).max(TEXT_MAX.name, 'too-long');
const id = z.string().min(1).max(100);

/** A calendar date, YYYY-MM-DD (an action's due date, the session's date): the form checks it before writing, as the server does after. */
const CalendarDate = z.iso.date();

/** Whether `value` is a date the server takes (a date field let a five-digit year through). */
export function isCalendarDate(value: string): boolean {
  return CalendarDate.safeParse(value).success;
}

/** The fields of each collection's entries (Y.Map entities, or plain records). */
const ENTRY = {
  stations: z.strictObject({ name: text(TEXT_MAX.station), order: time, createdAt: time }),
  visitNotes: z.strictObject({
    authorId: id, authorName: person, stationId: id.nullable(), kind: z.enum(NOTE_KINDS), text: text(TEXT_MAX.visitNote), at: time,
  }),
  questions: z.strictObject({
    authorId: id, authorName: person, text: text(TEXT_MAX.question), askedAt: time,
    answer: text(TEXT_MAX.answer), answeredAt: time.nullable(), status: z.enum(QUESTION_STATUSES),
  }),
  stickies: z.strictObject({
    text: text(TEXT_MAX.sticky), authorId: id, authorName: person, x: time, y: time,
    // Private ideas live in their author's own document until the reveal: on the board, never hidden.
    color: z.enum(STICKY_COLORS), groupId: id.nullable(), createdAt: time, hidden: z.literal(false),
  }),
  groups: z.strictObject({ title: text(TEXT_MAX.group), createdAt: time, createdById: id }),
  actions: z.strictObject({
    text: text(TEXT_MAX.action), ownerId: id.nullable(), ownerName: z.string().max(TEXT_MAX.name, 'too-long'),
    due: CalendarDate.nullable(), status: z.enum(ACTION_STATUSES), sourceStickyIds: z.array(id).max(500), createdAt: time,
  }),
  // A vote without its round (an older client's) is of round 0: taken only while round 0 is open.
  votes: z.strictObject({ voterId: id, voterName: person, stickyId: id, seq: z.number().int().min(0), at: time, round: z.number().int().min(0).optional() }),
  facilitators: z.strictObject({ name: person, grantedAt: time }),
  participants: z.strictObject({ name: person, role: z.enum(ROLES), joinedAt: time }),
  questionSupport: z.strictObject({ name: person, at: time }),
  learnings: z.strictObject({ text: text(TEXT_MAX.learning), name: person, at: time }),
} as const;

const META_FIELDS = {
  title: text(TEXT_MAX.title),
  hostCompany: text(TEXT_MAX.company),
  hostName: text(TEXT_MAX.name),
  date: CalendarDate,
} as const;

/** board keys: what each one is, in the rule table. */
// privateWriting is the server's: started and ended (the reveal) by facilitation commands.
// So are votingOpen, votingClosedAt and hideCounts: the close of a round that hides its
// counts, or its counts shown, moves every private point onto the board in the same change.
const BOARD_KEYS: Record<string, { request: ActionRequest; value: z.ZodType }> = {
  voteBudget: { request: { kind: 'setVoteBudget' }, value: z.number().int().min(0).max(100) },
  voteTarget: { request: { kind: 'runVoting' }, value: z.enum(['stickies', 'groups']) },
  anonymous: { request: { kind: 'setAnonymous' }, value: z.boolean() },
};

/** Fields nobody changes once an entry exists. */
const FIXED_FIELDS = new Set(['authorId', 'authorName', 'createdAt', 'createdById', 'askedAt', 'at', 'hidden']);

type EntryRoot = keyof typeof ENTRY;

interface Review {
  readonly tr: Y.Transaction;
  readonly actor: RuleActor;
  readonly state: RuleState;
  readonly doc: Y.Doc;
  readonly out: RefusedChange[];
  /** Votes this transaction added so far, per voter (budget is checked in order). */
  readonly votesAdded: Map<string, number>;
  /** The transaction is of a private document (its owner's points), not the session's. */
  readonly inPrivate: boolean;
  /**
   * Of a private document's points: the session's side (his votes on its board count in his
   * budget; a point's target is looked for there). Null for the session's own review.
   */
  readonly session: PrivateRules | null;
  /** The phase moved in this transaction, allowed: its log entry may be written. */
  phaseMoved: boolean;
  /** Why a phase move in this transaction was refused: its log entry is, for the same reason. */
  phaseRefused: DenyReason | null;
  /**
   * People who may carry an action beside those in `participants` (reviewTransaction's
   * `alsoKnown`): on the server, whoever has connected to the session, and its club's
   * members, so that an action of a club session goes to one of them not in the room.
   */
  alsoKnown: ((participantId: string) => boolean) | null;
}

/**
 * The parts of `tr` that `actor` may not make, judged on `before`, the rule state before
 * the transaction. Call it from an `afterTransaction` handler, while deleted content can
 * still be read.
 */
export function reviewTransaction(tr: Y.Transaction, actor: RuleActor, before: RuleState, alsoKnown: ((participantId: string) => boolean) | null = null): RefusedChange[] {
  const review = newReview(tr, actor, before, []);
  review.alsoKnown = alsoKnown;
  const later: Array<[AnyType, Y.YEvent<any>[]]> = [];
  for (const [type, events] of tr.changedParentTypes) {
    if (type._item !== null) continue;
    const name = rootNameOf(tr.doc, type);
    // The phase log is judged once the phase itself is.
    if (name === ROOT.phaseHistory) later.push([type, events]);
    else for (const event of events) reviewEvent(review, name ?? '', type, event);
  }
  for (const [type, events] of later) for (const event of events) reviewEvent(review, ROOT.phaseHistory, type, event);
  // A root no code of ours ever opened arrives as a bare type, which has no events.
  for (const type of tr.changed.keys()) {
    if (type._item === null && !tr.changedParentTypes.has(type)) refuse(review, 'invalid-write', rootNameOf(tr.doc, type) ?? '?', type, null);
  }
  return review.out;
}

/** The session's side of a private document's rules, read when its owner's update arrives. */
export interface PrivateRules {
  /** The session's rule state. */
  readonly state: RuleState;
  /** How many of the owner's votes on the session's board count on ideas, or on groups (read only for a point given). */
  readonly boardVotes: (kind: VoteTarget) => number;
  /** Whether an idea or a group of that id is on the session's board, and which. */
  readonly targetKind: (id: string) => VoteTarget | null;
  /** What the session's round is on. */
  readonly roundTarget: VoteTarget;
  /** Which round the session's is (`board.voteRound`). */
  readonly round: number;
}

/**
 * What a private document takes from its owner: while private writing is on (issue 9), what
 * the board would take from him in the brainstorm: stickies of the board's shape and
 * lengths, in his own name, at most STICKIES_PER_PERSON; while a round hides its counts, his
 * points, in his own name, within the round's budget counted with those he has on the
 * board. Nothing else. `session` is null when the session is not held here: nothing goes.
 */
export function reviewPrivateTransaction(tr: Y.Transaction, owner: RuleActor, session: PrivateRules | null): RefusedChange[] {
  const out: RefusedChange[] = [];
  for (const [type, events] of tr.changedParentTypes) {
    if (type._item !== null) continue;
    const name = rootNameOf(tr.doc, type) ?? '?';
    if (name === ROOT.stickies && session?.state.privateWriting) {
      const review = newReview(tr, owner, PRIVATE_WRITING, out);
      for (const event of events) reviewEvent(review, name, type, event);
    } else if (name === ROOT.votes && session) {
      const review = newReview(tr, owner, session.state, out, session);
      for (const event of events) reviewEvent(review, name, type, event);
    } else if (name === ROOT.stickies && session && onlyRemovals(type, events)) {
      // An idea kept on the device, not shared (past the reveal, or past the board's
      // limit at it), may still be thrown away by its owner: nobody else ever sees it.
    } else out.push({ reason: name === ROOT.stickies ? 'not-private-writing' : 'invalid-write', where: name, type, key: null });
  }
  for (const type of tr.changed.keys()) {
    if (type._item === null && !tr.changedParentTypes.has(type)) out.push({ reason: 'invalid-write', where: rootNameOf(tr.doc, type) ?? '?', type, key: null });
  }
  return out;
}

/**
 * `events` only remove entries of the root `type`: nothing added, changed or edited inside,
 * and no content outside its keys (a hand-made update can hang list content on a map, which
 * no key shows). No event says nothing (a bare root has none): false.
 */
export function onlyRemovals(type: AnyType, events: Y.YEvent<any>[]): boolean {
  if (events.length === 0) return false;
  for (const event of events) {
    if (event.target !== type || event.changes.delta.length > 0) return false;
    for (const change of event.changes.keys.values()) if (change.action !== 'delete') return false;
  }
  return true;
}

/** The rules of a private document's stickies: the brainstorm's, with private writing on. */
const PRIVATE_WRITING: RuleState = { phase: 'brainstorm', privateWriting: true, voteBudget: 0, facilitatorIds: [], votingOpen: false, countsHidden: false };

/** A review of the session document's rules; of a private document's points when `session` is given. */
function newReview(tr: Y.Transaction, actor: RuleActor, state: RuleState, out: RefusedChange[], session: PrivateRules | null = null): Review {
  return {
    tr, actor, state, doc: tr.doc, out, votesAdded: new Map(), inPrivate: session !== null, session,
    phaseMoved: false, phaseRefused: null, alsoKnown: null,
  };
}

/**
 * Each document's root types by name, read once: reading them for every change made a tenth
 * of all the server's garbage in a busy room (bench/RESULTS.md).
 */
const rootNames = new WeakMap<Y.Doc, Map<AnyType, string>>();

/** The name of the root `type` of `doc`, or undefined when `doc` holds no such root. */
export function rootNameOf(doc: Y.Doc, type: AnyType): string | undefined {
  let names = rootNames.get(doc);
  let name = names?.get(type);
  // A root is new (a client opened one), or its type was replaced (Y.Doc turns a bare
  // root into a map when code asks for one): the names are read again.
  if (name === undefined || doc.share.get(name) !== type) {
    names = new Map();
    doc.share.forEach((root, key) => names!.set(root, key));
    rootNames.set(doc, names);
    name = names.get(type);
  }
  return name;
}

function refuse(review: Review, reason: DenyReason, where: string, type: AnyType, key: string | null): void {
  review.out.push({ reason, where, type, key });
}

/** Refuses unless `can()` allows it; true when allowed. */
function allow(review: Review, request: ActionRequest, where: string, type: AnyType, key: string | null): boolean {
  const decision = can(review.actor, review.state, request);
  if (!decision.ok) refuse(review, decision.reason, where, type, key);
  return decision.ok;
}

/** Refuses a value its schema rejects; true when it fits. */
function fits(review: Review, schema: z.ZodType, value: unknown, where: string, type: AnyType, key: string | null): boolean {
  const reason = misfit(schema, value);
  if (reason !== null) refuse(review, reason, where, type, key);
  return reason === null;
}

/** Why `value` does not fit `schema` ('too-long' or 'invalid-write'), or null when it fits. */
function misfit(schema: z.ZodType, value: unknown): DenyReason | null {
  const parsed = schema.safeParse(plain(value));
  if (parsed.success) return null;
  return parsed.error.issues.some((i) => i.message === 'too-long') ? 'too-long' : 'invalid-write';
}

/** A Y.Map entry as a plain object (its Y.Text as a string) for zod; anything else as is. */
function plain(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (!(value instanceof Y.Map)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of value.entries()) out[k] = v instanceof Y.Text ? v.toString() : v;
  return out;
}

function reviewEvent(review: Review, rootName: string, root: AnyType, event: Y.YEvent<any>): void {
  if (event.target === root) {
    if (root instanceof Y.Map) {
      for (const [key, change] of event.keys) reviewRootKey(review, rootName, root, key, change.action, change.oldValue);
    } else reviewContent(review, rootName, root, event);
    return;
  }
  // Inside an entry: find which entry, and which of its fields.
  const path: Array<string | null> = [];
  let t: AnyType = event.target;
  while (t !== root && t._item) {
    path.unshift(t._item.parentSub);
    t = t._item.parent as AnyType;
  }
  const [key, field] = path;
  if (!(root instanceof Y.Map) || typeof key !== 'string') {
    reviewContent(review, rootName, root, event);
    return;
  }
  const entry = root.get(key);
  if (!(entry instanceof Y.Map)) return refuse(review, 'invalid-write', `${rootName}/${key}`, root, key);
  if (path.length === 1) {
    for (const name of event.keys.keys()) reviewField(review, rootName, key, entry, name, event.target === entry);
  } else if (typeof field === 'string') reviewField(review, rootName, key, entry, field, false);
  else refuse(review, 'invalid-write', `${rootName}/${key}`, root, key);
}

/** A change to the content of a root that is not a map (texts, fragments, the phase log). */
function reviewContent(review: Review, rootName: string, root: AnyType, event: Y.YEvent<any>): void {
  const where = rootName;
  if (rootName === ROOT.decision && root instanceof Y.Text) {
    if (allow(review, { kind: 'setDecision' }, where, root, null) && root.length > TEXT_MAX.decision) refuse(review, 'too-long', where, root, null);
    return;
  }
  const section = PRESENTATION_SECTIONS.find((s) => presentationRootName(s) === rootName);
  if (section && root instanceof Y.XmlFragment) {
    if (allow(review, { kind: 'editPresentation' }, where, root, null) && fragmentPlainText(root).length > TEXT_MAX.section) {
      refuse(review, 'too-long', where, root, null);
    }
    return;
  }
  if (rootName === ROOT.phaseHistory && root instanceof Y.Array) {
    // Written with the phase it records, in the mover's own name, never rewritten. A move
    // from a phase already left whose value lost to the other leader's (two sets of one key
    // at once: only one is the key's value) changes no key: its entry alone says it.
    if (!review.phaseMoved || event.changes.deleted.size > 0 || event.target !== root) {
      refuse(review, review.phaseRefused ?? (event.changes.deleted.size === 0 && event.target === root ? unkeyedMove(review) : 'invalid-write'), where, root, null);
      return;
    }
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent()) {
        const byId = (entry as { byId?: unknown } | null)?.byId;
        if (byId === review.actor.participantId) continue;
        // A move logged in another's name: neither the entry nor the move stands.
        refuse(review, 'not-yourself', where, root, null);
        return refuse(review, 'not-yourself', `${ROOT.meta}/phase`, review.doc.getMap(ROOT.meta), 'phase');
      }
    }
    return;
  }
  refuse(review, 'invalid-write', where, root, null);
}

/**
 * A phase move logged in this transaction from a phase the session has left (its entry's
 * `from` is not the current phase), by a leader: another leader moved the session a moment
 * before, and the two moves crossed. Refused as such, not as a move the session does not
 * allow: the second leader reads who moved it. Null when no such entry (a move written
 * without its entry is judged by the rules alone).
 */
function staleMove(review: Review): { readonly ok: false; readonly reason: DenyReason } | null {
  const { state } = review;
  if (state.phase === 'closed' || !can(review.actor, state, { kind: 'lead' }).ok) return null;
  const log = review.doc.share.get(ROOT.phaseHistory);
  const events = log ? review.tr.changedParentTypes.get(log) : undefined;
  if (!events) return null;
  let from: unknown = null;
  for (const event of events) {
    if (event.target !== log) continue;
    for (const item of event.changes.added) for (const entry of item.content.getContent()) from = (entry as { from?: unknown } | null)?.from ?? from;
  }
  return from !== null && from !== state.phase ? { ok: false, reason: 'moved-meanwhile' } : null;
}

/** Why a logged move whose phase changed no key is refused: crossed, not the mover's to make, or no move at all. */
function unkeyedMove(review: Review): DenyReason {
  const lead = can(review.actor, review.state, { kind: 'lead' });
  if (!lead.ok) return lead.reason;
  return staleMove(review)?.reason ?? 'invalid-write';
}

function reviewRootKey(
  review: Review,
  rootName: string,
  root: Y.Map<unknown>,
  key: string,
  action: 'add' | 'update' | 'delete',
  oldValue: unknown,
): void {
  const where = `${rootName}/${key}`;
  const value = action === 'delete' ? undefined : root.get(key);
  const old = action === 'add' ? undefined : readDeletedEntry(oldValue);
  const deny = (reason: DenyReason) => refuse(review, reason, where, root, key);
  const check = (request: ActionRequest) => allow(review, request, where, root, key);
  const valid = (schema: z.ZodType) => value === undefined || fits(review, schema, value, where, root, key);
  const { actor } = review;
  switch (rootName) {
    case ROOT.meta: {
      if (key === 'phase') {
        if (value === undefined || !(PHASES as readonly unknown[]).includes(value)) return deny('invalid-write');
        const decision = staleMove(review) ?? can(actor, review.state, { kind: 'setPhase', to: value as (typeof PHASES)[number] });
        if (decision.ok) review.phaseMoved = true;
        else {
          review.phaseRefused = decision.reason;
          deny(decision.reason);
        }
        return;
      }
      if (key === 'closingRound' || key === 'closingShown') {
        // The host or a facilitator runs the closing round of the Synthèse; the screen shows
        // the learnings of someone in the session, or nobody's.
        if (value === undefined) return deny('invalid-write');
        if (!check({ kind: 'runClosingRound' })) return;
        if (key === 'closingRound') valid(z.boolean());
        else if (valid(id.nullable()) && value !== null && !review.doc.getMap(ROOT.participants).has(value as string)) deny('invalid-write');
        return;
      }
      if (key === 'followUpRound') {
        // The host or a facilitator opens and ends the round on the last session's actions.
        if (value !== undefined && check({ kind: 'lead' })) valid(z.boolean());
        else if (value === undefined) deny('invalid-write');
        return;
      }
      const schema = META_FIELDS[key as keyof typeof META_FIELDS];
      if (!schema || value === undefined) return deny('invalid-write');
      if (check({ kind: 'editMeta' })) valid(schema);
      return;
    }
    case ROOT.facilitators:
      if (check({ kind: 'grantFacilitator' })) valid(ENTRY.facilitators);
      return;
    case ROOT.participants: {
      // Each device says who it is, under the id the server gave it, with its own role.
      if (value === undefined) return deny('invalid-write');
      if (review.state.phase === 'closed') return deny('session-closed');
      if (key !== actor.participantId) return deny('not-yourself');
      if (valid(ENTRY.participants) && (value as { role?: unknown }).role !== actor.role) deny('invalid-write');
      return;
    }
    case ROOT.presentation:
      if (key !== 'shownSection' || value === undefined) return deny('invalid-write');
      if (check({ kind: 'showSection' })) valid(z.enum(PRESENTATION_SECTIONS).nullable());
      return;
    case ROOT.stations:
      if (check({ kind: 'editStations' })) valid(ENTRY.stations);
      return;
    case ROOT.visitNotes:
      if (old) check({ kind: 'editVisitNote', authorId: field(old, 'authorId') });
      if (value !== undefined && check({ kind: 'addVisitNote' }) && valid(ENTRY.visitNotes)) ownEntry(review, value, 'authorId', where, root, key);
      return;
    case ROOT.questions:
      if (old) check({ kind: 'editQuestion', authorId: field(old, 'authorId') });
      if (value !== undefined && check({ kind: 'askQuestion' }) && valid(ENTRY.questions) && ownEntry(review, value, 'authorId', where, root, key)) {
        const answered = field(value, 'answer') !== '' || field(value, 'status') !== 'open' || field(value, 'answeredAt') !== null;
        if (answered) check({ kind: 'answerQuestion' });
      }
      return;
    case ROOT.questionSupport: {
      const participantId = key.slice(key.lastIndexOf('/') + 1);
      if (check({ kind: 'supportQuestion', participantId })) valid(ENTRY.questionSupport);
      return;
    }
    case ROOT.board: {
      const known = BOARD_KEYS[key];
      if (!known || value === undefined) return deny('invalid-write');
      if (check(known.request)) valid(known.value);
      return;
    }
    case ROOT.stickies:
      if (old) check({ kind: 'deleteSticky', authorId: field(old, 'authorId') });
      if (value === undefined || !check({ kind: 'addSticky' }) || !valid(ENTRY.stickies)) return;
      if (!((value as Y.Map<unknown>).get('text') instanceof Y.Text)) return deny('invalid-write');
      if (ownEntry(review, value, 'authorId', where, root, key) && countBy(root, actor.participantId) > STICKIES_PER_PERSON) deny('too-many');
      return;
    case ROOT.groups:
      if (old) check({ kind: 'editGroups' });
      if (value !== undefined && check({ kind: 'createGroup' }) && valid(ENTRY.groups)) ownEntry(review, value, 'createdById', where, root, key);
      return;
    case ROOT.votes: {
      if (action === 'update') return deny('invalid-write');
      if (old) {
        // The points of a round over are its results: taken back in the next, they changed them.
        if (check({ kind: 'retractVote', voterId: field(old, 'voterId') }) && roundNumber(old.round) !== openRoundOf(review)) deny('wrong-round');
        return;
      }
      if (!valid(ENTRY.votes) || !ownEntry(review, value, 'voterId', where, root, key)) return;
      // On what is on the board only: a point on anything else would use no budget (below),
      // and would count if an idea were ever put under that key.
      const target = field(value, 'stickyId');
      const kind = review.session ? review.session.targetKind(target) : voteTargetKind(review.doc, target);
      if (kind === null) return deny('no-such-target');
      // A round is on ideas or on groups: a point on the other kind would spend a budget no
      // round offers (each round has one on each kind, below).
      if (kind !== (review.session ? review.session.roundTarget : getVotingSettings(review.doc).target)) return deny('wrong-target');
      // While a round hides its counts, points go to their voters' own documents, and only then.
      const { inPrivate } = review;
      if (review.state.votingOpen && !review.state.privateWriting && review.state.countsHidden !== inPrivate) {
        return deny(inPrivate ? 'counts-shown' : 'counts-hidden');
      }
      // Each round gives its whole budget: a point is of the round open now. One of a round
      // over (given offline as it closed, and sent in the next) would spend, or count, in it.
      const round = openRoundOf(review);
      if (review.state.votingOpen && roundNumber((value as Record<string, unknown>).round) !== round) return deny('wrong-round');
      const added = review.votesAdded.get(actor.participantId) ?? 0;
      review.votesAdded.set(actor.participantId, added + 1);
      // A point on an idea or a group since deleted uses no budget (the tally does not count it).
      const onBoard = review.session ? review.session.boardVotes(kind) : 0;
      check({ kind: 'castVote', votesUsed: onBoard + votesBefore(review, root, actor.participantId, kind, round) + added });
      return;
    }
    case ROOT.actions:
      if (check({ kind: 'editActionItems' }) && valid(ENTRY.actions) && value !== undefined && !knownOwner(review, field(value, 'ownerId'))) deny('unknown-person');
      return;
    case ROOT.learnings: {
      const slash = key.lastIndexOf('/');
      const participantId = key.slice(0, slash);
      if (slash < 0 || !['brought', 'takeAway'].includes(key.slice(slash + 1))) return deny('invalid-write');
      if (check({ kind: 'setLearning', participantId })) valid(ENTRY.learnings);
      return;
    }
    default:
      // facilitation and hands are the server's; anything else is outside the documented roots.
      return deny('invalid-write');
  }
}

/**
 * A change to one field of an entry edited in place. The busiest check of a session (every
 * sticky moved goes through it): it makes no closure and no name unless it refuses.
 */
function reviewField(review: Review, rootName: string, key: string, entry: Y.Map<unknown>, name: string, direct: boolean): void {
  const schema = (ENTRY as Record<string, z.ZodObject>)[rootName]?.shape[name] as z.ZodType | undefined;
  if (!schema || FIXED_FIELDS.has(name) || !entry.has(name)) return refuseField(review, 'invalid-write', rootName, key, entry, name);
  const request = fieldRequest(review, rootName, entry, name);
  if (request === null) return refuseField(review, 'invalid-write', rootName, key, entry, name);
  const decision = can(review.actor, review.state, request);
  if (!decision.ok) return refuseField(review, decision.reason, rootName, key, entry, name);
  const value = entry.get(name);
  const reason = misfit(schema, value);
  if (reason !== null) return refuseField(review, reason, rootName, key, entry, name);
  if (rootName === 'actions' && name === 'ownerId' && !knownOwner(review, value as string | null)) return refuseField(review, 'unknown-person', rootName, key, entry, name);
  // A sticky's text is edited in place; replacing it with something else is not an edit.
  // Its other fields, and an action's, are plain values set on the entry itself.
  const inPlace = rootName === 'stickies' && name === 'text' ? value instanceof Y.Text : direct || (rootName !== 'stickies' && rootName !== 'actions');
  if (!inPlace) refuseField(review, 'invalid-write', rootName, key, entry, name);
}

/** What changing `name` of an entry of `rootName` is, in the rule table; null when no entry field is edited in place there. */
function fieldRequest(review: Review, rootName: string, entry: Y.Map<unknown>, name: string): ActionRequest | null {
  switch (rootName as EntryRoot) {
    case 'stations':
      return { kind: 'editStations' };
    case 'visitNotes':
      return { kind: 'editVisitNote', authorId: fieldBefore(review.tr, entry, 'authorId') };
    case 'questions':
      return name === 'text' ? { kind: 'editQuestion', authorId: fieldBefore(review.tr, entry, 'authorId') } : { kind: 'answerQuestion' };
    case 'stickies': {
      if (name === 'x' || name === 'y') return { kind: 'moveSticky' };
      const authorId = fieldBefore(review.tr, entry, 'authorId');
      return name === 'groupId' ? { kind: 'groupSticky', authorId } : { kind: 'editSticky', authorId };
    }
    case 'groups':
      return { kind: 'editGroups' };
    case 'actions':
      return { kind: 'editActionItems' };
    default:
      return null;
  }
}

function refuseField(review: Review, reason: DenyReason, rootName: string, key: string, entry: Y.Map<unknown>, name: string): void {
  refuse(review, reason, `${rootName}/${key}/${name}`, entry, name);
}

/**
 * An action's owner is nobody yet, someone who has been in the session, or (in a club's
 * session) a member of its club: the owner of an action may follow it up for the club after
 * the session, so a raw client named anyone, with any name beside the id.
 */
function knownOwner(review: Review, ownerId: string | null): boolean {
  return ownerId === null || ownerId === review.actor.participantId || review.doc.getMap(ROOT.participants).has(ownerId) || (review.alsoKnown?.(ownerId) ?? false);
}

/** The entry is written in the writer's own name (`field` holds his participant id). */
function ownEntry(review: Review, value: unknown, name: string, where: string, root: AnyType, key: string): boolean {
  if (field(value, name) === review.actor.participantId) return true;
  refuse(review, 'not-yourself', where, root, key);
  return false;
}

function field(value: unknown, name: string): string {
  const v = value instanceof Y.Map ? value.get(name) : (value as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : v === null ? (null as unknown as string) : '';
}

/** A field of an entry as it was before the transaction (which may have rewritten it). */
function fieldBefore(tr: Y.Transaction, entry: Y.Map<unknown>, name: string): string {
  let item: Y.Item | null = (entry as unknown as { _map: Map<string, Y.Item> })._map.get(name) ?? null;
  while (item && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) item = item.left;
  if (!item) return '';
  const content = item.content.getContent();
  const value = content[content.length - 1];
  return typeof value === 'string' ? value : '';
}

/**
 * The entry a transaction deleted or replaced, readable: a deleted Y.Map reads as empty
 * through its API, so its fields (a Y.Text as its string) are read from its items, still
 * there until the transaction's cleanup collects them. Call it from an observer.
 */
export function readDeletedEntry(oldValue: unknown): Record<string, unknown> | undefined {
  if (!(oldValue instanceof Y.Map)) return record(oldValue);
  const out: Record<string, unknown> = {};
  for (const [name, item] of (oldValue as unknown as { _map: Map<string, Y.Item> })._map) {
    const content = item.content.getContent();
    const value = content[content.length - 1];
    out[name] = value instanceof Y.Text ? rawText(value) : value;
  }
  return out;
}

function rawText(text: Y.Text): string {
  let out = '';
  for (let item = text._start; item; item = item.right) if (item.content instanceof Y.ContentString) out += item.content.str;
  return out;
}

function countBy(stickies: Y.Map<unknown>, authorId: string): number {
  let n = 0;
  stickies.forEach((v) => {
    if (v instanceof Y.Map && v.get('authorId') === authorId) n++;
  });
  return n;
}

/** The round open in the session (or the last), as the review reads it. */
function openRoundOf(review: Review): number {
  return review.session ? review.session.round : getVotingSettings(review.doc).round;
}

/** Votes `voterId` held before this transaction in `round` on a target of `kind` still on the board. */
function votesBefore(review: Review, votes: Y.Map<unknown>, voterId: string, kind: VoteTarget, round: number): number {
  const { tr, session } = review;
  let n = 0;
  for (const item of (votes as unknown as { _map: Map<string, Y.Item> })._map.values()) {
    if (item.deleted || item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) continue;
    const content = item.content.getContent();
    const vote = content[content.length - 1] as { voterId?: unknown; stickyId?: unknown; round?: unknown } | null;
    if (vote?.voterId !== voterId || typeof vote.stickyId !== 'string' || roundNumber(vote.round) !== round) continue;
    if ((session ? session.targetKind(vote.stickyId) : voteTargetKind(tr.doc, vote.stickyId)) === kind) n++;
  }
  return n;
}
