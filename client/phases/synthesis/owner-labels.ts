import type { ActionItem } from '../../../shared/session/index.ts';
import { distinctNames } from '../../components/people-names.ts';

/** Each owner's label on the plan, by owner id: his name, numbered when another owner bears it too. */
export function ownerLabels(actions: readonly ActionItem[]): Map<string, string> {
  return distinctNames(actions.flatMap((a) => (a.ownerId ? [{ participantId: a.ownerId, name: a.ownerName }] : [])));
}
