import { describe, expect, it } from 'vitest';
import { EventBudget } from '../../../server/presence/EventBudget.ts';

describe('EventBudget', () => {
  it('allows a burst, then the sustained rate', () => {
    const budget = new EventBudget(3, 2, 0);
    expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
    // Two a second: one more after half a second, none in between.
    expect(budget.take(400)).toBe(false);
    expect(budget.take(500)).toBe(true);
    expect(budget.take(500)).toBe(false);
  });

  it('refills up to the burst and no further', () => {
    const budget = new EventBudget(2, 10, 0);
    budget.take(0);
    budget.take(0);
    const after = Array.from({ length: 3 }, () => budget.take(60_000));
    expect(after).toEqual([true, true, false]);
  });
});
