// Two people of a room may bear one name (two "Philippe", each typed his first name only):
// lists where one is chosen or told apart label them "Philippe (1)", "Philippe (2)", and the
// notice in the room (SharedNameNotice) asks each to add what tells him apart.
import { nameKey } from '../../shared/name-key.ts';

/**
 * The label of each person, by participant id: his name, numbered when another person of the
 * list bears the same one, in the order of their ids: every list, on every device, numbers
 * the same person alike (the list of people, the host's owners, the plan, the facilitators).
 */
export function distinctNames(people: readonly { readonly participantId: string; readonly name: string }[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const p of people) {
    const ids = byName.get(nameKey(p.name)) ?? [];
    if (!ids.includes(p.participantId)) ids.push(p.participantId);
    byName.set(nameKey(p.name), ids);
  }
  for (const ids of byName.values()) ids.sort();
  const out = new Map<string, string>();
  for (const p of people) {
    const ids = byName.get(nameKey(p.name))!;
    out.set(p.participantId, ids.length > 1 ? `${p.name} (${ids.indexOf(p.participantId) + 1})` : p.name);
  }
  return out;
}
