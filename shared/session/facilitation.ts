// Facilitation state kept in the document so that it survives reloads, reconnects and a
// restart: the timer of each phase, what the host shows (the focus the screen and members
// follow), who has the floor and the raised hands, and whether the join panel is on the
// screen. The server writes these roots in answer to checked Socket.IO commands
// (server/facilitation/); clients only read them. Times are the server's clock.
import type * as Y from 'yjs';
import { roots, write } from './schema.ts';
import { compareStrings, num, numOrNull, oneOf, record, str, strOrNull } from './fields.ts';
import { PHASES, PRESENTATION_SECTIONS } from './types.ts';
import type { Person, Phase, PresentationSection } from './types.ts';

/** A phase's timer: running while `endsAt` is set; paused, `remainingMs` is what is left. */
export interface PhaseTimer {
  readonly phase: Phase;
  readonly durationMs: number;
  readonly endsAt: number | null;
  readonly remainingMs: number;
  readonly byName: string;
  readonly at: number;
}

export interface FocusBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const FOCUS_KINDS = ['phase', 'section', 'zone', 'group', 'question'] as const;
export type FocusKind = (typeof FOCUS_KINDS)[number];

/**
 * What the host shows: a phase (perhaps an earlier one), a section, a board zone or group,
 * or the question he is answering (the screen's *Question en cours* while it waits).
 */
export interface Focus {
  readonly kind: FocusKind;
  readonly phase: Phase;
  readonly section: PresentationSection | null;
  readonly zone: FocusBox | null;
  readonly groupId: string | null;
  readonly questionId: string | null;
  /** The phase the session was in when it was set: a focus counts only during that phase. */
  readonly during: Phase;
  readonly byId: string;
  readonly byName: string;
  readonly at: number;
}

export type FocusTarget =
  | { readonly kind: 'phase'; readonly phase: Phase }
  | { readonly kind: 'section'; readonly section: PresentationSection }
  | { readonly kind: 'zone'; readonly zone: FocusBox }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'question'; readonly questionId: string };

export interface RaisedHand extends Person {
  readonly raisedAt: number;
}

export interface Speaker extends Person {
  readonly since: number;
}

const timerKey = (phase: Phase) => `timer.${phase}`;

export function getTimer(doc: Y.Doc, phase: Phase): PhaseTimer | null {
  const rec = record(roots(doc).facilitation.get(timerKey(phase)));
  if (!rec) return null;
  return {
    phase,
    durationMs: num(rec, 'durationMs'),
    endsAt: numOrNull(rec, 'endsAt'),
    remainingMs: num(rec, 'remainingMs'),
    byName: str(rec, 'byName'),
    at: num(rec, 'at'),
  };
}

/** Milliseconds left at `now` (server time); 0 once it has run out. */
export function timerRemaining(timer: PhaseTimer, now: number): number {
  return Math.max(0, timer.endsAt === null ? timer.remainingMs : timer.endsAt - now);
}

/** Start the phase's timer for `durationMs`, or resume a paused one when no duration is given. */
export function startTimer(doc: Y.Doc, by: Person, phase: Phase, durationMs: number | null, now: number): void {
  const current = getTimer(doc, phase);
  const left = durationMs ?? (current && current.endsAt === null && current.remainingMs > 0 ? current.remainingMs : null);
  if (left === null) return;
  roots(doc).facilitation.set(timerKey(phase), {
    durationMs: durationMs ?? current?.durationMs ?? left,
    endsAt: now + left,
    remainingMs: left,
    byName: by.name,
    at: now,
  });
}

export function pauseTimer(doc: Y.Doc, by: Person, phase: Phase, now: number): void {
  const current = getTimer(doc, phase);
  if (!current || current.endsAt === null) return;
  roots(doc).facilitation.set(timerKey(phase), {
    durationMs: current.durationMs,
    endsAt: null,
    remainingMs: timerRemaining(current, now),
    byName: by.name,
    at: now,
  });
}

