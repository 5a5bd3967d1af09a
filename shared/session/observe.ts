// Subscribe to changes of some roots of the session document: what a React view passes to
// useSyncExternalStore, so a board view is not re-rendered by a visit note.
import type * as Y from 'yjs';
import { roots } from './schema.ts';
import type { SessionRoots } from './schema.ts';

export type RootName = keyof SessionRoots;

/**
 * Call `onChange` once after each transaction that changed any of `names` or anything
 * inside them (a sticky's text, say). Returns the unsubscribe function.
 */
export function observeRoots(doc: Y.Doc, names: readonly RootName[], onChange: (tr: Y.Transaction) => void): () => void {
  const r = roots(doc);
  const watched = new Set<unknown>(names.map((n) => r[n]));
  const afterTransaction = (tr: Y.Transaction): void => {
    // changedParentTypes holds every changed type and all its ancestors up to the root.
    for (const type of tr.changedParentTypes.keys()) {
      if (watched.has(type)) {
        onChange(tr);
        return;
      }
    }
  };
  doc.on('afterTransaction', afterTransaction);
  return () => doc.off('afterTransaction', afterTransaction);
}

/**
 * Calls `onChange` after each transaction that added or deleted anything in `doc` (a sync
 * step 2 that holds nothing new does not count). Cheaper than `doc.on('update')`, which makes
 * Yjs encode every transaction as an update even when nobody reads the bytes: the whole
 * document again when a stored one is loaded (about 30 ms for a board of 5,000 stickies).
 * Returns the unsubscribe function.
 */
export function onDocumentChange(doc: Y.Doc, onChange: (tr: Y.Transaction) => void): () => void {
  const afterTransaction = (tr: Y.Transaction): void => {
    if (changedDocument(tr)) onChange(tr);
  };
  doc.on('afterTransaction', afterTransaction);
  return () => doc.off('afterTransaction', afterTransaction);
}

/** Did `tr` add an item or delete one? What Yjs would put in its 'update' event. */
export function changedDocument(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
}
