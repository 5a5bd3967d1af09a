// The brainstorm board: one transformed layer (pan/zoom) holding memoized stickies, the
// group frames and the others' cursors. The board itself re-renders only when the set of
// visible stickies, the votes or the groups change, never while a sticky is dragged.
// It shows the session document's stickies and this person's private ones (his private
// document, conn.privateBoard), where his new ideas go while private writing is on.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  TIDY_ORIGIN, addStickyNear, can, countsVisible, getBoardSettings, getGroups, getPrivateProgress, getPrivateStickies, getStickies,
  getVotingSettings, isStickyVisibleTo, ownTally, roots, STICKIES_PER_PERSON, roundTally, tidyBoard,
} from '../../shared/session/index.ts';
import type { Sticky } from '../../shared/session/index.ts';
import type { FocusBox } from '../../shared/session/index.ts';
import { useLeads } from '../facilitation/hooks.ts';
import { sameValue } from '../hooks/same-value.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { BoardContext } from './board-context.ts';
import type { BoardApi } from './board-context.ts';
import { BoardList } from './BoardList.tsx';
import { BoardToolbar } from './BoardToolbar.tsx';
import { CursorLayer } from './CursorLayer.tsx';
import { DeletedIdeaNotice } from './DeletedIdeaNotice.tsx';
import { GroupFrames } from './GroupFrames.tsx';
import { GroupPanel } from './GroupPanel.tsx';
import { StickyCard } from './StickyCard.tsx';
import { useDeletedIdea } from './useDeletedIdea.ts';
import { useSettleOwnStickies } from './useSettleOwnStickies.ts';
import { useViewportGestures } from './useViewportGestures.ts';
import { useSpreadBoard } from './useSpreadBoard.ts';
import { SCREEN_MAX_SCALE, SCREEN_MIN_SCALE, STICKY_HEIGHT, STICKY_WIDTH, Viewport, contentBox } from './viewport.ts';
import type { FitBox } from './viewport.ts';

export type BoardMode = 'list' | 'canvas';
const NARROW = '(max-width: 700px)';
/** How long the stickies stay still before a view that follows them is refitted. */
const FOLLOW_AFTER_MS = 300;
/** How much closer a fit must be than a following view's scale before the view zooms back in (less would make it breathe at every move). */
const ZOOM_BACK_IN = 1.25;

const LAYOUT_KEYS = new Set(['hidden', 'groupId', 'authorId', 'createdAt']);

interface Layout {
  readonly ids: readonly string[];
  /** Those of `ids` that are in my private document. */
  readonly privateIds: readonly string[];
  readonly hiddenFromMe: number;
  readonly groupOf: Readonly<Record<string, string>>;
  /** How many of `ids` are this person's own: on the board and in his private document. */
  readonly mine: number;
}

/** Whether this person is typing in the board (a sticky's text): the view must not move then. */
function typingIn(el: HTMLElement): boolean {
  const active = document.activeElement;
  return active !== null && el.contains(active) && active.matches('textarea, input, [contenteditable="true"]');
}

/** What this person sees: the session's stickies (not another's hidden ones) and his private ones, in creation order. */
function stickiesFor(doc: Y.Doc, privateDoc: Y.Doc | null, viewerId: string): { shown: Sticky[]; privateIds: Set<string>; hiddenFromMe: number } {
  const shown: Sticky[] = [];
  let hiddenFromMe = 0;
  for (const s of getStickies(doc)) {
    if (isStickyVisibleTo(s, viewerId)) shown.push(s);
    else hiddenFromMe++;
  }
  const mine = privateDoc ? getPrivateStickies(privateDoc, doc) : [];
  const progress = getPrivateProgress(doc);
  hiddenFromMe += progress.ideas - (progress.byWriter[viewerId] ?? 0);
  shown.push(...mine);
  shown.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { shown, privateIds: new Set(mine.map((s) => s.id)), hiddenFromMe };
}

