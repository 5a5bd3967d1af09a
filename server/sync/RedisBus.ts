import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Redis } from '../redis.ts';
import type { BusHandler, BusMembership, RoomBus } from './RoomBus.ts';

const ID_BYTES = 8;

/**
 * Fans a room's frames out to the same room on other instances through Redis pub/sub:
 * one channel per room, subscribed while this instance holds the room. Each message is
 * prefixed with the publishing instance's id, so an instance skips its own.
 *
 * Pub/sub delivers at most once: while Redis is away, frames published elsewhere are
 * lost to us. They are in the shared store, though, so when the connection comes back
 * every listener of `onReconnect` resyncs its rooms from storage.
 */
export class RedisBus implements RoomBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #instance = randomBytes(ID_BYTES);
  readonly #rooms = new Map<string, Set<BusHandler>>();
  readonly #reconnectListeners = new Set<() => void>();
  #wasDown = false;

  constructor(pub: Redis, sub: Redis, log: Logger, prefix = 'entraide:room:') {
    this.#pub = pub;
    this.#sub = sub;
    this.#log = log;
    this.#prefix = prefix;
    const down = () => {
      this.#wasDown = true;
    };
    const up = () => {
      if (!this.#wasDown) return;
      this.#wasDown = false;
      for (const listener of this.#reconnectListeners) listener();
    };
    for (const client of [pub, sub]) {
      client.on('error', down);
      client.on('end', down);
      client.on('ready', up);
    }
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  async join(roomId: string, onFrame: BusHandler): Promise<BusMembership> {
    const channel = this.#prefix + roomId;
    let handlers = this.#rooms.get(roomId);
    if (!handlers) {
      handlers = new Set();
      this.#rooms.set(roomId, handlers);
      const members = handlers;
      await this.#sub.subscribe(
        channel,
        (message: Buffer) => {
          if (message.length < ID_BYTES || message.subarray(0, ID_BYTES).equals(this.#instance)) return;
          const frame = message.subarray(ID_BYTES);
          for (const handler of members) handler(frame);
        },
        true,
      );
    }
    const self: BusHandler = (frame) => onFrame(frame);
    handlers.add(self);
    return {
      publish: (frame) => {
        const message = Buffer.concat([this.#instance, frame]);
        this.#pub.publish(channel, message).catch((err: unknown) => {
          this.#log.warn({ err: (err as Error).message, room: roomId }, 'could not publish to other instances; they resync when Redis is back');
        });
        // Another local membership of the same room (several apps in one process) too.
        for (const member of handlers) if (member !== self) member(frame);
      },
      leave: () => {
        handlers.delete(self);
        if (handlers.size > 0 || this.#rooms.get(roomId) !== handlers) return;
        this.#rooms.delete(roomId);
        this.#sub.unsubscribe(channel).catch(() => {});
      },
    };
  }

  async close(): Promise<void> {
    this.#rooms.clear();
    this.#reconnectListeners.clear();
  }
}
