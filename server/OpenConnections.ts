import type { Duplex } from 'node:stream';

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

/** Refusals of one token or address in a second after which its upgrades get a bare 429. */
export const REPEAT_REFUSALS = 3;
/**
 * How long that bare 429 is held back. A client refused that way retries as soon as it is
 * answered (Socket.IO's reconnection, a script's loop): answered at once, 180 sockets over
 * their token's limit came back 2,000 times a second. Held, each comes back about once a
 * second, and a held socket costs no CPU.
 */
export const TARPIT_MS = 1000;
/** Sockets held back at most at once; past it, the next ones are closed without an answer. */
export const TARPIT_MAX = 512;

export type Admission = { ok: true; release(): void } | { ok: false; reason: string };

export class OpenConnections {
  readonly #limits: OpenConnectionLimits;
  readonly #byToken = { sync: new Map<string, number>(), socket: new Map<string, number>() };
  readonly #byAddress = new Map<string, number>();
  /** Refusals in the current second, per `kind token` and per address. */
  #refusals = new Map<string, number>();
  #second = 0;
  /** Sockets held back before their bare 429 (holdBack). */
  #heldBack = 0;

  readonly #tarpit: { ms: number; max: number };

  constructor(limits: OpenConnectionLimits, tarpit = { ms: TARPIT_MS, max: TARPIT_MAX }) {
    this.#limits = limits;
    this.#tarpit = tarpit;
  }

  /** Sockets held back now (holdBack). */
  get heldBack(): number {
    return this.#heldBack;
  }

  /**
   * Whether this token or address was refused for too many connections REPEAT_REFUSALS times
   * already this second: a client reconnecting in a loop, told why the first times. The
   * upgrade is then answered with a bare 429 before any token lookup or handshake, which
   * costs the server a fraction of a refusal inside the protocol, and held back (holdBack).
   */
  refusedLately(kind: ConnectionKind, token: string, address: string, now = Date.now()): boolean {
    this.#tick(now);
    return (this.#refusals.get(`${kind} ${token}`) ?? 0) >= REPEAT_REFUSALS || (this.#refusals.get(address) ?? 0) >= REPEAT_REFUSALS;
  }

  /**
   * Answers `socket` with `answer` after TARPIT_MS (at once if the client closes first), or
   * closes it now when TARPIT_MAX sockets are held already.
   */
  holdBack(socket: Duplex, answer: () => void): void {
    if (this.#heldBack >= this.#tarpit.max) {
      socket.destroy();
      return;
    }
    this.#heldBack += 1;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      this.#heldBack -= 1;
      clearTimeout(timer);
      answer();
    };
    const timer = setTimeout(finish, this.#tarpit.ms);
    timer.unref();
    socket.once('close', finish);
  }

  /** Counts a new connection, or says why it is refused. `release` is idempotent. */
  admit(kind: ConnectionKind, token: string, address: string): Admission {
    const perToken = kind === 'sync' ? this.#limits.syncPerToken : this.#limits.socketsPerToken;
    const tokens = this.#byToken[kind];
    if (perToken > 0 && (tokens.get(token) ?? 0) >= perToken) {
      this.#refused(`${kind} ${token}`);
      return { ok: false, reason: `too many connections on this link (${perToken} open at most)` };
    }
    if (this.#limits.perAddress > 0 && (this.#byAddress.get(address) ?? 0) >= this.#limits.perAddress) {
      this.#refused(address);
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

  #refused(key: string): void {
    this.#tick(Date.now());
    this.#refusals.set(key, (this.#refusals.get(key) ?? 0) + 1);
  }

  #tick(now: number): void {
    const second = Math.floor(now / 1000);
    if (second === this.#second) return;
    this.#second = second;
    this.#refusals = new Map();
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
