import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky, addVisitNote, buildSummary, observeRoots, parseSessionSummary, setStickyText,
} from '../../../shared/session/index.ts';
import type { SessionSummary } from '../../../shared/session/index.ts';
import { buildArveaSession } from '../../helpers/session-fixture.ts';

const marc = { participantId: 'm', name: 'Marc' };

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
