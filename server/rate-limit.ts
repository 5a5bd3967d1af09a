// Budgets for what clients may ask of the server.

/**
 * A token bucket: a burst of `burst` events, then `perSecond` a second. Each Socket.IO
 * socket has one (a presence or facilitation event costs a write to the presence store
 * and a broadcast to the whole session); `AddressLimit` keeps one per client address.
 */
export class EventBudget {
  readonly #burst: number;
  readonly #perSecond: number;
  #tokens: number;
  #at: number;

  constructor(burst = 20, perSecond = 5, now = Date.now()) {
    this.#burst = burst;
    this.#perSecond = perSecond;
    this.#tokens = burst;
    this.#at = now;
  }

  /** Spends one event if the budget allows it. */
  take(now = Date.now()): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** How long until one more event is allowed (0 if one is allowed now). */
  msUntilNext(now = Date.now()): number {
    this.#refill(now);
    // Less a nanosecond: 10,000.000001 ms of float error is still 10 s.
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / this.#perSecond) * 1000 - 1e-6);
  }

  /** Whether the budget is whole again, so that forgetting it changes nothing. */
  isFull(now = Date.now()): boolean {
    this.#refill(now);
    return this.#tokens >= this.#burst;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
  }
}

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

  /** The ms `address` must wait before it may spend again (0: now), spending nothing. */
  wait(address: string, now = Date.now()): number {
    return this.#budgets.get(address)?.msUntilNext(now) ?? 0;
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

/** One socket's hold on its key's event budget. */
export interface HeldEventBudget {
  /** Spends one event of the shared budget if it allows it. */
  take(now?: number): boolean;
  /** The socket is gone. Idempotent. */
  release(): void;
}

/**
 * Event budgets shared by the Socket.IO sockets of one key (realtime.ts: one person's
 * credential; a socket on a link, which everyone shares, is a key of its own): `hold` hands
 * out the budget of `key` and counts the socket, `release` when it disconnects. A budget
 * nobody holds is forgotten once it is whole again, so that closing sockets never buys a
 * fresh one.
 */
export class SharedEventBudgets {
  readonly #budgets = new Map<string, { budget: EventBudget; holders: number }>();
  #sweptAt = 0;

  hold(key: string, now = Date.now()): HeldEventBudget {
    if (now - this.#sweptAt >= 1000) this.#sweep(now);
    let entry = this.#budgets.get(key);
    if (!entry) this.#budgets.set(key, (entry = { budget: new EventBudget(), holders: 0 }));
    entry.holders += 1;
    const held = entry;
    let released = false;
    return {
      take: (at = Date.now()) => held.budget.take(at),
      release: () => {
        if (released) return;
        released = true;
        held.holders -= 1;
      },
    };
  }

  #sweep(now: number): void {
    this.#sweptAt = now;
    for (const [key, entry] of this.#budgets) if (entry.holders === 0 && entry.budget.isFull(now)) this.#budgets.delete(key);
  }
}
