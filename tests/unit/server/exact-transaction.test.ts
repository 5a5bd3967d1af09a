import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transactionHoldsExactly } from '../../../server/sync/exact-transaction.ts';

/** A document that already holds `base`, as the server's would. */
function serverWith(base: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

/** What a change on `client` sends (its `update` events, merged). */
function sent(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  client.on('update', record);
  change(client);
  client.off('update', record);
  return Y.mergeUpdates(updates);
}

/**
 * Applies `update` to `server` as the room does: whether its transaction held exactly the
 * update, and the transaction as Yjs encodes it (null when it held nothing new).
 */
function apply(server: Y.Doc, update: Uint8Array): { exact: boolean; encoded: Uint8Array | null } {
  const origin = {};
  let exact = false;
  let encoded: Uint8Array | null = null;
  const onCleanup = (tr: Y.Transaction) => {
    if (tr.origin === origin) exact = transactionHoldsExactly(tr, Y.decodeUpdate(update));
  };
  const onUpdate = (u: Uint8Array, o: unknown) => {
    if (o === origin) encoded = u;
  };
  server.on('afterTransactionCleanup', onCleanup);
  server.on('update', onUpdate);
  Y.applyUpdate(server, update, origin);
  server.off('afterTransactionCleanup', onCleanup);
  server.off('update', onUpdate);
  return { exact, encoded };
}

function board(): { base: Y.Doc; client: Y.Doc; server: Y.Doc } {
  const base = new Y.Doc();
  const sticky = new Y.Map<unknown>();
  base.getMap('stickies').set('s1', sticky);
  sticky.set('x', 10);
  base.getText('notes').insert(0, 'Bonjour');
  const client = serverWith(base);
  return { base, client, server: serverWith(base) };
}

const move = (x: number) => (doc: Y.Doc) => (doc.getMap('stickies').get('s1') as Y.Map<unknown>).set('x', x);

describe('a transaction that took exactly the update it applied', () => {
  it('is recognised for a move (a new value that deletes the old) and for typed text, whose encoding is the update itself', () => {
    const { client, server } = board();
    for (const change of [move(20), move(30), (d: Y.Doc) => d.getText('notes').insert(7, ' à tous')]) {
      const update = sent(client, change);
      const { exact, encoded } = apply(server, update);
      expect(exact).toBe(true);
      expect(encoded).toEqual(update);
    }
    expect(server.getText('notes').toString()).toBe('Bonjour à tous');
  });

  it('is recognised for two clients\' changes merged in one update', () => {
    const { base, client, server } = board();
    const other = serverWith(base);
    const update = Y.mergeUpdates([sent(client, move(40)), sent(other, (d) => d.getText('notes').insert(0, '» '))]);
    const { exact, encoded } = apply(server, update);
    expect(exact).toBe(true);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, update);
    Y.applyUpdate(b, encoded!);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });

  it('is not claimed for a replayed update, which holds nothing new', () => {
    const { client, server } = board();
    const update = sent(client, move(50));
    expect(apply(server, update).exact).toBe(true);
    const again = apply(server, update);
    expect(again.exact).toBe(false);
    expect(again.encoded).toBeNull();
  });

  it('is not claimed for an update of nothing', () => {
    const { server } = board();
    const empty = apply(server, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(empty.exact).toBe(false);
    expect(empty.encoded).toBeNull();
  });

  it('is not claimed when part of its deletions were already made', () => {
    const { base, client, server } = board();
    const other = serverWith(base);
    const erase = (d: Y.Doc) => d.getText('notes').delete(0, 3);
    apply(server, sent(other, erase));
    const update = sent(client, erase);
    const { exact, encoded } = apply(server, update);
    expect(exact).toBe(false);
    expect(encoded).toBeNull();
  });

  it('is not claimed when the server resolved a conflict the sender did not see', () => {
    const { base, client, server } = board();
    const other = serverWith(base);
    apply(server, sent(other, move(60)));
    const update = sent(client, move(70));
    const { exact, encoded } = apply(server, update);
    expect(exact).toBe(false);
    // Yjs's own encoding says what the transaction did (its deletions differ from the sender's).
    expect(encoded).not.toBeNull();
    expect(encoded).not.toEqual(update);
  });

  it('is not claimed for an update that waits on changes not seen yet', () => {
    const { client, server } = board();
    sent(client, move(80)); // never reaches the server
    const update = sent(client, move(90));
    expect(apply(server, update).exact).toBe(false);
    expect(server.store.pendingStructs).not.toBeNull();
  });
});
