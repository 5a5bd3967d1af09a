import { describe, expect, it } from 'vitest';
import { HIGH_WATER_FRAMES, Inbox, SLICE_BYTES, SLICE_FRAMES } from '../../../server/sync/Inbox.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function frame(n: number, bytes = 4): Uint8Array {
  const f = new Uint8Array(bytes);
  new DataView(f.buffer).setUint32(0, n);
  return f;
}

const numberOf = (f: Uint8Array): number => new DataView(f.buffer, f.byteOffset).getUint32(0);

describe('Inbox: one connection never holds a whole turn of the event loop', () => {
  it('handles a slice of a burst in this turn and the rest in the next ones, in order', async () => {
    const handled: number[] = [];
    const inbox = new Inbox({ ready: () => true, handle: (f) => handled.push(numberOf(f)), backlog: () => {} });
    for (let i = 0; i < 100; i++) inbox.push(frame(i));
    expect(handled).toHaveLength(SLICE_FRAMES);
    let turns = 0;
    while (handled.length < 100) {
      await nextTurn();
      turns += 1;
    }
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(100 / SLICE_FRAMES) - 1);
    expect(handled).toEqual([...Array(100).keys()]);
  });

  it('handles one large frame a turn', async () => {
    const handled: number[] = [];
    const inbox = new Inbox({ ready: () => true, handle: (f) => handled.push(numberOf(f)), backlog: () => {} });
    for (let i = 0; i < 3; i++) inbox.push(frame(i, SLICE_BYTES));
    expect(handled).toEqual([0]);
    await nextTurn();
    expect(handled).toEqual([0, 1]);
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
});