/** Add time to a running or paused timer; one that already ran out restarts with it. */
export function addTime(doc: Y.Doc, by: Person, phase: Phase, ms: number, now: number): void {
  const current = getTimer(doc, phase);
  if (!current) return startTimer(doc, by, phase, ms, now);
  const left = timerRemaining(current, now);
  const running = current.endsAt !== null;
  roots(doc).facilitation.set(timerKey(phase), {
    durationMs: current.durationMs + ms,
    endsAt: running || left === 0 ? now + left + ms : null,
    remainingMs: left + ms,
    byName: by.name,
    at: now,
  });
}

export function getFocus(doc: Y.Doc): Focus | null {
  const rec = record(roots(doc).facilitation.get('focus'));
  if (!rec) return null;
  const zone = record(rec.zone);
  return {
    kind: oneOf(rec, 'kind', FOCUS_KINDS, 'phase'),
    phase: oneOf(rec, 'phase', PHASES, 'presentation'),
    section: oneOf<PresentationSection | ''>(rec, 'section', [...PRESENTATION_SECTIONS, ''], '') || null,
    zone: zone ? { x: num(zone, 'x'), y: num(zone, 'y'), w: num(zone, 'w', 1), h: num(zone, 'h', 1) } : null,
    groupId: strOrNull(rec, 'groupId'),
    questionId: strOrNull(rec, 'questionId'),
    during: oneOf(rec, 'during', PHASES, 'presentation'),
    byId: str(rec, 'byId'),
    byName: str(rec, 'byName'),
    at: num(rec, 'at'),
  };
}

/**
 * Point the room at `target`, or release it (null) to each view's default. A section or
 * a board target belongs to the phase that shows it; a phase target may be an earlier one.
 */
export function setFocus(doc: Y.Doc, by: Person, target: FocusTarget | null, currentPhase: Phase, now: number): void {
  const f = roots(doc).facilitation;
  if (!target) {
    f.delete('focus');
    return;
  }
  const boardPhase: Phase = currentPhase === 'synthesis' ? 'synthesis' : 'brainstorm';
  const phase: Phase = target.kind === 'phase' ? target.phase : target.kind === 'section' ? 'presentation' : target.kind === 'question' ? currentPhase : boardPhase;
  f.set('focus', {
    kind: target.kind,
    phase,
    section: target.kind === 'section' ? target.section : null,
    zone: target.kind === 'zone' ? { ...target.zone } : null,
    groupId: target.kind === 'group' ? target.groupId : null,
    questionId: target.kind === 'question' ? target.questionId : null,
    during: currentPhase,
    byId: by.participantId,
    byName: by.name,
    at: now,
  });
}

/** The focus if it still holds: once the session moved on, each view shows its default. */
export function activeFocus(focus: Focus | null, phase: Phase): Focus | null {
  return focus && focus.during === phase ? focus : null;
}

/** Raised hands, in the order they were raised: the floor is given in this order. */
export function getRaisedHands(doc: Y.Doc): RaisedHand[] {
  const out: RaisedHand[] = [];
  roots(doc).hands.forEach((value, participantId) => {
    const rec = record(value);
    if (rec) out.push({ participantId, name: str(rec, 'name'), raisedAt: num(rec, 'raisedAt') });
  });
  return out.sort((a, b) => a.raisedAt - b.raisedAt || compareStrings(a.participantId, b.participantId));
}

export function raiseHand(doc: Y.Doc, person: Person, now: number): void {
  const hands = roots(doc).hands;
  // Raising again keeps one's place in the queue.
  if (record(hands.get(person.participantId))) return;
  // After every hand already up, even one raised in the same millisecond: the queue is the
  // order in which they came.
  const last = getRaisedHands(doc).at(-1)?.raisedAt ?? -Infinity;
  hands.set(person.participantId, { name: person.name, raisedAt: Math.max(now, last + 1) });
}

export function lowerHand(doc: Y.Doc, participantId: string): void {
  roots(doc).hands.delete(participantId);
}

