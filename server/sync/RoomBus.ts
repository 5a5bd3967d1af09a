/**
 * How a room's document updates and awareness reach the same room on other instances.
 * Each instance joins a room's channel while it holds the room in memory; what one
 * member of the channel publishes reaches every other member, never itself.
 *
 * The in-process bus connects instances living in one process (tests, and a single node
 * where it costs nothing); a Redis-backed bus implements the same interface for
 * instances on several machines.
 */
export type BusHandler = (frame: Uint8Array) => void;

export interface BusMembership {
  publish(frame: Uint8Array): void;
  leave(): void;
}

export interface RoomBus {
  /** Resolves once the membership receives everything published after it. */
  join(roomId: string, onFrame: BusHandler): Promise<BusMembership>;
  /**
   * For a bus that can miss frames while disconnected: called when it is connected again,
   * so that rooms catch up from the shared store.
   */
  onReconnect?(listener: () => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements RoomBus {
  readonly #channels = new Map<string, Set<BusHandler>>();

  async join(roomId: string, onFrame: BusHandler): Promise<BusMembership> {
    let members = this.#channels.get(roomId);
    if (!members) {
      members = new Set();
      this.#channels.set(roomId, members);
    }
    const channel = members;
    // Each membership gets its own identity, even when two share a handler function.
    const self: BusHandler = (frame) => onFrame(frame);
    channel.add(self);
    return {
      publish: (frame) => {
        if (channel.size < 2) return;
        for (const member of channel) if (member !== self) member(frame);
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
