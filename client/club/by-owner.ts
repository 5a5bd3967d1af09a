import type { FollowedAction } from '../../shared/club.ts';
import { distinctNames } from '../components/people-names.ts';

export interface OwnerActions {
  /** The owner's member id, '' for the actions nobody carries yet. */
  readonly ownerId: string;
  /** His name, numbered when another owner bears it too ("Marc Duret (2)"). */
  readonly label: string;
  readonly actions: readonly FollowedAction[];
}

/**
 * Actions by owner, in the order owners first appear: by who carries them, not by name. By
 * name, two members called alike had one heading, their actions under it as one person's.
 */
export function actionsByOwner(actions: readonly FollowedAction[], noOwner: string): OwnerActions[] {
  const byId = new Map<string, { name: string; actions: FollowedAction[] }>();
  for (const a of actions) {
    const id = a.ownerId ?? '';
    const entry = byId.get(id) ?? { name: id ? a.ownerName : noOwner, actions: [] };
    entry.actions.push(a);
    byId.set(id, entry);
  }
  const labels = distinctNames([...byId].map(([participantId, e]) => ({ participantId, name: e.name })));
  return [...byId].map(([ownerId, e]) => ({ ownerId, label: labels.get(ownerId) ?? e.name, actions: e.actions }));
}
