// Names and titles as people read them, the same on every device and on the server: "Trésorerie",
// "trésorerie " and "TRESORERIE" are one. Two people of one name (people-names.ts in the
// client), and two groups of one title (shared/session/group-merge.ts), are told apart by it.

/** A name as people read it: no case, accents or extra spaces. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim();
}
