// Budgets per client address on HTTP requests (server/rate-limit.ts's AddressLimit): who is
// asking, and the 429 with Retry-After once an address has spent its budget.
import type { Request, Response } from 'express';
import type { AddressLimit } from '../rate-limit.ts';
import { HttpError } from './errors.ts';

/** The client's address, as Express reads it (through `TRUST_PROXY`'s proxies). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * What creating a session or a club spends: one budget per address for both
 * (`SESSION_CREATE_PER_MINUTE`), so both refusals name both.
 */
export const CREATIONS = 'sessions and clubs created';

/** Refuses with 429 and Retry-After while `waitMs` > 0; `what` says what was spent (`CREATIONS`). */
export function refuseWhileWaiting(res: Response, waitMs: number, what: string): void {
  if (waitMs <= 0) return;
  res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
  throw new HttpError(429, `too many ${what} from this address: try again in ${Math.ceil(waitMs / 1000)} s`);
}

/** Spends one request of the address's budget, refusing past it. */
export function enforceAddressLimit(limit: AddressLimit | null, req: Request, res: Response, what: string): void {
  refuseWhileWaiting(res, limit?.take(clientAddress(req)) ?? 0, what);
}
