// Meta of a session (title, host, date, phase), its phase history, facilitators and
// participants. Writers here do not check rules: call can() from phases.ts first.
import type * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, roots, write } from './schema.ts';
import { byTimeThenId, compareStrings, num, oneOf, record, str } from './fields.ts';
import { timeOf } from './ids.ts';
import { PHASES, ROLES } from './types.ts';
import type {
  Actor, CreateOptions, Facilitator, NewSessionMeta, Participant, Person, Phase, PhaseChange, SessionMeta,
} from './types.ts';

export const DEFAULT_VOTE_BUDGET = 5;

/**
 * Fill a new, empty document (what `POST /api/sessions` creates). Run it once, on the
 * server, before any client connects; running it again on an initialised document throws.
 */
export function initSessionDocument(doc: Y.Doc, meta: NewSessionMeta, opts?: Pick<CreateOptions, 'at'>): void {
  const r = roots(doc);
  if (r.meta.has('schemaVersion')) throw new Error(`session ${doc.guid} is already initialised`);
  write(doc, () => {
    r.meta.set('title', meta.title);
    r.meta.set('hostCompany', meta.hostCompany);
    r.meta.set('hostName', meta.hostName);
    r.meta.set('date', meta.date);
    r.meta.set('phase', 'presentation' satisfies Phase);
    r.meta.set('createdAt', timeOf(opts));
    r.board.set('privateWriting', false);
    r.board.set('voteBudget', DEFAULT_VOTE_BUDGET);
    r.meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
  });
}

export function getMeta(doc: Y.Doc): SessionMeta {
  const m = roots(doc).meta;
  return {
    title: str(m, 'title'),
    hostCompany: str(m, 'hostCompany'),
    hostName: str(m, 'hostName'),
    date: str(m, 'date'),
    schemaVersion: num(m, 'schemaVersion', 0),
    phase: getPhase(doc),
    createdAt: num(m, 'createdAt'),
  };
}

/** Change title, host company, host name or date (last writer wins per field). */
export function updateMeta(doc: Y.Doc, patch: Partial<NewSessionMeta>): void {
  const m = roots(doc).meta;
  write(doc, () => {
    if (patch.title !== undefined) m.set('title', patch.title);
    if (patch.hostCompany !== undefined) m.set('hostCompany', patch.hostCompany);
    if (patch.hostName !== undefined) m.set('hostName', patch.hostName);
    if (patch.date !== undefined) m.set('date', patch.date);
  });
}

/** The current phase: the `phase` field of meta (last writer wins if two moved it at once). */
export function getPhase(doc: Y.Doc): Phase {
  return oneOf(roots(doc).meta, 'phase', PHASES, 'presentation');
}

/** Move the session to `to` and log who did it. Check canSetPhase() first. */
export function setPhase(doc: Y.Doc, actor: Actor, to: Phase, opts?: Pick<CreateOptions, 'at'>): void {
  const r = roots(doc);
  write(doc, () => {
    const from = getPhase(doc);
    if (from === to) return;
    r.meta.set('phase', to);
    const change: PhaseChange = { from, to, byId: actor.participantId, byName: actor.name, at: timeOf(opts) };
    r.phaseHistory.push([change]);
  });
}

export function getPhaseHistory(doc: Y.Doc): PhaseChange[] {
  const out: PhaseChange[] = [];
  for (const item of roots(doc).phaseHistory.toArray()) {
    const rec = record(item);
    if (!rec) continue;
    out.push({
      from: oneOf(rec, 'from', PHASES, 'presentation'),
      to: oneOf(rec, 'to', PHASES, 'presentation'),
      byId: str(rec, 'byId'),
      byName: str(rec, 'byName'),
      at: num(rec, 'at'),
    });
  }
  return out;
}

/** Make a member a facilitator: he may then move phases and run the board like the host. */
export function grantFacilitator(doc: Y.Doc, person: Person, opts?: Pick<CreateOptions, 'at'>): void {
  roots(doc).facilitators.set(person.participantId, { name: person.name, grantedAt: timeOf(opts) });
}

export function revokeFacilitator(doc: Y.Doc, participantId: string): void {
  roots(doc).facilitators.delete(participantId);
}

export function getFacilitators(doc: Y.Doc): Facilitator[] {
  const out: Facilitator[] = [];
  roots(doc).facilitators.forEach((value, participantId) => {
    const rec = record(value);
    if (rec) out.push({ participantId, name: str(rec, 'name'), grantedAt: num(rec, 'grantedAt') });
  });
  return out.sort((a, b) => a.grantedAt - b.grantedAt || compareStrings(a.participantId, b.participantId));
}

export function isFacilitator(doc: Y.Doc, participantId: string): boolean {
  return record(roots(doc).facilitators.get(participantId)) !== undefined;
}

/**
 * Record that a person is in the session, with his display name. Writes only when the
 * entry is missing or the name or role changed, so reconnecting costs nothing.
 */
export function registerParticipant(doc: Y.Doc, actor: Actor, opts?: Pick<CreateOptions, 'at'>): void {
  const map = roots(doc).participants;
  const existing = record(map.get(actor.participantId));
  if (existing && str(existing, 'name') === actor.name && str(existing, 'role') === actor.role) return;
  const joinedAt = existing ? num(existing, 'joinedAt', timeOf(opts)) : timeOf(opts);
  map.set(actor.participantId, { name: actor.name, role: actor.role, joinedAt });
}

export function getParticipants(doc: Y.Doc): Participant[] {
  const out: Array<Participant & { id: string }> = [];
  roots(doc).participants.forEach((value, participantId) => {
    const rec = record(value);
    if (!rec) return;
    out.push({
      id: participantId,
      participantId,
      name: str(rec, 'name'),
      role: oneOf(rec, 'role', ROLES, 'member'),
      joinedAt: num(rec, 'joinedAt'),
    });
  });
  return out.sort(byTimeThenId((p) => p.joinedAt)).map(({ id: _id, ...p }) => p);
}