export interface BoardProps {
  readOnly?: boolean;
  /**
   * The shared screen: refit to the content every time it changes, or to `focus` (a zone
   * or group the host points at) when given.
   */
  fitAlways?: boolean;
  focus?: FocusBox | null;
  /** The group the room's screen shows, marked in its list of groups. */
  shownGroupId?: string | null;
  /** Each idea's text as large as its sticky holds it, for a room reading the screen from afar (useLargeType). */
  largeType?: boolean;
}

export function Board({ readOnly = false, fitAlways = false, focus = null, shownGroupId = null, largeType = false }: BoardProps) {
  const { t } = useTranslation();
  const { doc, me, conn } = useRoom();
  const r = roots(doc);
  const privateDoc = readOnly ? null : (conn.privateBoard?.doc ?? null);
  const privateStickies = privateDoc ? roots(privateDoc).stickies : null;
  const rules = useRuleState();
  const leads = useLeads();
  const viewport = useMemo(() => new Viewport(), []);
  const deleted = useDeletedIdea();
  const { deleteIdea } = deleted;
  const api = useMemo<BoardApi>(
    () => ({ viewport, pendingEdit: { current: null }, readOnly, largeType, dragging: new Set<string>(), deleteIdea }),
    [viewport, readOnly, largeType, deleteIdea],
  );
  useSettleOwnStickies(doc, privateDoc, me.participantId, api.dragging, !readOnly, readOnly ? null : conn.provider.awareness);
  const viewportRef = useRef<HTMLDivElement>(null);
  // Phones read the board as a list; the canvas is one tap away (the screen always shows the canvas).
  const [mode, setMode] = useState<BoardMode>(() => (!readOnly && window.matchMedia(NARROW).matches ? 'list' : 'canvas'));
  // On a phone the board sits below the phase's header: asked for, it comes whole on screen.
  const showMode = (next: BoardMode) => {
    setMode(next);
    if (next === 'canvas' && window.matchMedia(NARROW).matches) requestAnimationFrame(() => viewportRef.current?.scrollIntoView({ block: 'end' }));
  };
  const listMode = mode === 'list' && !readOnly;
  const layerRef = useRef<HTMLDivElement>(null);

  const layout = useYValue<Layout>(
    [r.stickies, r.board, r.facilitation, privateStickies],
    () => {
      const { shown, privateIds, hiddenFromMe } = stickiesFor(doc, privateDoc, me.participantId);
      const groupOf: Record<string, string> = {};
      let mine = 0;
      for (const s of shown) {
        if (s.groupId) groupOf[s.id] = s.groupId;
        if (s.authorId === me.participantId) mine++;
      }
      return { ids: shown.map((s) => s.id), privateIds: [...privateIds], hiddenFromMe, groupOf, mine };
    },
    [doc, privateDoc, me.participantId],
    sameValue,
    // Moves and text edits change neither which stickies show nor their groups.
    (events) =>
      events.some(
        (e) =>
          e.target === r.stickies ||
          e.target === r.board ||
          e.target === privateStickies ||
          (e.target === r.facilitation && e instanceof Y.YMapEvent && [...e.keysChanged].some((k) => k.startsWith('privateIdeas.'))) ||
          (e instanceof Y.YMapEvent && e.target !== r.facilitation && [...e.keysChanged].some((k) => LAYOUT_KEYS.has(k))),
      ),
  );
  const privateIds = useMemo(() => new Set(layout.privateIds), [layout.privateIds]);
  const groups = useYValue(r.groups, () => getGroups(doc), [doc]);
  const settings = useYValue(r.board, () => getBoardSettings(doc), [doc]);
  // The round's points (open now, or the last): a run-off shows its own, not the first round's.
  const counts = useYValue([r.votes, r.board], () => roundTally(doc), [doc, layout.ids]);
  // My points: on the board, and in my private document while the round hides its counts.
  const privateVotes = privateDoc ? roots(privateDoc).votes : null;
  const own = useYValue([r.votes, r.board, privateVotes], () => ownTally(doc, privateDoc, me.participantId), [doc, privateDoc, me.participantId, layout.ids], sameValue);
  const mineBySticky = own.bySticky;
  const votesUsed = own.used;
  const voting = useYValue(r.board, () => getVotingSettings(doc), [doc]);
  // While a round is open with hidden counts, each one sees his own dots only.
  const showCounts = countsVisible(voting);
  const shownVotes = showCounts ? counts.bySticky : mineBySticky;
  // Points are a thing once a round has opened.
  const pointsShown = voting.open || voting.closedAt !== null;

  const groupStats = useMemo(() => {
    const n: Record<string, number> = {};
    const v: Record<string, number> = {};
    for (const [stickyId, groupId] of Object.entries(layout.groupOf)) {
      n[groupId] = (n[groupId] ?? 0) + 1;
      v[groupId] = (v[groupId] ?? 0) + (counts.bySticky[stickyId] ?? 0);
    }
    for (const g of groups) v[g.id] = (v[g.id] ?? 0) + (counts.bySticky[g.id] ?? 0);
    // Before the first round no points are shown (the groups read "0 point" there).
    return { n, v: showCounts && pointsShown ? v : null };
  }, [layout.groupOf, counts, groups, showCounts, pointsShown]);

  useEffect(() => viewport.attach(layerRef.current), [viewport, listMode]);
  useViewportGestures(viewportRef, viewport, readOnly ? null : conn.provider.awareness, listMode);

  // What a fit shows: the host's focus, or every idea this person sees.
  const fitTarget = (): { box: FitBox | null; maxScale: number; minScale: number | undefined } => {
    if (focus) return { box: { minX: focus.x, minY: focus.y, maxX: focus.x + focus.w - STICKY_WIDTH, maxY: focus.y + focus.h - STICKY_HEIGHT }, maxScale: 2, minScale: undefined };
    const box = contentBox(stickiesFor(doc, privateDoc, me.participantId).shown);
    // The room's screen zooms in to fill itself.
    return { box, maxScale: fitAlways ? SCREEN_MAX_SCALE : 1, minScale: fitAlways ? SCREEN_MIN_SCALE : undefined };
  };
  const fit = () => {
    const el = viewportRef.current;
    if (!el) return;
    const { box, maxScale, minScale } = fitTarget();
    viewport.fit(box, el.clientWidth, el.clientHeight, maxScale, minScale);
  };
  // Fit the board once it first has stickies (a screen or a late joiner sees everything).
  const fitted = useRef(false);
  useEffect(() => {
    fitted.current = false;
  }, [listMode]);
  // The screen refits whenever the content or the host's focus changes.
  useEffect(() => {
    if (focus) {
      fit();
      return;
    }
    if ((fitAlways || !fitted.current) && layout.ids.length > 0) {
      fitted.current = true;
      fit();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, fitAlways ? [layout, groups, focus?.x, focus?.y, focus?.w, focus?.h] : undefined);
  // The screen refits when its window changes size (a projector, full screen).
  const refit = useRef(fit);
  refit.current = fit;
  const target = useRef(fitTarget);
  target.current = fitTarget;
  // Until this person pans or zooms, his view follows the content: once the stickies have
  // been still for a moment, any that lies outside it (added or moved there by someone else)
  // brings the whole board back in view, and so does content that has come together enough
  // for a fit to zoom in by ZOOM_BACK_IN (after the reveal, the authors' devices spread their
  // ideas and the view zoomed out; once they sit together again it stayed at 37 %). Never under a finger: not while he drags a sticky
  // or types in one, and not while his pointer moves or presses on the board (a refit then
  // put another idea under his press: he grabbed someone else's). It waits until the pointer
  // has been still as long. "Recentrer" fits the view again and makes it follow again. While
  // a refit waits, the board carries `data-view-settling`.
  useEffect(() => {
    const el = viewportRef.current;
    if (fitAlways || listMode || !el) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const follow = () => {
      timer = null;
      el.removeAttribute('data-view-settling');
      if (viewport.moved || api.dragging.size > 0 || typingIn(el)) return;
      const shown = stickiesFor(doc, privateDoc, me.participantId).shown;
      if (shown.length === 0) return;
      const { box, maxScale, minScale } = target.current();
      const roomy = Viewport.fitScale(box, el.clientWidth, el.clientHeight, maxScale, minScale) >= viewport.scale * ZOOM_BACK_IN;
      if (roomy || !viewport.shows(shown, el.clientWidth, el.clientHeight)) refit.current();
    };
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(follow, FOLLOW_AFTER_MS);
      el.setAttribute('data-view-settling', '');
    };
    const pointerActive = () => {
      if (timer) later();
    };
    r.stickies.observeDeep(later);
    privateStickies?.observeDeep(later);
    el.addEventListener('pointermove', pointerActive);
    el.addEventListener('pointerdown', pointerActive);
    return () => {
      if (timer) clearTimeout(timer);
      el.removeAttribute('data-view-settling');
      r.stickies.unobserveDeep(later);
      privateStickies?.unobserveDeep(later);
      el.removeEventListener('pointermove', pointerActive);
      el.removeEventListener('pointerdown', pointerActive);
    };
  }, [fitAlways, listMode, viewport, api, doc, privateDoc, privateStickies, r.stickies, me.participantId]);
  // To the content, or to the host's focus (the group panel beside it came after a focus,
  // and left the group cut at the board's edge).
  useEffect(() => {
    const el = viewportRef.current;
    if (!fitAlways || !el) return;
    const observer = new ResizeObserver(() => refit.current());
    observer.observe(el);
    return () => observer.disconnect();
  }, [fitAlways]);
  // The screen follows the ideas as they move too (a member drags his, the host tidies),
  // once they have been still a moment: not frame by frame during a drag. It kept the fit of
  // the last idea added, and showed the room an idea cut at the board's edge, or none.
  // While that refit waits, the board carries `data-view-settling`, as a person's does.
  const focused = focus !== null;
  useEffect(() => {
    const el = viewportRef.current;
    if (!fitAlways || focused || !el) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      el.setAttribute('data-view-settling', '');
      timer = setTimeout(() => {
        timer = null;
        el.removeAttribute('data-view-settling');
        refit.current();
      }, FOLLOW_AFTER_MS);
    };
    r.stickies.observeDeep(later);
    return () => {
      if (timer) clearTimeout(timer);
      el.removeAttribute('data-view-settling');
      r.stickies.unobserveDeep(later);
    };
  }, [fitAlways, focused, r.stickies]);
  // A leader points the room's screen at the part of the board he shows.
  const showMyView = () => {
    const el = viewportRef.current;
    if (!el) return;
    const a = viewport.toBoard(0, 0);
    const b = viewport.toBoard(el.clientWidth, el.clientHeight);
    conn.presence.facilitate({ kind: 'focus', target: { kind: 'zone', zone: { x: a.x, y: a.y, w: Math.max(1, b.x - a.x), h: Math.max(1, b.y - a.y) } } });
  };

  const add = () => {
    const el = viewportRef.current;
    const center = viewport.toBoard((el?.clientWidth ?? 600) / 2, (el?.clientHeight ?? 400) / 2);
    // Free space nearest the centre of this author's view: never on top of another idea.
    const near = { x: Math.round(center.x - STICKY_WIDTH / 2), y: Math.round(center.y - STICKY_HEIGHT / 2) };
    // While private writing is on, a new idea goes to my private document alone.
    const id =
      rules.privateWriting && privateDoc
        ? addStickyNear(privateDoc, me, { text: '' }, near, undefined, doc)
        : addStickyNear(doc, me, { text: '' }, near, undefined, privateDoc);
    api.pendingEdit.current = id;
  };

  // Undo of this device's last tidy only: the undo manager tracks tidy transactions alone.
  const tidyUndo = useMemo(() => new Y.UndoManager(r.stickies, { trackedOrigins: new Set([TIDY_ORIGIN]), captureTimeout: 0 }), [r.stickies]);
  useEffect(() => () => tidyUndo.destroy(), [tidyUndo]);
  const [canUndoTidy, setCanUndoTidy] = useState(false);
  const tidy = () => {
    tidyUndo.clear();
    tidyBoard(doc);
    setCanUndoTidy(true);
    requestAnimationFrame(fit);
  };
  const undoTidy = () => {
    tidyUndo.undo();
    tidyUndo.clear();
    setCanUndoTidy(false);
    requestAnimationFrame(fit);
  };

  const canAdd = !readOnly && can(me, rules, { kind: 'addSticky' }).ok;
  // The server takes no more than STICKIES_PER_PERSON of anyone's ideas (on the board, in
  // his private document, and at the reveal): the button stops there and says why.
  const ideasFull = layout.mine >= STICKIES_PER_PERSON;
  const canVoteNow = !readOnly && voting.target === 'stickies' && can(me, rules, { kind: 'castVote', votesUsed }).ok;
  const canCreateGroups = !readOnly && can(me, rules, { kind: 'createGroup' }).ok;
  const canManageGroups = !readOnly && can(me, rules, { kind: 'editGroups' }).ok;
  const canTidy = !readOnly && can(me, rules, { kind: 'tidyBoard' }).ok;
  // The room's screen shows the ideas too small to be read: the host's tidy says so.
  const spread = useSpreadBoard(canTidy && !fitAlways);
  // The server takes an idea back where its author may add one: in my private document only
  // while private writing is on.
  const canUndoDelete = deleted.home !== null && canAdd && !ideasFull && (deleted.home !== privateDoc || rules.privateWriting);

  return (
    <BoardContext.Provider value={api}>
      <div className={`board${readOnly ? ' read-only' : ''}`}>
        {!readOnly && (
          <BoardToolbar
            settings={settings}
            rules={rules}
            votesUsed={votesUsed}
            hiddenFromMe={layout.hiddenFromMe}
            empty={layout.ids.length === 0}
            canAdd={canAdd}
            ideasFull={ideasFull}
            onAdd={add}
            onFit={fit}
            onTidy={canTidy ? tidy : null}
            spread={spread}
            onShowMyView={leads ? showMyView : null}
            onUndoTidy={canTidy && canUndoTidy ? undoTidy : null}
            mode={mode}
            onMode={showMode}
            viewport={viewport}
            viewportEl={viewportRef}
          />
        )}
        <div className="board-area">
          {listMode ? (
            <BoardList
              ids={layout.ids}
              groupOf={layout.groupOf}
              groups={groups}
              votes={shownVotes}
              mine={mineBySticky}
              canVoteNow={canVoteNow}
              rules={rules}
              privateIds={privateIds}
              hiddenFromMe={layout.hiddenFromMe}
              countsHidden={!showCounts}
              canCreateGroup={canCreateGroups}
            />
          ) : (
            <div
              ref={viewportRef}
              className="board-viewport"
              role="region"
              aria-label={t('board.label')}
              tabIndex={0}
              data-testid="board"
            >
              <div ref={layerRef} className="board-layer">
                <GroupFrames doc={doc} privateDoc={privateDoc} groups={groups} viewerId={me.participantId} largeType={largeType} />
                {layout.ids.map((id) => (
                  <StickyCard
                    key={id}
                    id={id}
                    votes={shownVotes[id] ?? 0}
                    countsHidden={!showCounts}
                    mine={mineBySticky[id] ?? 0}
                    canVoteNow={canVoteNow}
                    groups={groups}
                    rules={rules}
                    isPrivate={privateIds.has(id)}
                    anonymous={voting.anonymous}
                  />
                ))}
                <CursorLayer awareness={conn.provider.awareness} doc={doc} anonymous={voting.anonymous} />
              </div>
            </div>
          )}
          {(groups.length > 0 || canCreateGroups) && (
            <GroupPanel groups={groups} counts={groupStats.n} votes={groupStats.v} canCreate={canCreateGroups} canManage={canManageGroups} canShow={leads && !readOnly} shownId={shownGroupId} listMode={listMode} />
          )}
        </div>
        {!readOnly && !listMode && <p id="board-help" className="hint keyboard-only">{t('board.stickyHelp')}</p>}
        {canUndoDelete && <DeletedIdeaNotice onUndo={deleted.undo} />}
      </div>
    </BoardContext.Provider>
  );
}
