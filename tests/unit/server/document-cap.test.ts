import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentCap } from '../../../server/sync/DocumentCap.ts';

const structsOf = (update: Uint8Array) => Y.decodeUpdate(update).structs;

/** A document holding `chars` characters of text, and the update that made it. */
function written(chars: number): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, 'x'.repeat(chars));
  return { doc, update };
}

/** What `writer` makes next, as an update. */
function next(writer: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let update: Uint8Array = new Uint8Array();
  const capture = (u: Uint8Array) => (update = u);
  writer.on('update', capture);
  change(writer);
  writer.off('update', capture);
  return update;
}

describe('DocumentCap: past the cap, only what adds content is refused', () => {
  it('takes whatever fits under the cap without looking at it', () => {
    const server = new Y.Doc();
    const { update } = written(1000);
    const cap = new DocumentCap(10_000);
    expect(cap.refuses(server, update, structsOf(update))).toBe(false);
  });

  it('refuses new content past the cap', () => {
    const server = new Y.Doc();
    const { update } = written(1000);
    const cap = new DocumentCap(10_000);
    cap.storedBytes = 9_500;
    expect(cap.refuses(server, update, structsOf(update))).toBe(true);
  });

  it('takes a replay of what is stored, and a deletion, past the cap', () => {
    const { doc: writer, update } = written(1000);
    const server = new Y.Doc();
    Y.applyUpdate(server, update);
    const cap = new DocumentCap(10_000);
    cap.storedBytes = 9_900;
    expect(cap.refuses(server, update, structsOf(update))).toBe(false);
    const deletion = next(writer, (d) => d.getText('t').delete(0, 500));
    expect(cap.refuses(server, deletion, structsOf(deletion))).toBe(false);
  });

  it('measures the new part of an update that is partly stored (a sync step 2)', () => {
    const { doc: writer, update: first } = written(3000);
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    const cap = new DocumentCap(10_000);
    cap.storedBytes = 9_000;
    // A small addition sent together with what the server has: the new part fits.
    next(writer, (d) => d.getText('t').insert(0, 'a few words'));
    const small = Y.encodeStateAsUpdate(writer);
    expect(small.byteLength + cap.storedBytes).toBeGreaterThan(cap.maxBytes);
    expect(cap.refuses(server, small, structsOf(small))).toBe(false);
    // A large one does not.
    next(writer, (d) => d.getText('t').insert(0, 'y'.repeat(2000)));
    const large = Y.encodeStateAsUpdate(writer);
    expect(cap.refuses(server, large, structsOf(large))).toBe(true);
  });
});
