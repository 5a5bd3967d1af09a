import * as Y from 'yjs';

/**
 * Merges a snapshot and the updates logged after it into one update, through a Y.Doc so
 * that deleted content is garbage-collected (Y.mergeUpdates keeps it, and the stored size
 * would then grow with every deletion).
 */
export function mergeIntoSnapshot(updates: Iterable<Uint8Array>): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Compact when the log is at least as large as the snapshot: the stored size then stays
 * within about twice the document's encoded size, and the cost of compacting (linear in
 * the document) is amortised over as many bytes of log.
 */
export function logOutgrewSnapshot({ logBytes, logCount, snapshotBytes }: LogSize): boolean {
  if (logCount < 2) return false;
  return logBytes >= Math.max(snapshotBytes, 512);
}

/** What a store knows of one document's stored size, to decide when to compact. */
export interface LogSize {
  logBytes: number;
  logCount: number;
  snapshotBytes: number;
}
