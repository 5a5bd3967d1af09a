// The Visite screen's pages: the newest notes, then, when there are more than the screen
// holds, each place in turn. A place whose notes were all on the newest page already took
// the screen for 15 seconds to show one or two cards seen a moment before, the rest of it
// empty: only the places that have a note the newest page could not hold take a turn.

/** What a page needs of a note. */
export interface PagedNote {
  readonly id: string;
  readonly stationId: string | null;
  readonly at: number;
}

/** The notes newest first (ties by id), as the screen shows them. */
export function newestFirst<N extends PagedNote>(notes: readonly N[]): N[] {
  return [...notes].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}

/**
 * The pages in turn: null for the newest notes, then a place's id for each place (in the
 * order given) with a note past the first `newestHolds` of the newest page. One page alone
 * while that is not known yet, or while the newest page holds every note.
 */
export function visitPages(notes: readonly PagedNote[], placeIds: readonly string[], newestHolds: number | null): Array<string | null> {
  if (newestHolds === null || notes.length <= newestHolds) return [null];
  const unseen = new Set(newestFirst(notes).slice(newestHolds).map((n) => n.stationId));
  return [null, ...placeIds.filter((id) => unseen.has(id))];
}
