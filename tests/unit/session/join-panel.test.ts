import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isJoinPanelShown, setJoinPanel } from '../../../shared/session/facilitation.ts';

describe('the screen’s join panel', () => {
  it('shows until the presentation starts, then as the host sets it, and never once the session is closed (its code lets nobody in)', () => {
    const doc = new Y.Doc();
    expect(isJoinPanelShown(doc, 'presentation', false)).toBe(true);
    expect(isJoinPanelShown(doc, 'presentation', true)).toBe(false);
    expect(isJoinPanelShown(doc, 'visit', false)).toBe(false);
    setJoinPanel(doc, true);
    for (const phase of ['visit', 'questions', 'brainstorm', 'synthesis'] as const) expect(isJoinPanelShown(doc, phase, true), phase).toBe(true);
    expect(isJoinPanelShown(doc, 'closed', false)).toBe(false);
    setJoinPanel(doc, false);
    expect(isJoinPanelShown(doc, 'presentation', false)).toBe(false);
  });
});
