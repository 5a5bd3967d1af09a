/**
 * How a room's document updates and awareness reach the same room on other instances.
 * Each instance joins a room's channel while it holds the room in memory; what one
 * member of the channel publishes reaches every other member, never itself.
 *
 * The in-process bus serves a single instance (and connects instances living in one
 * process, as tests do); RedisBus implements the same interface across machines.
 */
export interface BusListener {
  /** A frame (document update or awareness) published by another member. */
  frame(frame: Uint8Array): void;
  /** Frames may have been lost: catch up from the shared store. */
  resync(): void;
}

export interface BusMembership {
  publish(frame: Uint8Array): void;
  leave(): void;
}

export interface RoomBus {
  /** Resolves once the membership receives everything published after it. */
  join(roomId: string, listener: BusListener): Promise<BusMembership>;
  close(): Promise<void>;
}

export class InProcessBus implements RoomBus {
  readonly #channels = new Map<string, Set<BusListener>>();

  async join(roomId: string, listener: BusListener): Promise<BusMembership> {
    let members = this.#channels.get(roomId);
    if (!members) {
      members = new Set();
      this.#channels.set(roomId, members);
    }
    const channel = members;
    // Each membership gets its own identity, even when two share a listener object.
    const self: BusListener = { frame: (f) => listener.frame(f), resync: () => listener.resync() };
    channel.add(self);
    return {
      publish: (frame) => {
        if (channel.size < 2) return;
        for (const member of channel) if (member !== self) member.frame(frame);
      },
      leave: () => {
        channel.delete(self);
        if (channel.size === 0 && this.#channels.get(roomId) === channel) this.#channels.delete(roomId);
      },
    };
  }

  async close(): Promise<void> {
    this.#channels.clear();
  }
}
