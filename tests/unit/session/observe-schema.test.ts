import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, addVisitNote, buildSummary, observeRoots, onDocumentChange, parseSessionSummary, deleteSticky, setStickyText,
} from '../../../shared/session/index.ts';
import type { SessionSummary } from '../../../shared/session/index.ts';
import { buildArveaSession } from '../../helpers/session-fixture.ts';

const marc = { participantId: 'm', name: 'Marc' };

describe('onDocumentChange', () => {
  it('fires when a transaction adds or deletes, as Yjs\'s update event would, and not for a sync that brings nothing', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    const seen: number[] = [];
    let updates = 0;
    const stop = onDocumentChange(doc, () => seen.push(seen.length));
    doc.on('update', () => updates++);
    addSticky(doc, marc, { text: 'a', x: 0, y: 0 }, { id: 's' });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    deleteSticky(doc, 's');
    expect(seen).toHaveLength(2);
    // What a joiner's sync step 2 looks like when it has nothing new: its state, all known.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc));
    expect(seen).toHaveLength(2);
    expect(updates).toBe(2);
    stop();
    addVisitNote(doc, marc, { stationId: null, kind: 'idea', text: 'n' });
    expect(seen).toHaveLength(2);
  });
});

describe('observeRoots', () => {
  it('fires for changes inside the watched roots only, once per transaction', () => {
    const doc = new Y.Doc();
    let calls = 0;
    const stop = observeRoots(doc, ['stickies', 'groups'], () => calls++);
    addSticky(doc, marc, { text: 'a', x: 0, y: 0 }, { id: 's' });
    expect(calls).toBe(1);
    setStickyText(doc, 's', 'ab');
    expect(calls).toBe(2);
    addVisitNote(doc, marc, { stationId: null, kind: 'idea', text: 'n' });
    expect(calls).toBe(2);
    doc.transact(() => {
      addSticky(doc, marc, { text: 'b', x: 0, y: 0 });
      addSticky(doc, marc, { text: 'c', x: 0, y: 0 });
    });
    expect(calls).toBe(3);
    stop();
    addSticky(doc, marc, { text: 'd', x: 0, y: 0 });
    expect(calls).toBe(3);
  });

  it('fires for remote updates too', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    let calls = 0;
    observeRoots(b, ['stickies'], () => calls++);
    addSticky(a, marc, { text: 'a', x: 0, y: 0 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(calls).toBe(1);
  });
});

describe('parseSessionSummary', () => {
  it('accepts a summary that went through JSON', () => {
    const summary = buildSummary(buildArveaSession().doc);
    const parsed: SessionSummary = parseSessionSummary(JSON.parse(JSON.stringify(summary)));
    expect(parsed).toEqual(summary);
  });

  it('names the bad field of a malformed summary', () => {
    const summary = JSON.parse(JSON.stringify(buildSummary(buildArveaSession().doc))) as Record<string, unknown>;
    summary['phase'] = 'party';
    expect(() => parseSessionSummary(summary)).toThrow(/phase/);
    expect(() => parseSessionSummary('nope')).toThrow();
  });
});
