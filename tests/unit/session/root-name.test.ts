// rootNameOf (shared/session/changes.ts): the rule check names each changed root through a
// cache per document. A root opened later, or a bare root that code later opens as a map,
// must be named as the document names it now.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rootNameOf } from '../../../shared/session/changes.ts';

describe('rootNameOf', () => {
  it('names a root opened after the first lookup', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    expect(rootNameOf(doc, meta)).toBe('meta');
    const board = doc.getMap('board');
    expect(rootNameOf(doc, board)).toBe('board');
    expect(rootNameOf(doc, meta)).toBe('meta');
  });

  it('follows a bare root that code then opens as a map, and forgets the bare one', () => {
    const writer = new Y.Doc();
    writer.getMap('later').set('k', 1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
    const bare = doc.share.get('later') as Y.AbstractType<unknown>;
    expect(bare).not.toBeInstanceOf(Y.Map);
    expect(rootNameOf(doc, bare)).toBe('later');
    const opened = doc.getMap('later');
    expect(opened).not.toBe(bare);
    expect(rootNameOf(doc, bare)).toBeUndefined();
    expect(rootNameOf(doc, opened)).toBe('later');
  });

  it('keeps one document apart from another', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const inA = a.getMap('x');
    rootNameOf(b, b.getMap('y'));
    expect(rootNameOf(a, inA)).toBe('x');
    expect(rootNameOf(b, inA)).toBeUndefined();
  });
});
