// The synthesis: the host's action plan, his decision in his own words, and what each
// member brought and takes away.
import * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import { byTimeThenId, compareNames, compareStrings, num, oneOf, record, str, strArray, strOrNull } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { replaceText } from './text.ts';
import { ACTION_STATUSES } from './types.ts';
import type { ActionItem, ActionStatus, CreateOptions, Learning, Person } from './types.ts';

export interface NewActionItem {
  readonly text: string;
  /** The person who will do it; null for "the host's company" or not decided yet. */
  readonly owner?: Person | null;
  readonly due?: string | null;
  readonly status?: ActionStatus;
  readonly sourceStickyIds?: readonly string[];
}

export function addActionItem(doc: Y.Doc, item: NewActionItem, opts?: CreateOptions): string {
  const id = idOf(opts);
  write(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('text', item.text);
    m.set('ownerId', item.owner?.participantId ?? null);
    m.set('ownerName', item.owner?.name ?? '');
    m.set('due', item.due ?? null);
    m.set('status', item.status ?? 'todo');
    m.set('sourceStickyIds', [...(item.sourceStickyIds ?? [])]);
    m.set('createdAt', timeOf(opts));
    roots(doc).actions.set(id, m);
  });
  return id;
}

/** Change fields of an action item (last writer wins per field). */
export function updateActionItem(doc: Y.Doc, id: string, patch: Partial<NewActionItem>): void {
  const m = entity(roots(doc).actions, id);
  if (!m) return;
  write(doc, () => {
    if (patch.text !== undefined) m.set('text', patch.text);
    if (patch.owner !== undefined) {
      m.set('ownerId', patch.owner?.participantId ?? null);
      m.set('ownerName', patch.owner?.name ?? '');
    }
    if (patch.due !== undefined) m.set('due', patch.due);
    if (patch.status !== undefined) m.set('status', patch.status);
    if (patch.sourceStickyIds !== undefined) m.set('sourceStickyIds', [...patch.sourceStickyIds]);
  });
}

export function removeActionItem(doc: Y.Doc, id: string): void {
  roots(doc).actions.delete(id);
}

/**
 * The action plan. An owner's name is his name now, if he is a participant (one who added his
 * initial after the host chose him, "Philippe" become "Philippe R.", read as "Philippe" on
 * the plan, the screen and the summary); else the name the host chose him by.
 */
export function getActionItems(doc: Y.Doc): ActionItem[] {
  const participants = roots(doc).participants;
  const nameNow = (ownerId: string | null): string | null => {
    const name = ownerId === null ? undefined : record(participants.get(ownerId))?.name;
    return typeof name === 'string' && name.trim() ? name : null;
  };
  return entities(roots(doc).actions)
    .map(([id, m]): ActionItem => ({
      id,
      text: str(m, 'text'),
      ownerId: strOrNull(m, 'ownerId'),
      ownerName: nameNow(strOrNull(m, 'ownerId')) ?? str(m, 'ownerName'),
      due: strOrNull(m, 'due'),
      status: oneOf(m, 'status', ACTION_STATUSES, 'todo'),
      sourceStickyIds: strArray(m, 'sourceStickyIds'),
      createdAt: num(m, 'createdAt'),
    }))
    .sort(byTimeThenId((a) => a.createdAt));
}

/** The decision's collaborative text, for an editor to bind to. */
export function getDecisionText(doc: Y.Doc): Y.Text {
  return roots(doc).decision;
}

export function getDecision(doc: Y.Doc): string {
  return roots(doc).decision.toString();
}

/** Set the decision by the smallest splice of the current text. */
export function setDecision(doc: Y.Doc, text: string): void {
  replaceText(roots(doc).decision, text);
}

export type LearningField = 'brought' | 'takeAway';

// Learnings are stored flat, one key per person and field (`${participantId}/brought`),
// not as a nested map per person: two devices of one person creating his map at once
// would each make one and one would be lost on merge.
function learningKey(participantId: string, field: LearningField): string {
  return `${participantId}/${field}`;
}

/** Write what a member brought to the host, or what he takes away for his own company. */
export function setLearning(doc: Y.Doc, person: Person, field: LearningField, text: string, opts?: Pick<CreateOptions, 'at'>): void {
  roots(doc).learnings.set(learningKey(person.participantId, field), { text, name: person.name, at: timeOf(opts) });
}

export function getLearnings(doc: Y.Doc): Learning[] {
  const byPerson = new Map<string, { name: string; brought: string; takeAway: string; updatedAt: number; nameAt: number }>();
  roots(doc).learnings.forEach((value, key) => {
    const cut = key.lastIndexOf('/');
    const field = key.slice(cut + 1);
    const rec = record(value);
    if (cut <= 0 || !rec || (field !== 'brought' && field !== 'takeAway')) return;
    const participantId = key.slice(0, cut);
    const at = num(rec, 'at');
    const row = byPerson.get(participantId) ?? { name: '', brought: '', takeAway: '', updatedAt: 0, nameAt: -1 };
    row[field] = str(rec, 'text');
    if (at > row.nameAt || (at === row.nameAt && field === 'takeAway')) {
      row.name = str(rec, 'name');
      row.nameAt = at;
    }
    row.updatedAt = Math.max(row.updatedAt, at);
    byPerson.set(participantId, row);
  });
  return [...byPerson]
    .map(([participantId, r]): Learning => ({
      participantId,
      name: r.name,
      brought: r.brought,
      takeAway: r.takeAway,
      updatedAt: r.updatedAt,
    }))
    .sort((a, b) => compareNames(a.name, b.name) || compareStrings(a.participantId, b.participantId));
}
