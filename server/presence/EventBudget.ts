/**
 * A token bucket per socket: each presence or facilitation event costs a write to the
 * presence store and a broadcast to the whole session, so a client may send a burst
 * (`burst` events) and then `perSecond` a second; beyond that its events are dropped.
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
