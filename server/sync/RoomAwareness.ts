import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessageError } from './messages.ts';

/**
 * Who is here and where they look (names, colours, cursors) in one session document:
 * the y-protocols awareness state of every client, held by the server as a state, not
 * relayed as a stream.
 *
 * y-websocket's provider re-broadcasts every awareness change it receives, whoever made
 * it (its update handler ignores the origin). Relaying frames as they come would send
 * each cursor move back out once per listener: about N² frames per move in a room of N.
 * So each entry of a message is applied here first, and only the entries that change
 * something (a newer clock, or a removal) are relayed, re-encoded as one message. Echoes
 * of states already held are absorbed without a word: they are the stock provider's
 * normal traffic, never a reason to close anybody.
 *
 * Nobody speaks for another: a client id belongs to the connection that first announced
 * it, while that connection is open. An entry for an id another open connection owns
 * (a newer state, a removal, another name) changes nothing and is not relayed. The limit
 * per connection counts the ids it owns, never the ids it echoes. Entries that arrive
 * from other instances (the bus) were checked there; they are held as owned by the bus
 * and may never override an id a local connection owns.
 */

/** Who may own an awareness client id: a connection on this instance, or the bus. */
export type AwarenessOwner = object | symbol;

interface Entry {
  clock: number;
  /** The state as UTF-8 JSON, exactly as received: relayed without a decode/parse/stringify trip. */
  state: Uint8Array | null;
  owner: AwarenessOwner | null;
  updatedAt: number;
}

export interface RoomAwarenessOptions {
  /** Distinct client ids one connection may own (a tab has one). */
  maxClientsPerConnection: number;
  /** Largest awareness message accepted, in bytes. */
  maxMessageBytes: number;
  /**
   * Largest state of one client (its JSON), in bytes: a name, a colour and a cursor take a
   * few hundred. Issue 10: 60 KB states sent non-stop to 30 members made 2.4 GB in 10 s.
   */
  maxStateBytes: number;
  /** A state not renewed for this long is removed (y-protocols' outdatedTimeout). */
  outdatedMs: number;
  /**
   * Whether `claimant` may take over an id that `owner` holds: the same person on a
   * fresh socket before the server noticed the old one was gone.
   */
  mayTakeOver?: (claimant: AwarenessOwner, owner: AwarenessOwner) => boolean;
}

export const DEFAULT_AWARENESS_OPTIONS: RoomAwarenessOptions = {
  maxClientsPerConnection: 4,
  maxMessageBytes: 64 * 1024,
  maxStateBytes: 4096,
  outdatedMs: 30_000,
};

/** The result of applying one message: what to relay, if anything changed. */
export interface AwarenessChange {
  /** The awareness update (y-protocols encoding) of the entries that changed. */
  readonly update: Uint8Array;
  /** The client ids of those entries. */
  readonly ids: readonly number[];
}

interface IncomingEntry {
  id: number;
  clock: number;
  /**
   * The state's UTF-8 JSON as a view into the message, null for a removal. Only entries
   * that change something are parsed (checked) and copied: an echo costs two varuints.
   */
  state: Uint8Array | null;
}

export class RoomAwareness {
  readonly #entries = new Map<number, Entry>();
  readonly #owned = new Map<AwarenessOwner, Set<number>>();
  readonly #opts: RoomAwarenessOptions;

  constructor(opts: Partial<RoomAwarenessOptions> = {}) {
    this.#opts = { ...DEFAULT_AWARENESS_OPTIONS, ...opts };
  }

