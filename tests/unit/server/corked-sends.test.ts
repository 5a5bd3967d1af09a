// What one event-loop turn sends to one client leaves together at the end of the turn
// (Connection.send corks the socket, uncorkAll sends it): over real websockets, every frame
// arrives in order, and no socket stays corked, whatever the mix of send, sendNow and
// uncorkAll in the turn.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { uncorkAll, type Connection } from '../../../server/sync/Connection.ts';
import { connectionPair } from '../../helpers/clients.ts';

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
