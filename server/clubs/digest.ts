// What the club's pages and its search need from a session document, derived from it
// (and rebuilt from it when lost): the search entries and a small digest.
import type * as Y from 'yjs';
import { z } from 'zod';
import { ACTION_STATUSES, PHASES, fragmentPlainText, getActionItems, getFollowUpRound, getLearnings, getMeta, getParticipants,
  getPhaseHistory, getPresentationFragment, getStickies, getVisitNotes } from '../../shared/session/index.ts';
import type { SearchEntry } from '../storage/club-types.ts';

export const SessionDigest = z.object({
  phase: z.enum(PHASES),
  /** Someone entered or the phase moved: the session has started. */
  started: z.boolean(),
  followUpRound: z.boolean(),
  actions: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      ownerId: z.string().nullable(),
      ownerName: z.string(),
      due: z.string().nullable(),
      status: z.enum(ACTION_STATUSES),
    }),
  ),
  learnings: z.array(z.object({ participantId: z.string(), name: z.string(), brought: z.string(), takeAway: z.string() })),
});
export type SessionDigest = z.infer<typeof SessionDigest>;

export function digestOf(doc: Y.Doc): SessionDigest {
  const meta = getMeta(doc);
  return {
    phase: meta.phase,
    started: getPhaseHistory(doc).length > 0 || getParticipants(doc).length > 0,
    followUpRound: getFollowUpRound(doc),
    actions: getActionItems(doc).map(({ id, text, ownerId, ownerName, due, status }) => ({ id, text, ownerId, ownerName, due, status })),
    learnings: getLearnings(doc).map(({ participantId, name, brought, takeAway }) => ({ participantId, name, brought, takeAway })),
  };
}

/** A stored digest, or null if it is missing or unreadable (it is rebuilt then). */
export function parseDigest(json: string | null): SessionDigest | null {
  if (!json) return null;
  try {
    const parsed = SessionDigest.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What search finds in a session: title, problem and request, visit notes, ideas, actions. */
export function searchEntriesOf(doc: Y.Doc): SearchEntry[] {
  const entries: SearchEntry[] = [];
  const push = (kind: SearchEntry['kind'], ref: string, text: string) => {
    if (text.trim()) entries.push({ kind, ref, text });
  };
  push('title', '', getMeta(doc).title);
  for (const section of ['problem', 'helpWanted'] as const) push('problem', section, fragmentPlainText(getPresentationFragment(doc, section)));
  for (const n of getVisitNotes(doc)) push('note', n.id, n.text);
  // Ideas still private (before the reveal) are nobody else's to find.
  for (const s of getStickies(doc)) if (!s.hidden) push('idea', s.id, s.text);
  for (const a of getActionItems(doc)) push('action', a.id, a.text);
  return entries;
}