  /** How many clients have a state here. */
  get size(): number {
    let n = 0;
    for (const entry of this.#entries.values()) if (entry.state !== null) n++;
    return n;
  }

  /** The ids `owner` owns. */
  ownedBy(owner: AwarenessOwner): ReadonlySet<number> {
    return this.#owned.get(owner) ?? EMPTY;
  }

  /**
   * Applies a message from a local connection. Returns the update to relay, or null when
   * it changed nothing. Throws MalformedMessageError for a message that is invalid,
   * too large, or claims more ids than one connection may own.
   */
  receive(conn: AwarenessOwner, update: Uint8Array, now = Date.now()): AwarenessChange | null {
    if (update.byteLength > this.#opts.maxMessageBytes) {
      throw new MalformedMessageError(`awareness update over ${this.#opts.maxMessageBytes} bytes`);
    }
    const incoming = decodeEntries(update);
    for (const e of incoming) {
      if (e.state !== null && e.state.length > this.#opts.maxStateBytes) {
        throw new MalformedMessageError(`awareness state over ${this.#opts.maxStateBytes} bytes`);
      }
    }
    this.#checkNewStates(incoming);
    const owned = this.#owned.get(conn);
    const claims = new Set<number>();
    for (const e of incoming) {
      const held = this.#entries.get(e.id);
      if (e.state !== null && !held?.owner && !owned?.has(e.id) && isNewer(held, e)) claims.add(e.id);
    }
    if (claims.size > 0 && (owned?.size ?? 0) + claims.size > this.#opts.maxClientsPerConnection) {
      throw new MalformedMessageError(`more than ${this.#opts.maxClientsPerConnection} awareness clients on one connection`);
    }
    return this.#apply(conn, incoming, update, now, (held) => {
      if (!held?.owner || held.owner === conn) return true;
      return this.#opts.mayTakeOver?.(conn, held.owner) ?? false;
    });
  }

  /**
   * Applies a message that another instance published (already checked there). It may
   * not override an id that a connection of this instance owns.
   */
  receiveFromBus(bus: AwarenessOwner, update: Uint8Array, now = Date.now()): AwarenessChange | null {
    const incoming = decodeEntries(update);
    this.#checkNewStates(incoming);
    return this.#apply(bus, incoming, update, now, (held) => !held?.owner || held.owner === bus);
  }

  /** A connection left: its states are removed. Returns the removal to relay, if any. */
  leave(conn: AwarenessOwner): AwarenessChange | null {
    const ids = this.#owned.get(conn);
    this.#owned.delete(conn);
    if (!ids || ids.size === 0) return null;
    return this.#remove([...ids]);
  }

  /**
   * Removes states not renewed within outdatedMs, and forgets removals older than twice
   * that (by then no provider still echoes them). Returns the removal to relay, if any.
   */
  sweep(now = Date.now()): AwarenessChange | null {
    const stale: number[] = [];
    for (const [id, entry] of this.#entries) {
      const age = now - entry.updatedAt;
      if (entry.state !== null && age >= this.#opts.outdatedMs) stale.push(id);
      else if (entry.state === null && age >= 2 * this.#opts.outdatedMs) this.#entries.delete(id);
    }
    return stale.length > 0 ? this.#remove(stale) : null;
  }

  /** Every present state, as one awareness update, or null when nobody is here. */
  snapshot(): Uint8Array | null {
    const present: IncomingEntry[] = [];
    for (const [id, entry] of this.#entries) if (entry.state !== null) present.push({ id, clock: entry.clock, state: entry.state });
    return present.length > 0 ? encodeEntries(present) : null;
  }

  /**
   * The present states owned by anyone but `except` (on the bus: the states of this
   * instance's own connections), as one awareness update, or null when there are none.
   */
  snapshotExcept(except: AwarenessOwner): Uint8Array | null {
    const present: IncomingEntry[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.state !== null && entry.owner !== null && entry.owner !== except) present.push({ id, clock: entry.clock, state: entry.state });
    }
    return present.length > 0 ? encodeEntries(present) : null;
  }

  /** What is held now for these ids (a state, or a removal), as one awareness update. */
  encode(ids: Iterable<number>): Uint8Array {
    const held: IncomingEntry[] = [];
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry) held.push({ id, clock: entry.clock, state: entry.state });
    }
    return encodeEntries(held);
  }

  /** The state of one client, parsed (for tests and diagnostics). */
  stateOf(id: number): unknown {
    const state = this.#entries.get(id)?.state;
    return state == null ? null : JSON.parse(UTF8.decode(state));
  }

  /**
   * Parses the states that would change something (the rest are echoes, ignored unread):
   * a malformed one throws; one that is JSON null is a removal.
   */
  #checkNewStates(incoming: IncomingEntry[]): void {
    for (const e of incoming) {
      if (e.state === null || !isNewer(this.#entries.get(e.id), e)) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(UTF8.decode(e.state));
      } catch (err) {
        throw new MalformedMessageError(`invalid awareness update: ${(err as Error).message}`);
      }
      if (parsed === null) e.state = null;
    }
  }

  #apply(
    from: AwarenessOwner,
    incoming: IncomingEntry[],
    original: Uint8Array,
    now: number,
    maySpeak: (held: Entry | undefined) => boolean,
  ): AwarenessChange | null {
    const changed: IncomingEntry[] = [];
    for (const e of incoming) {
      const held = this.#entries.get(e.id);
      if (!maySpeak(held) || !isNewer(held, e)) continue;
      if (e.state === null) {
        // A removal releases the id: its owner may announce it again later.
        if (held) {
          this.#release(e.id, held);
          held.clock = e.clock;
          held.state = null;
          held.updatedAt = now;
        }
      } else {
        // A copy: the view would keep the whole socket read buffer alive.
        const state = e.state.slice();
        const entry = held ?? { clock: e.clock, state, owner: null, updatedAt: now };
        if (entry.owner !== from) {
          if (entry.owner) this.#release(e.id, entry);
          entry.owner = from;
          let ids = this.#owned.get(from);
          if (!ids) this.#owned.set(from, (ids = new Set()));
          ids.add(e.id);
        }
        entry.clock = e.clock;
        entry.state = state;
        entry.updatedAt = now;
        this.#entries.set(e.id, entry);
      }
      changed.push(e);
    }
    if (changed.length === 0) return null;
    // Everything applied: relay the message as it came, with no re-encoding.
    return { update: changed.length === incoming.length ? original : encodeEntries(changed), ids: changed.map((e) => e.id) };
  }

  #remove(ids: number[]): AwarenessChange | null {
    const removed: IncomingEntry[] = [];
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry || entry.state === null) continue;
      this.#release(id, entry);
      // The clock stays: an echo of the removed state (same clock) is then stale.
      entry.state = null;
      entry.updatedAt = Date.now();
      removed.push({ id, clock: entry.clock, state: null });
    }
    return removed.length > 0 ? { update: encodeEntries(removed), ids: removed.map((e) => e.id) } : null;
  }

  #release(id: number, entry: Entry): void {
    if (!entry.owner) return;
    const ids = this.#owned.get(entry.owner);
    ids?.delete(id);
    if (ids && ids.size === 0) this.#owned.delete(entry.owner);
    entry.owner = null;
  }
}

