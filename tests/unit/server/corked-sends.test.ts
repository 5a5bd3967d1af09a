// What one event-loop turn sends to one client leaves together at the end of the turn
// (Connection.send corks the socket, uncorkAll sends it): over real websockets, every frame
// arrives in order, and no socket stays corked, whatever the mix of send, sendNow and
// uncorkAll in the turn.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { uncorkAll, type Connection } from '../../../server/sync/Connection.ts';
import { wireMessage } from '../../../server/sync/wire.ts';
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

/** A message of `length` bytes whose bytes say its length and place (a shifted or cut frame shows). */
function message(length: number): Uint8Array {
  const m = new Uint8Array(length);
  for (let i = 0; i < length; i++) m[i] = (i * 31 + length) & 0xff;
  return m;
}

describe('Connection: a relay framed once (sendWire)', () => {
  // Around each length where the header changes size (7, 16 and 64 bits).
  const lengths = [0, 1, 125, 126, 127, 65535, 65536, 300_000];

  it('reaches every client whole and in order (the header sizes of 7, 16 and 64 bits), among sends, sends at once and pings, corked and not', async () => {
    const pairs = await Promise.all(Array.from({ length: 30 }, () => connectionPair(actor)));
    try {
      const expected: Uint8Array[] = [];
      const arriving = pairs.map((p) => {
        const got: Buffer[] = [];
        const count = lengths.length * 2 + 1;
        return new Promise<Buffer[]>((resolve) => {
          p.client.on('message', (data: Buffer) => {
            got.push(data);
            if (got.length === count) resolve(got);
          });
        });
      });
      for (const length of lengths) {
        const wire = wireMessage(message(length));
        const single = message(length + 1);
        for (const p of pairs) {
          p.conn.sendWire(wire);
          p.conn.ws.ping();
          p.conn.send(single);
        }
        expected.push(wire.message, single);
        // Half the lengths cross a turn's end (uncorked), half stay in one turn.
        if (length % 2 === 1) await nextTurn();
      }
      const last = wireMessage(message(3));
      for (const p of pairs) void p.conn.sendNow(last.message);
      expected.push(last.message);
      for (const got of await Promise.all(arriving)) {
        expect(got.map((b) => b.byteLength)).toEqual(expected.map((m) => m.byteLength));
        got.forEach((b, i) => expect(b.equals(Buffer.from(expected[i] ?? [])), `message ${i}`).toBe(true));
      }
      for (const p of pairs) expect(socketOf(p.conn).writableCorked).toBe(0);
    } finally {
      for (const p of pairs) p.close();
    }
  });

  it('sends nothing to a closed client', async () => {
    const pair = await connectionPair(actor);
    try {
      const closed = new Promise<number>((resolve) => pair.client.once('close', (code: number) => resolve(code)));
      pair.conn.close(4000, 'bye');
      expect(await closed).toBe(4000);
      const socket = socketOf(pair.conn);
      const before = socket?.bytesWritten ?? 0;
      pair.conn.sendWire(wireMessage(message(10)));
      expect(socket?.bytesWritten ?? 0).toBe(before);
    } finally {
      pair.close();
    }
  });
});
