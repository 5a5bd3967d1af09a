import { expect, test } from 'vitest';
import { newestFirst, visitPages } from '../../../client/screen/visit-pages.ts';

const note = (id: string, stationId: string | null, at: number) => ({ id, stationId, at });

// Twelve notes: the workshop's two are the newest, the office's and the yard's older.
const notes = [
  ...Array.from({ length: 6 }, (_, i) => note(`o${i}`, 'office', 100 + i)),
  ...Array.from({ length: 4 }, (_, i) => note(`y${i}`, 'yard', 200 + i)),
  note('w0', 'workshop', 300),
  note('w1', 'workshop', 301),
];

test('newest first, ties by id', () => {
  expect(newestFirst([note('a', null, 1), note('c', null, 2), note('b', null, 2)]).map((n) => n.id)).toEqual(['c', 'b', 'a']);
});

test('one page while the newest page holds every note, or before it is measured', () => {
  expect(visitPages(notes, ['office', 'yard', 'workshop'], 12)).toEqual([null]);
  expect(visitPages(notes, ['office', 'yard', 'workshop'], null)).toEqual([null]);
});

test('only the places with a note the newest page could not hold take a turn', () => {
  // Eight on the newest page: the workshop's two and the yard's four are all on it, and two
  // of the office's: the office alone has notes left to show.
  expect(visitPages(notes, ['office', 'yard', 'workshop'], 8)).toEqual([null, 'office']);
  // Five: the yard has one left, the office all of its own.
  expect(visitPages(notes, ['office', 'yard', 'workshop'], 5)).toEqual([null, 'office', 'yard']);
  // A note without a place is on no place's page: it makes no page of its own.
  expect(visitPages([...notes, note('n0', null, 1)], ['office', 'yard', 'workshop'], 12)).toEqual([null]);
});