const EMPTY: ReadonlySet<number> = new Set();

/**
 * y-protocols' rule: a newer clock wins; at the same clock only a removal of a present
 * state counts. Everything else is an echo of what is held.
 */
function isNewer(held: Entry | undefined, e: IncomingEntry): boolean {
  if (!held) return e.state !== null;
  return held.clock < e.clock || (held.clock === e.clock && e.state === null && held.state !== null);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NULL_JSON = new TextEncoder().encode('null');

function isNullJson(json: Uint8Array): boolean {
  return json.byteLength === 4 && json[0] === NULL_JSON[0] && json[1] === NULL_JSON[1] && json[2] === NULL_JSON[2] && json[3] === NULL_JSON[3];
}

/**
 * y-protocols' awareness encoding: count, then (client id, clock, state as JSON) each. The
 * JSON is not decoded here: most entries are echoes of states held already (see
 * #checkNewStates). A state that is the JSON text `null` is a removal.
 */
function decodeEntries(update: Uint8Array): IncomingEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: IncomingEntry[] = [];
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarUint8Array(decoder);
      entries.push({ id, clock, state: isNullJson(json) ? null : json });
    }
    return entries;
  } catch (err) {
    throw new MalformedMessageError(`invalid awareness update: ${(err as Error).message}`);
  }
}

function encodeEntries(entries: IncomingEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.id);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarUint8Array(encoder, e.state ?? NULL_JSON);
  }
  return encoding.toUint8Array(encoder);
}
