// The pointers and selected stickies of the others, from y-websocket awareness. Lives in the
// transformed layer, so cursors pan and zoom with the board. Names fade once a pointer is
// still, so they do not sit over the ideas; an anonymous board shows none.
import { memo, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { getSticky, roots } from '../../shared/session/index.ts';
import type { Sticky } from '../../shared/session/index.ts';
import { STICKY_HEIGHT, STICKY_WIDTH } from './viewport.ts';

interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly cursor: { x: number; y: number } | null;
  readonly selection: string | null;
}

function peersOf(awareness: Awareness, selfId: number): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === selfId) return;
    const user: unknown = state.user;
    if (typeof user !== 'object' || user === null) return;
    const { name, color } = user as Record<string, unknown>;
    const c: unknown = state.boardCursor;
    const cursor =
      typeof c === 'object' && c !== null && typeof (c as { x?: unknown }).x === 'number' && typeof (c as { y?: unknown }).y === 'number'
        ? { x: (c as { x: number }).x, y: (c as { y: number }).y }
        : null;
    peers.push({
      clientId,
      name: typeof name === 'string' ? name.slice(0, 80) : '?',
      color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#1d3557',
      cursor,
      selection: typeof state.selection === 'string' ? state.selection : null,
    });
  });
  return peers;
}

/**
 * Re-renders when a sticky someone has selected changes (moved, hidden, deleted, added after
 * the selection came): the frame is drawn where the sticky is now, not where it was when the
 * selection was announced. Only the selected stickies are watched, never the whole board.
 */
function useSelectedStickies(doc: Y.Doc, ids: readonly string[]): void {
  const [, setTick] = useState(0);
  const key = [...new Set(ids)].sort().join('\n');
  useEffect(() => {
    if (key === '') return;
    const selectedIds = key.split('\n');
    const bump = () => setTick((n) => n + 1);
    const stickies = roots(doc).stickies;
    const watched = new Map<string, Y.AbstractType<unknown>>();
    const watch = () => {
      for (const id of selectedIds) {
        const entry = stickies.get(id);
        const current = entry instanceof Y.AbstractType ? entry : undefined;
        const before = watched.get(id);
        if (before === current) continue;
        before?.unobserve(bump);
        if (current) {
          current.observe(bump);
          watched.set(id, current);
        } else {
          watched.delete(id);
        }
      }
    };
    // Added, replaced or deleted stickies (a shallow observer: no event for a move).
    const onKeys = (event: Y.YMapEvent<unknown>) => {
      if (!selectedIds.some((id) => event.keysChanged.has(id))) return;
      watch();
      bump();
    };
    watch();
    stickies.observe(onKeys);
    return () => {
      stickies.unobserve(onKeys);
      for (const type of watched.values()) type.unobserve(bump);
    };
  }, [doc, key]);
}

/** How long a name stays on a pointer or a frame after it last moved: then it fades, off the ideas below. */
const LABEL_SHOWN_MS = 3000;

/** A pointer's or a frame's colour on an anonymous board: one for everyone, which tells nobody apart. */
const ANONYMOUS_COLOR = '#5b6b8c';

/**
 * On an anonymous board (`anonymous`), pointers and frames carry no name and one colour: a
 * frame around the idea someone is writing would otherwise say whose it is.
 */
export const CursorLayer = memo(function CursorLayer({ awareness, doc, anonymous }: { awareness: Awareness; doc: Y.Doc; anonymous: boolean }) {
  const [peers, setPeers] = useState<Peer[]>(() => peersOf(awareness, doc.clientID));
  useEffect(() => {
    const onChange = () => setPeers(peersOf(awareness, doc.clientID));
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, doc]);
  useSelectedStickies(doc, peers.flatMap((p) => (p.selection ? [p.selection] : [])));
  return (
    <div className="cursor-layer" aria-hidden="true">
      {peers.map((p) => (
        <PeerMarks key={p.clientId} peer={p} selected={p.selection ? getSticky(doc, p.selection) : undefined} anonymous={anonymous} />
      ))}
    </div>
  );
});

/** One peer's pointer and frame; the name on them fades once they have been still a moment. */
function PeerMarks({ peer, selected, anonymous }: { peer: Peer; selected: Sticky | undefined; anonymous: boolean }) {
  const [fresh, setFresh] = useState(true);
  const { cursor, selection } = peer;
  useEffect(() => {
    setFresh(true);
    const timer = setTimeout(() => setFresh(false), LABEL_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [cursor?.x, cursor?.y, selection]);
  const color = anonymous ? ANONYMOUS_COLOR : peer.color;
  const label = anonymous ? null : (
    <span className={fresh ? undefined : 'idle'} style={{ background: color }}>
      {peer.name}
    </span>
  );
  return (
    <div>
      {selected && !selected.hidden && (
        <div
          className="peer-selection"
          data-testid="peer-selection"
          style={{ transform: `translate(${selected.x - 4}px, ${selected.y - 4}px)`, width: STICKY_WIDTH + 8, height: STICKY_HEIGHT + 8, borderColor: color }}
        >
          {label}
        </div>
      )}
      {cursor && (
        <div className="peer-cursor" data-testid="peer-cursor" style={{ transform: `translate(${cursor.x}px, ${cursor.y}px)` }}>
          <svg width="16" height="20" viewBox="0 0 16 20"><path d="M0 0 L16 12 L8 12 L4 20 Z" fill={color} /></svg>
          {label}
        </div>
      )}
    </div>
  );
}
