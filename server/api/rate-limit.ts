import { EventBudget } from '../presence/EventBudget.ts';

/**
 * A budget per client address: `perMinute` requests at once, then `perMinute` a minute.
 * Budgets that are whole again are forgotten, so a flood of addresses costs memory only
 * while it lasts.
 */
export class AddressLimit {
  readonly #perMinute: number;
  readonly #budgets = new Map<string, EventBudget>();
  #sweptAt = 0;

  constructor(perMinute: number) {
    this.#perMinute = perMinute;
  }

  /** Spends one request of `address`; returns 0 if allowed, else the ms to wait. */
  take(address: string, now = Date.now()): number {
    this.#sweep(now);
    let budget = this.#budgets.get(address);
    if (!budget) {
      budget = new EventBudget(this.#perMinute, this.#perMinute / 60, now);
      this.#budgets.set(address, budget);
    }
    return budget.take(now) ? 0 : budget.msUntilNext(now);
  }

  /** Addresses currently remembered (for tests and metrics). */
  get size(): number {
    return this.#budgets.size;
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < 60_000) return;
    this.#sweptAt = now;
    for (const [address, budget] of this.#budgets) if (budget.isFull(now)) this.#budgets.delete(address);
  }
}
