import { stat } from 'node:fs';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { connectionPair } from '../../helpers/clients.ts';
import { HIGH_WATER_FRAMES, Inbox, SLICE_BYTES, SLICE_FRAMES } from '../../../server/sync/Inbox.ts';

/** Past the next turn's timers phase, where a backlog goes on, and its check phase. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));

/** Which event-loop turn it is: a number that moves on at every check phase. */
function turnCounter(): { now: () => number; stop: () => void } {
  let turn = 0;
  let ticking = true;
  const tick = (): void => {
    turn += 1;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => (ticking = false) };
}

function countPerTurn(handled: ReadonlyArray<{ turn: number }>): Map<number, number> {
  const perTurn = new Map<number, number>();
  for (const { turn } of handled) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
  return perTurn;
}

function frame(n: number, bytes = 4): Uint8Array {
  const f = new Uint8Array(bytes);
  new DataView(f.buffer).setUint32(0, n);
  return f;
}

const numberOf = (f: Uint8Array): number => new DataView(f.buffer, f.byteOffset).getUint32(0);

describe('Inbox: one connection never holds a whole turn of the event loop', () => {
  it('handles a slice of a burst in this turn and the rest in the next ones, in order', async () => {
    const turns = turnCounter();
    const handled: Array<{ n: number; turn: number }> = [];
    const inbox = new Inbox({ ready: () => true, handle: (f) => handled.push({ n: numberOf(f), turn: turns.now() }), backlog: () => {} });
    for (let i = 0; i < 100; i++) inbox.push(frame(i));
    expect(handled).toHaveLength(SLICE_FRAMES);
    await vi.waitFor(() => expect(handled).toHaveLength(100));
    turns.stop();
    expect(handled.map((h) => h.n)).toEqual([...Array(100).keys()]);
    const perTurn = countPerTurn(handled);
    expect(Math.max(...perTurn.values())).toBe(SLICE_FRAMES);
    expect(perTurn.size).toBe(Math.ceil(100 / SLICE_FRAMES));
  });

  it('handles one large frame a turn', async () => {
    const turns = turnCounter();
    const handled: Array<{ n: number; turn: number }> = [];
    const inbox = new Inbox({ ready: () => true, handle: (f) => handled.push({ n: numberOf(f), turn: turns.now() }), backlog: () => {} });
    for (let i = 0; i < 3; i++) inbox.push(frame(i, SLICE_BYTES));
    expect(handled.map((h) => h.n)).toEqual([0]);
    await vi.waitFor(() => expect(handled).toHaveLength(3));
    turns.stop();
    expect(handled.map((h) => h.n)).toEqual([0, 1, 2]);
    expect(Math.max(...countPerTurn(handled).values())).toBe(1);
  });

  it('waits while the connection is not ready (a budget debt), and goes on when drained again', async () => {
    let ready = false;
    const handled: number[] = [];
    const inbox = new Inbox({ ready: () => ready, handle: (f) => handled.push(numberOf(f)), backlog: () => {} });
    inbox.push(frame(1));
    inbox.push(frame(2));
    await nextTurn();
    expect(handled).toEqual([]);
    ready = true;
    inbox.drain();
    expect(handled).toEqual([1, 2]);
  });

  it('says when its backlog passes the high water mark, and when it is down to half', async () => {
    let ready = false;
    const backlog: boolean[] = [];
    const inbox = new Inbox({ ready: () => ready, handle: () => {}, backlog: (full) => backlog.push(full) });
    for (let i = 0; i <= HIGH_WATER_FRAMES; i++) inbox.push(frame(i));
    expect(backlog).toEqual([true]);
    ready = true;
    while (inbox.size > 0) {
      inbox.drain();
      await nextTurn();
    }
    expect(backlog).toEqual([true, false]);
  });

  it('drops what waits once closed', async () => {
    const handled: number[] = [];
    const inbox = new Inbox({ ready: () => true, handle: (f) => handled.push(numberOf(f)), backlog: () => {} });
    for (let i = 0; i < SLICE_FRAMES + 10; i++) inbox.push(frame(i));
    inbox.close();
    inbox.push(frame(999));
    await nextTurn();
    expect(handled).toHaveLength(SLICE_FRAMES);
    expect(inbox.size).toBe(0);
  });

  it('goes on only after what the other connections queued in the same turn, and sends what is corked first', async () => {
    // A real socket pair: the relay of another session's note is corked until the turn ends.
    const pair = await connectionPair({ participantId: 'p-reader', name: 'Lecteur', role: 'member' });
    const reader = pair.conn;
    const readerSocket = (reader.ws as unknown as { _socket: Socket })._socket;

    const order: string[] = [];
    const inbox = new Inbox({
      ready: () => true,
      handle: (f) => order.push(`frame ${numberOf(f)}${readerSocket.writableCorked > 0 ? ' (relay still corked)' : ''}`),
      backlog: () => {},
    });
    // In a poll phase (an I/O callback), as when sockets are read: a flooder's read holds
    // three large frames, and another connection's frame queues its group commit, whose
    // relay (a promise callback) is corked.
    stat('.', () => {
      for (let i = 0; i < 3; i++) inbox.push(frame(i, SLICE_BYTES));
      setImmediate(() => {
        order.push('commit');
        void Promise.resolve().then(() => reader.send(Uint8Array.of(0, 2, 0)));
      });
    });
    await vi.waitFor(() => expect(order).toHaveLength(4));
    expect(order).toEqual(['frame 0', 'commit', 'frame 1', 'frame 2']);
    pair.close();
  });
});
