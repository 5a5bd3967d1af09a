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
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
