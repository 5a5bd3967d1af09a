// Appends as a busy turn makes them, for the stores' group-commit tests (SQLite, PostgreSQL).
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/storage/types.ts';

export interface FortyMoves {
  /** `doc-0`, `doc-1`, `doc-2` as stored. */
  readonly docs: readonly Y.Doc[];
  /** Every append, in the order asked for (and those made later, as they are made). */
  readonly appends: Promise<void>[];
  /** The indexes of `appends`, in the order they resolved. */
  readonly resolved: number[];
}

/** Three documents and forty moves among them in this turn, each update appended to `store` as it is made. */
export function appendFortyMoves(store: Pick<DocStore, 'appendUpdate'>): FortyMoves {
  const docs = ['a', 'b', 'c'].map(() => new Y.Doc());
  const appends: Promise<void>[] = [];
  const resolved: number[] = [];
  docs.forEach((doc, d) => {
    doc.on('update', (u: Uint8Array) => {
      const index = appends.length;
      appends.push(store.appendUpdate(`doc-${d}`, u).then(() => void resolved.push(index)));
    });
  });
  for (let i = 0; i < 40; i++) docs[i % 3]!.getArray('moves').push([i]);
  return { docs, appends, resolved };
}

/** Each document read back from `store` whole, its moves in the order made. */
export async function expectStoredWhole(store: Pick<DocStore, 'loadUpdates'>, docs: readonly Y.Doc[]): Promise<void> {
  for (const [d, doc] of docs.entries()) {
    const back = new Y.Doc();
    for (const u of await store.loadUpdates(`doc-${d}`)) Y.applyUpdate(back, u);
    expect(back.getArray('moves').toArray()).toEqual(doc.getArray('moves').toArray());
  }
}
