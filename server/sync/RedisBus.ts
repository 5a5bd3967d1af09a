import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Redis } from '../redis.ts';
import type { BusListener, BusMembership, RoomBus } from './RoomBus.ts';

const ID_BYTES = 8;
/** After the instance id, one byte says what follows. */
const Kind = { Frame: 0, Resync: 1 } as const;

interface Channel {
  listeners: Set<BusListener>;
  /** A publish failed: the others missed frames and must be told to catch up. */
  owesResync: boolean;
  /** Subscribing failed (Redis was away): done again when Redis is back. */
  unsubscribed: boolean;
}

/**
 * Fans a room's frames out to the same room on other instances through Redis pub/sub:
 * one channel per room, subscribed while this instance holds the room. Each message
 * carries the publishing instance's id, so an instance skips its own.
 *
 * Pub/sub delivers at most once. Whatever was published is also in the shared store, so
 * a gap is mended from there: when our subscriber connection comes back, every room we
 * hold catches up from storage; when a publish of ours failed, we ask the others to
 * catch up as soon as we can publish again.
 */
export class RedisBus implements RoomBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #instance = randomBytes(ID_BYTES);
  readonly #channels = new Map<string, Channel>();
  #subDown = false;
  #pubDown = false;

  constructor(pub: Redis, sub: Redis, log: Logger, prefix = 'entraide:room:') {
    this.#pub = pub;
    this.#sub = sub;
    this.#log = log;
    this.#prefix = prefix;
    sub.on('error', () => (this.#subDown = true));
    // node-redis subscribes again before it reports ready: from then on nothing is missed,
    // and storage holds everything published before.
    sub.on('ready', () => {
      if (!this.#subDown) return;
      this.#subDown = false;
      for (const [roomId, channel] of this.#channels) {
        if (channel.unsubscribed) void this.#subscribe(roomId, channel);
        for (const listener of channel.listeners) listener.resync();
      }
    });
    pub.on('error', () => (this.#pubDown = true));
    pub.on('ready', () => {
      if (!this.#pubDown) return;
      this.#pubDown = false;
      for (const [roomId, channel] of this.#channels) {
        if (!channel.owesResync) continue;
        channel.owesResync = false;
        this.#send(roomId, channel, Kind.Resync, new Uint8Array(0));
      }
    });
  }

  async join(roomId: string, listener: BusListener): Promise<BusMembership> {
    let channel = this.#channels.get(roomId);
    if (!channel) {
      const created: Channel = { listeners: new Set(), owesResync: false, unsubscribed: false };
      this.#channels.set(roomId, created);
      // While Redis is away a document still opens for this instance's clients (issue 10):
      // storage holds everything, and the room catches up from it once subscribed.
      await this.#subscribe(roomId, created);
      channel = created;
    }
    const joined = channel;
    const self: BusListener = { frame: (f) => listener.frame(f), resync: () => listener.resync() };
    joined.listeners.add(self);
    return {
      publish: (frame) => {
        this.#send(roomId, joined, Kind.Frame, frame);
        // Another membership of this room on this instance (several apps in one process).
        for (const other of joined.listeners) if (other !== self) other.frame(frame);
      },
      leave: () => {
        joined.listeners.delete(self);
        if (joined.listeners.size > 0 || this.#channels.get(roomId) !== joined) return;
        this.#channels.delete(roomId);
        this.#sub.unsubscribe(this.#prefix + roomId).catch(() => {});
      },
    };
  }

  async close(): Promise<void> {
    this.#channels.clear();
  }

  async #subscribe(roomId: string, channel: Channel): Promise<void> {
    try {
      await this.#sub.subscribe(this.#prefix + roomId, (message: Buffer) => this.#receive(channel, message), true);
      channel.unsubscribed = false;
    } catch (err) {
      channel.unsubscribed = true;
      this.#subDown = true;
      this.#log.warn({ err: (err as Error).message, room: roomId }, 'could not subscribe to other instances; will when Redis answers');
    }
  }

  #send(roomId: string, channel: Channel, kind: number, payload: Uint8Array): void {
    const message = Buffer.concat([this.#instance, Buffer.of(kind), payload]);
    this.#pub.publish(this.#prefix + roomId, message).catch((err: unknown) => {
      channel.owesResync = true;
      this.#pubDown = true;
      this.#log.warn({ err: (err as Error).message, room: roomId }, 'could not publish to other instances; they catch up when Redis answers');
    });
  }

  #receive(channel: Channel, message: Buffer): void {
    if (message.length <= ID_BYTES || message.subarray(0, ID_BYTES).equals(this.#instance)) return;
    const kind = message[ID_BYTES];
    const payload = message.subarray(ID_BYTES + 1);
    for (const listener of channel.listeners) {
      if (kind === Kind.Frame) listener.frame(payload);
      else if (kind === Kind.Resync) listener.resync();
    }
  }
}
