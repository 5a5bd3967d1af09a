// What one entry of a session document may hold. The UI's fields stop at these lengths
// (`maxLength`) and the server refuses a write past them (server/sync/UpdateGate.ts), so a
// script writing the document directly gets no further than the form would.

/** Longest text, in UTF-16 code units as `maxLength` counts them. */
export const TEXT_MAX = {
  /** A person's display name (participants, authors, owners). */
  name: 120,
  title: 200,
  company: 200,
  sticky: 500,
  visitNote: 2000,
  question: 1000,
  answer: 2000,
  station: 80,
  group: 80,
  action: 500,
  decision: 5000,
  learning: 2000,
  /** One section of the host's presentation, as plain text. */
  section: 20_000,
} as const;

/** Ideas one person may have on the board at once. */
export const STICKIES_PER_PERSON = 200;
