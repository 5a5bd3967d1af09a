// The host's notebook (issue 12). In codéveloppement the host listens while the members
// consult: on each idea of the brainstorm he notes *garder* (keep), *creuser* (explore) or
// *écarter* (drop), with a note of his own if he likes. Nobody else sees it. It lives in a
// document of his own, not in the session document: the room `<sessionId>/notebook` on the
// wire, which the server maps to `<sessionId>/notebook/<participantId>` for the host's own
// participant and opens to nobody else. The Synthèse opens with his kept ideas.
//
// One root, `notebook`, a Y.Map of plain values: `verdict:<stickyId>` ('keep' | 'explore' |
// 'drop') and `note:<stickyId>` (text). Flat keys: two devices of the host writing at once
// each win per key, and no entry is lost to a concurrently created nested map.
import type * as Y from 'yjs';
import { compareStrings } from './fields.ts';
import { TEXT_MAX } from './limits.ts';
import { write } from './schema.ts';
import type { Sticky } from './types.ts';

export const NOTEBOOK_VERDICTS = ['keep', 'explore', 'drop'] as const;
export type NotebookVerdict = (typeof NOTEBOOK_VERDICTS)[number];

export interface NotebookEntry {
  readonly verdict: NotebookVerdict | null;
  readonly note: string;
}

const NO_ENTRY: NotebookEntry = { verdict: null, note: '' };

/** The y-websocket room name of the host's notebook in `sessionId`. */
export function notebookRoomName(sessionId: string): string {
  return `${sessionId}/notebook`;
}

function notebookMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('notebook');
}

/** Sorts an idea into keep, explore or drop; null takes the verdict back. */
export function setNotebookVerdict(doc: Y.Doc, stickyId: string, verdict: NotebookVerdict | null): void {
  write(doc, () => {
    if (verdict === null) notebookMap(doc).delete(`verdict:${stickyId}`);
    else notebookMap(doc).set(`verdict:${stickyId}`, verdict);
  });
}

/** The host's private note on an idea (cut to the length of a visit note); empty removes it. */
export function setNotebookNote(doc: Y.Doc, stickyId: string, note: string): void {
  const text = note.slice(0, TEXT_MAX.visitNote);
  write(doc, () => {
    if (text.trim() === '') notebookMap(doc).delete(`note:${stickyId}`);
    else notebookMap(doc).set(`note:${stickyId}`, text);
  });
}

/** What the notebook says of one idea. */
export function getNotebookEntry(doc: Y.Doc, stickyId: string): NotebookEntry {
  const map = notebookMap(doc);
  const verdict = map.get(`verdict:${stickyId}`);
  const note = map.get(`note:${stickyId}`);
  if (verdict === undefined && note === undefined) return NO_ENTRY;
  return {
    verdict: (NOTEBOOK_VERDICTS as readonly unknown[]).includes(verdict) ? (verdict as NotebookVerdict) : null,
    note: typeof note === 'string' ? note : '',
  };
}

/** Every idea the notebook says something of, by sticky id (plain data, as the UI compares it). */
export function getNotebook(doc: Y.Doc): Record<string, NotebookEntry> {
  const out: Record<string, NotebookEntry> = {};
  for (const key of [...notebookMap(doc).keys()].sort()) {
    const sep = key.indexOf(':');
    const id = key.slice(sep + 1);
    if (sep > 0 && !Object.hasOwn(out, id)) out[id] = getNotebookEntry(doc, id);
  }
  return out;
}

/** The ideas the host kept, most voted first (then by text), ready to become actions. */
export function keptIdeas(notebook: Readonly<Record<string, NotebookEntry>>, stickies: readonly Sticky[], votes: Readonly<Record<string, number>>): Sticky[] {
  return stickies
    .filter((s) => notebook[s.id]?.verdict === 'keep')
    .sort((a, b) => (votes[b.id] ?? 0) - (votes[a.id] ?? 0) || compareStrings(a.text, b.text));
}
