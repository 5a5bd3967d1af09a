import { describe, expect, it } from 'vitest';
import { AddressLimit, EventBudget } from '../../../server/rate-limit.ts';

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

describe('AddressLimit', () => {
  it('gives each address its own budget and says how long to wait', () => {
    const limit = new AddressLimit(2);
    expect([limit.take('a', 0), limit.take('a', 0)]).toEqual([0, 0]);
    // Two a minute: the next one in 30 s.
    expect(limit.take('a', 0)).toBe(30_000);
    expect(limit.take('a', 20_000)).toBe(10_000);
    expect(limit.take('b', 20_000)).toBe(0);
    expect(limit.take('a', 30_000)).toBe(0);
  });

  it('forgets addresses whose budget is whole again', () => {
    const limit = new AddressLimit(2);
    limit.take('a', 0);
    limit.take('b', 59_000);
    expect(limit.size).toBe(2);
    // A minute on, a's budget is whole again (b's is not), so a is forgotten.
    limit.take('c', 60_000);
    expect(limit.size).toBe(2);
    limit.take('a', 60_000);
    expect(limit.take('a', 60_000)).toBe(0);
  });
});
