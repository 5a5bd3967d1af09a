/**
 * How many websockets are open per token and per client address (issue 10: one token
 * opened 2,000 websockets; 300 Socket.IO sockets joined under one name). A connection
 * is counted from its upgrade until its socket closes.
 */
export interface OpenConnectionLimits {
  /** Open `/yjs` connections per token. 0: no limit. */
  syncPerToken: number;
  /** Open Socket.IO sockets per token. 0: no limit. */
  socketsPerToken: number;
  /** Open websockets of both kinds per client address. 0: no limit. */
  perAddress: number;
}

export type ConnectionKind = 'sync' | 'socket';

export type Admission = { ok: true; release(): void } | { ok: false; reason: string };

export class OpenConnections {
  readonly #limits: OpenConnectionLimits;
  readonly #byToken = { sync: new Map<string, number>(), socket: new Map<string, number>() };
  readonly #byAddress = new Map<string, number>();

  constructor(limits: OpenConnectionLimits) {
    this.#limits = limits;
  }

  /** Counts a new connection, or says why it is refused. `release` is idempotent. */
  admit(kind: ConnectionKind, token: string, address: string): Admission {
    const perToken = kind === 'sync' ? this.#limits.syncPerToken : this.#limits.socketsPerToken;
    const tokens = this.#byToken[kind];
    if (perToken > 0 && (tokens.get(token) ?? 0) >= perToken) {
      return { ok: false, reason: `too many connections on this link (${perToken} open at most)` };
    }
    if (this.#limits.perAddress > 0 && (this.#byAddress.get(address) ?? 0) >= this.#limits.perAddress) {
      return { ok: false, reason: `too many connections from this address (${this.#limits.perAddress} open at most)` };
    }
    add(tokens, token, 1);
    add(this.#byAddress, address, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        add(tokens, token, -1);
        add(this.#byAddress, address, -1);
      },
    };
  }

  /** Open connections of `kind` on `token` (for tests and metrics). */
  countFor(kind: ConnectionKind, token: string): number {
    return this.#byToken[kind].get(token) ?? 0;
  }
}

function add(counts: Map<string, number>, key: string, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
