// The club's open actions by owner (the club page, the follow-up round): grouped by name, two
// members called alike had one heading, their actions under it as one person's.
import { describe, expect, it } from 'vitest';
import type { FollowedAction } from '../../../shared/club.ts';
import { actionsByOwner } from '../../../client/club/by-owner.ts';

const action = (actionId: string, ownerId: string | null, ownerName: string) =>
  ({ actionId, ownerId, ownerName, sessionId: 's', sessionTitle: 't', sessionDate: '2026-12-01', text: actionId, due: null, status: 'todo', note: '' }) as unknown as FollowedAction;

describe('actionsByOwner', () => {
  it('keeps two owners of one name apart, numbered, and the actions nobody carries under their own heading', () => {
    const owners = actionsByOwner(
      [action('a', 'm1', 'Marc Duret'), action('b', 'm2', 'Marc Duret'), action('c', 'm1', 'Marc Duret'), action('d', null, ''), action('e', 'm3', 'Nina Roche')],
      'À définir',
    );
    expect(owners.map((o) => [o.ownerId, o.label, o.actions.map((a) => a.actionId)])).toEqual([
      ['m1', 'Marc Duret (1)', ['a', 'c']],
      ['m2', 'Marc Duret (2)', ['b']],
      ['', 'À définir', ['d']],
      ['m3', 'Nina Roche', ['e']],
    ]);
  });
});
