// When the load of a stored document stops waiting for an early joiner (RoomRegistry's
// serveEarly): once it answered the sync step 1 sent after the snapshot, or as soon as it is
// plainly not busy applying that snapshot (a script that writes, or keeps sending).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessFrame, syncStep1Frame, syncStep2Frame, updateFrame } from '../../../server/sync/messages.ts';
import { connectionPair } from '../../helpers/clients.ts';

const actor = { participantId: 'p-early', name: 'Élodie', role: 'member' } as const;
const ask = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));

/** Whether `promise` has settled, once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

function anUpdate(): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set('k', 1);
  return update;
}

describe('Connection: how long the load waits for an early joiner', () => {
  it('waits through what a provider sends on opening, and ends on its answer, which is not counted', async () => {
    const pair = await connectionPair(actor);
    try {
      pair.conn.queue(syncStep1Frame(new Uint8Array([0])));
      pair.conn.queue(awarenessFrame(new Uint8Array([0])));
      const answered = pair.conn.askEarly(ask);
      expect(await settled(answered)).toBe(false);
      expect(pair.conn.answeredEarly()).toBe(true);
      expect(await settled(answered)).toBe(true);
      expect(pair.conn.answeredEarly(), 'only the first answer').toBe(false);
    } finally {
      pair.close();
    }
  });

  it('does not wait for a client that wrote before it was asked', async () => {
    const pair = await connectionPair(actor);
    try {
      pair.conn.queue(updateFrame(anUpdate()));
      expect(await settled(pair.conn.askEarly(ask))).toBe(true);
    } finally {
      pair.close();
    }
  });

  it('stops waiting for a client that writes instead of answering', async () => {
    const pair = await connectionPair(actor);
    try {
      const answered = pair.conn.askEarly(ask);
      pair.conn.queue(awarenessFrame(new Uint8Array([0])));
      expect(await settled(answered)).toBe(false);
      pair.conn.queue(updateFrame(anUpdate()));
      expect(await settled(answered)).toBe(true);
    } finally {
      pair.close();
    }
  });

  it('stops waiting for a client that keeps sending other frames (more than 16)', async () => {
    const pair = await connectionPair(actor);
    try {
      const answered = pair.conn.askEarly(ask);
      for (let i = 0; i < 16; i++) pair.conn.queue(awarenessFrame(new Uint8Array([0])));
      expect(await settled(answered)).toBe(false);
      pair.conn.queue(awarenessFrame(new Uint8Array([0])));
      expect(await settled(answered)).toBe(true);
    } finally {
      pair.close();
    }
  });

  it('does not count the answer against what a loading document queues (4 MiB)', async () => {
    const pair = await connectionPair(actor);
    try {
      void pair.conn.askEarly(ask);
      const big = syncStep2Frame(new Uint8Array(5 * 1024 * 1024));
      expect(pair.conn.answeredEarly()).toBe(true);
      expect(pair.conn.queue(big, true)).toBe(true);
      expect(pair.conn.queue(big), 'the same, counted').toBe(false);
    } finally {
      pair.close();
    }
  });
});
