// What one event-loop turn sends to one client leaves together at the end of the turn
// (Connection.send corks the socket, uncorkAll sends it): over real websockets, every frame
// arrives in order, and no socket stays corked, whatever the mix of send, sendNow and
// uncorkAll in the turn. What is sent in the check phase (a relay after SQLite's group
// commit) leaves in that phase, not in the next turn.
import type { Socket } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { uncorkAfterMicrotasks, uncorkAll, type Connection } from '../../../server/sync/Connection.ts';
import * as Y from 'yjs';
import { createLogger } from '../../../server/logger.ts';
import { SqliteStorage } from '../../../server/storage/sqlite.ts';
import { updateFrame } from '../../../server/sync/messages.ts';
import { Room } from '../../../server/sync/Room.ts';
import { connectionPair } from '../../helpers/clients.ts';
import { tempDir } from '../../helpers/server.ts';

const actor = { participantId: 'p-cork', name: 'Corentin', role: 'member' } as const;

const socketOf = (conn: Connection): Socket => (conn.ws as unknown as { _socket: Socket })._socket;
const frame = (n: number): Uint8Array => new Uint8Array([n]);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The first byte of each of the next `count` frames `client` receives. */
function received(client: WebSocket, count: number): Promise<number[]> {
  const got: number[] = [];
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      got.push(data[0] ?? -1);
      if (got.length === count) {
        client.off('message', onMessage);
        resolve(got);
      }
    };
    client.on('message', onMessage);
  });
}

describe('Connection: corked sends', () => {
  it('holds a turn of frames for many clients, and sends them all, in order, at its end', async () => {
    const pairs = await Promise.all(Array.from({ length: 30 }, () => connectionPair(actor)));
    try {
      const arriving = pairs.map((p) => received(p.client, 3));
      for (let n = 1; n <= 3; n++) for (const p of pairs) p.conn.send(frame(n));
      for (const p of pairs) expect(socketOf(p.conn).writableCorked, 'corked while the turn runs').toBe(1);
      await nextTurn();
      for (const p of pairs) expect(socketOf(p.conn).writableCorked).toBe(0);
      for (const got of await Promise.all(arriving)) expect(got).toEqual([1, 2, 3]);
    } finally {
      for (const p of pairs) p.close();
    }
  });

  it('keeps the order across a send at once, and leaves no socket corked when the same client is corked again in the turn', async () => {
    const pair = await connectionPair(actor);
    const other = await connectionPair(actor);
    try {
      const arriving = received(pair.client, 4);
      const otherArriving = received(other.client, 2);
      pair.conn.send(frame(1));
      other.conn.send(frame(10));
      void pair.conn.sendNow(frame(2));
      expect(socketOf(pair.conn).writableCorked).toBe(0);
      pair.conn.send(frame(3));
      pair.conn.send(frame(4));
      other.conn.send(frame(11));
      expect(socketOf(pair.conn).writableCorked).toBe(1);
      expect(socketOf(other.conn).writableCorked).toBe(1);
      await nextTurn();
      expect(socketOf(pair.conn).writableCorked).toBe(0);
      expect(socketOf(other.conn).writableCorked).toBe(0);
      expect(await arriving).toEqual([1, 2, 3, 4]);
      expect(await otherArriving).toEqual([10, 11]);
    } finally {
      pair.close();
      other.close();
    }
  });

  it('sends a relay made in the check phase before the next turn, and leaves no end-of-turn uncork behind it', async () => {
    const pairs = await Promise.all(Array.from({ length: 30 }, () => connectionPair(actor)));
    try {
      const arriving = pairs.map((p) => received(p.client, 2));
      const immediates = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
      // As the group commit runs: a setImmediate, whose promises' continuations relay.
      const seen = await new Promise<{ corkedAfter: number[]; immediatesBefore: number; immediatesAfter: number }>((resolve) =>
        setImmediate(() => {
          const before = immediates();
          void Promise.resolve().then(() => {
            for (const p of pairs) p.conn.send(frame(1));
            uncorkAfterMicrotasks();
          });
          void Promise.resolve().then(() => {
            for (const p of pairs) p.conn.send(frame(2));
            uncorkAfterMicrotasks();
          });
          // Queued after both: it runs once the relays' microtasks and the uncork ran.
          void Promise.resolve()
            .then(() => undefined)
            .then(() => undefined)
            .then(() => resolve({ corkedAfter: pairs.map((p) => socketOf(p.conn).writableCorked), immediatesBefore: before, immediatesAfter: immediates() }));
        }),
      );
      expect(seen.corkedAfter.every((n) => n === 0), 'every socket sent before the check phase ended').toBe(true);
      expect(seen.immediatesAfter, 'no end-of-turn uncork left for the next turn').toBe(seen.immediatesBefore);
      for (const got of await Promise.all(arriving)) expect(got).toEqual([1, 2]);
    } finally {
      for (const p of pairs) p.close();
    }
  });

  it('a room relays an update stored by the group commit to the others before that check phase ends', async () => {
    const store = new SqliteStorage(path.join(tempDir(), 'entraide.sqlite'));
    const room = new Room('corked', store, createLogger('silent'), {}, undefined, { rules: false });
    const pairs = await Promise.all(Array.from({ length: 8 }, () => connectionPair(actor)));
    try {
      for (const p of pairs) room.join(p.conn);
      await nextTurn();
      const [sender, ...others] = pairs;
      const arriving = others.map((p) => received(p.client, 1));
      const doc = new Y.Doc();
      doc.getMap('board').set('x', 120);
      // receive() resolves in the microtasks that follow the commit, after the relay.
      await room.receive(sender!.conn, updateFrame(Y.encodeStateAsUpdate(doc)));
      expect(others.map((p) => socketOf(p.conn).writableCorked), 'sent, not left for the next turn').toEqual(others.map(() => 0));
      await Promise.all(arriving);
    } finally {
      room.destroy();
      for (const p of pairs) p.close();
      await store.close();
    }
  });

  it('sends what is corked when asked before the turn ends (a backlog about to hold the loop), and corks again after', async () => {
    const pair = await connectionPair(actor);
    try {
      const arriving = received(pair.client, 2);
      pair.conn.send(frame(1));
      uncorkAll();
      expect(socketOf(pair.conn).writableCorked).toBe(0);
      pair.conn.send(frame(2));
      expect(socketOf(pair.conn).writableCorked).toBe(1);
      await nextTurn();
      expect(socketOf(pair.conn).writableCorked).toBe(0);
      expect(await arriving).toEqual([1, 2]);
    } finally {
      pair.close();
    }
  });
});
