// The visit: stations (workshop, design office...) and members' notes. Each note is its own
// entry under a fresh id, so notes written offline merge on reconnect without conflict.
import * as Y from 'yjs';
import { entities, entity, roots, write } from './schema.ts';
import { byTimeThenId, num, oneOf, str, strOrNull } from './fields.ts';
import { idOf, timeOf } from './ids.ts';
import { NOTE_KINDS } from './types.ts';
import type { CreateOptions, NoteKind, Person, VisitNote, VisitStation } from './types.ts';

export function addStation(doc: Y.Doc, name: string, opts?: CreateOptions & { order?: number }): string {
  const id = idOf(opts);
  const r = roots(doc);
  write(doc, () => {
    const order = opts?.order ?? Math.max(0, ...getStations(doc).map((s) => s.order + 1));
    const m = new Y.Map<unknown>();
    m.set('name', name);
    m.set('order', order);
    m.set('createdAt', timeOf(opts));
    r.stations.set(id, m);
  });
  return id;
}

export function updateStation(doc: Y.Doc, id: string, patch: { name?: string; order?: number }): void {
  const m = entity(roots(doc).stations, id);
  if (!m) return;
  write(doc, () => {
    if (patch.name !== undefined) m.set('name', patch.name);
    if (patch.order !== undefined) m.set('order', patch.order);
  });
}

/** Remove a station; its notes stay and read as general notes (stationId null). */
export function removeStation(doc: Y.Doc, id: string): void {
  roots(doc).stations.delete(id);
}

export function getStations(doc: Y.Doc): VisitStation[] {
  return entities(roots(doc).stations)
    .map(([id, m]) => ({ id, name: str(m, 'name'), order: num(m, 'order'), createdAt: num(m, 'createdAt') }))
    .sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface NewVisitNote {
  readonly stationId: string | null;
  readonly kind: NoteKind;
  readonly text: string;
}

export function addVisitNote(doc: Y.Doc, author: Person, note: NewVisitNote, opts?: CreateOptions): string {
  const id = idOf(opts);
  write(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('authorId', author.participantId);
    m.set('authorName', author.name);
    m.set('stationId', note.stationId);
    m.set('kind', note.kind);
    m.set('text', note.text);
    m.set('at', timeOf(opts));
    roots(doc).visitNotes.set(id, m);
  });
  return id;
}

export function updateVisitNote(doc: Y.Doc, id: string, patch: Partial<NewVisitNote>): void {
  const m = entity(roots(doc).visitNotes, id);
  if (!m) return;
  write(doc, () => {
    if (patch.stationId !== undefined) m.set('stationId', patch.stationId);
    if (patch.kind !== undefined) m.set('kind', patch.kind);
    if (patch.text !== undefined) m.set('text', patch.text);
  });
}

export function removeVisitNote(doc: Y.Doc, id: string): void {
  roots(doc).visitNotes.delete(id);
}

/** Notes in time order; a note whose station is gone reads as a general note. */
export function getVisitNotes(doc: Y.Doc): VisitNote[] {
  const r = roots(doc);
  return entities(r.visitNotes)
    .map(([id, m]): VisitNote => {
      const stationId = strOrNull(m, 'stationId');
      return {
        id,
        authorId: str(m, 'authorId'),
        authorName: str(m, 'authorName'),
        stationId: stationId !== null && entity(r.stations, stationId) ? stationId : null,
        kind: oneOf(m, 'kind', NOTE_KINDS, 'strength'),
        text: str(m, 'text'),
        at: num(m, 'at'),
      };
    })
    .sort(byTimeThenId((n) => n.at));
}
