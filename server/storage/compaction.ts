import * as Y from 'yjs';

/** A compacted document: one update, and the state vector of what it holds. */
export interface MergedSnapshot {
  update: Uint8Array;
  /**
   * Stored with the snapshot, so that a joiner served the snapshot early is asked what it
   * holds beyond it at once: read from the update, it took about 50 ms of a cold server for
   * a board of 5,000 stickies, while the joiner applied the snapshot on the same two cores.
   */
  stateVector: Uint8Array;
}

/**
 * Merges a snapshot and the updates logged after it into one update, through a Y.Doc so
 * that deleted content is garbage-collected (Y.mergeUpdates keeps it, and the stored size
 * would then grow with every deletion).
 */
export function mergeIntoSnapshot(updates: Iterable<Uint8Array>): MergedSnapshot {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return { update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
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
