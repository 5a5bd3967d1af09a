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
