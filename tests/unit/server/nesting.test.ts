// How deeply an update nests shared types, read before it touches the document.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deepestNesting } from '../../../server/sync/nesting.ts';

/** The structs of what `change` makes on a replica of `doc`, and that replica's update. */
function structsOf(doc: Y.Doc, change: (replica: Y.Doc) => void) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  replica.transact(() => change(replica));
  return Y.decodeUpdate(Y.encodeStateAsUpdate(replica, before)).structs;
}

/** A document with a Y.Text three types deep: root map > entry map > field map > text. */
function deepDoc(): Y.Doc {
  const doc = new Y.Doc();
  const entry = new Y.Map<unknown>();
  doc.getMap('stickies').set('s1', entry);
  const field = new Y.Map<unknown>();
  entry.set('field', field);
  field.set('text', new Y.Text('idée'));
  return doc;
}

const textIn = (d: Y.Doc) => ((d.getMap('stickies').get('s1') as Y.Map<Y.Map<Y.Text>>).get('field')!.get('text') as Y.Text);

describe('deepestNesting', () => {
  it('is 0 for an update of values alone, however deep they sit', () => {
    const doc = deepDoc();
    expect(deepestNesting(structsOf(doc, (d) => (d.getMap('stickies').get('s1') as Y.Map<unknown>).set('x', 12)), doc)).toBe(0);
    expect(deepestNesting(structsOf(doc, (d) => textIn(d).insert(4, ' de plus')), doc)).toBe(0);
    expect(deepestNesting(structsOf(doc, (d) => d.getMap('board').set('voteBudget', 3)), doc)).toBe(0);
  });

  it('counts the new types and the ancestors they already have in the document', () => {
    const doc = deepDoc();
    // A root's entry is level 1, a map in it level 2.
    expect(deepestNesting(structsOf(doc, (d) => d.getMap('groups').set('g', new Y.Map())), doc)).toBe(1);
    expect(
      deepestNesting(
        structsOf(doc, (d) => {
          const group = new Y.Map<unknown>();
          group.set('inner', new Y.Map());
          d.getMap('groups').set('g', group);
        }),
        doc,
      ),
    ).toBe(2);
    // Into the field map, itself at level 2: a new type there is at level 3.
    expect(deepestNesting(structsOf(doc, (d) => (d.getMap('stickies').get('s1') as Y.Map<Y.Map<unknown>>).get('field')!.set('more', new Y.Map())), doc)).toBe(3);
  });

  it('follows a chain of new types as deep as it goes', () => {
    const doc = new Y.Doc();
    const structs = structsOf(doc, (d) => {
      let parent: Y.XmlFragment | Y.XmlElement = d.getXmlFragment('presentation');
      for (let i = 0; i < 70; i++) {
        const child: Y.XmlElement = new Y.XmlElement('div');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    expect(deepestNesting(structs, doc)).toBe(70);
  });
});