export function getSpeaker(doc: Y.Doc): Speaker | null {
  const rec = record(roots(doc).facilitation.get('speaker'));
  const participantId = rec && strOrNull(rec, 'participantId');
  if (!rec || !participantId) return null;
  return { participantId, name: str(rec, 'name'), since: num(rec, 'since') };
}

/**
 * Give the floor to `participantId` (his hand goes down), to the first raised hand when
 * null; with nobody waiting the floor is simply free. Returns who speaks now.
 */
export function giveFloor(doc: Y.Doc, participantId: string | null, now: number): Speaker | null {
  return write(doc, () => {
    const hands = getRaisedHands(doc);
    const chosen = participantId === null ? hands[0] : hands.find((h) => h.participantId === participantId);
    const f = roots(doc).facilitation;
    if (!chosen) {
      f.delete('speaker');
      return null;
    }
    lowerHand(doc, chosen.participantId);
    const speaker = { participantId: chosen.participantId, name: chosen.name, since: now };
    f.set('speaker', speaker);
    return speaker;
  });
}

export function endFloor(doc: Y.Doc): void {
  roots(doc).facilitation.delete('speaker');
}

/** Whether the screen shows the join panel: by default only until the presentation starts. */
export function isJoinPanelShown(doc: Y.Doc, phase: Phase, anySectionShown: boolean): boolean {
  // A closed session's code lets nobody in (server/access/SessionAccess.ts): not shown.
  if (phase === 'closed') return false;
  const explicit = roots(doc).facilitation.get('joinPanel');
  if (typeof explicit === 'boolean') return explicit;
  return phase === 'presentation' && !anySectionShown;
}

export function setJoinPanel(doc: Y.Doc, shown: boolean): void {
  roots(doc).facilitation.set('joinPanel', shown);
}

export function joinPanelSetting(doc: Y.Doc): boolean | null {
  const v = roots(doc).facilitation.get('joinPanel');
  return typeof v === 'boolean' ? v : null;
}

const offScreenKey = (noteId: string) => `offScreen.${noteId}`;

/**
 * Visite notes the host (or a facilitator) took off the room's screen: a frank note, with
 * its author's name, read by the host company's people passing by. Phones and the summary
 * keep them; the screen does not show them.
 */
export function getOffScreenNotes(doc: Y.Doc): ReadonlySet<string> {
  const out = new Set<string>();
  roots(doc).facilitation.forEach((_value, key) => {
    if (key.startsWith('offScreen.')) out.add(key.slice('offScreen.'.length));
  });
  return out;
}

export function setNoteOnScreen(doc: Y.Doc, noteId: string, shown: boolean, by: Person, now: number): void {
  const f = roots(doc).facilitation;
  if (shown) f.delete(offScreenKey(noteId));
  else f.set(offScreenKey(noteId), { byName: by.name, at: now });
}

/**
 * Per-participant counts the server keeps in `facilitation` under `<prefix><participantId>`
 * (private ideas written, points given in a round that hides its counts): how far the room
 * has come, never what. A count of 0 is no key.
 */
export function setCountOf(sessionDoc: Y.Doc, prefix: string, participantId: string, count: number): void {
  const f = roots(sessionDoc).facilitation;
  const key = prefix + participantId;
  if (count > 0) {
    if (f.get(key) !== count) f.set(key, count);
  } else if (f.has(key)) f.delete(key);
}

/** The counts under `prefix`, by participant id, and their sum. */
export function countsOf(sessionDoc: Y.Doc, prefix: string): { total: number; byId: Record<string, number> } {
  const byId: Record<string, number> = {};
  let total = 0;
  roots(sessionDoc).facilitation.forEach((value, key) => {
    if (!key.startsWith(prefix) || typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return;
    byId[key.slice(prefix.length)] = value;
    total += value;
  });
  return { total, byId };
}

/** Deletes every count under `prefix` (the reveal, the close). */
export function clearCounts(sessionDoc: Y.Doc, prefix: string): void {
  const f = roots(sessionDoc).facilitation;
  for (const key of [...f.keys()]) if (key.startsWith(prefix)) f.delete(key);
}
