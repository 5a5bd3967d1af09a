// One group a title (shared/session/group-merge.ts). A phone that sees a group of the title
// it types takes it; two phones creating one within the same instant (or one offline) each
// make their own, before either saw the other's. The server merges them as a change of its
// own, after the transaction that added the group: every replica then holds one group of
// the title, with all its ideas and points.
//
// Only a group added starts a merge, never a title changed: the host renames a group in a
// field written key by key ("F", "Fi", …, "Financement"), and a group he gives another's
// title on purpose stays his to delete (a group whose title changes within the very change
// that adds it counts as added under that title). An idea written privately in a merged
// group (during private writing, in its author's own document until the reveal) keeps its
// group's id there: it reads, and is revealed, in the kept group (liveGroupId).
import type { Logger } from 'pino';
import { mergeGroupsOfOneTitle, roots } from '../../shared/session/index.ts';
import type { Room } from '../sync/Room.ts';

/** Merges the groups of one title whenever a group is added to the room's session. */
export function mergeGroupsOfOneTitleOnAdd(room: Room, log: Logger): void {
  let added: Set<string> | null = null;
  roots(room.doc).groups.observe((event) => {
    const ids = [...event.changes.keys].filter(([, change]) => change.action === 'add').map(([id]) => id);
    if (ids.length === 0) return;
    if (added) {
      for (const id of ids) added.add(id);
      return;
    }
    added = new Set(ids);
    // Not inside the transaction that added it (a client's, judged by the rules; what they
    // refuse is undone before this runs): the server's own change, after it.
    setImmediate(() => {
      const batch = added ?? new Set<string>();
      added = null;
      if (room.doc.isDestroyed) return;
      let merged = 0;
      room
        .changeAsServer((doc) => {
          merged = mergeGroupsOfOneTitle(doc, batch, Date.now()).reduce((n, m) => n + m.merged.length, 0);
        })
        .then(() => {
          if (merged > 0) log.info({ room: room.id, merged }, 'merged groups of one title created at once');
        })
        .catch((err: unknown) => log.error({ err, room: room.id }, 'could not merge groups of one title'));
    });
  });
}
