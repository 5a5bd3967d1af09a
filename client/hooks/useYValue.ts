// Read plain data from a Yjs document and re-render only when that data changes.
//   const phase = useYValue(roots(doc).meta, () => getPhase(doc), [doc]);
// `source` is what to observe: a shared type (observeDeep) or the whole Y.Doc (every update).
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { DependencyList } from 'react';
import * as Y from 'yjs';
import { sameValue } from './same-value.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type: its event type does not matter here
type Source = Y.Doc | Y.AbstractType<any> | null | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events of any shared type
export type Relevant = (events: ReadonlyArray<Y.YEvent<any>>) => boolean;

function observe(source: Source, onChange: () => void, relevant: Relevant | undefined): () => void {
  if (!source) return () => undefined;
  if (source instanceof Y.Doc) {
    source.on('update', onChange);
    return () => source.off('update', onChange);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- events of any shared type
  const handler = (events: Array<Y.YEvent<any>>) => {
    if (!relevant || relevant(events)) onChange();
  };
  source.observeDeep(handler);
  return () => source.unobserveDeep(handler);
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((dep, i) => Object.is(dep, b[i]));
}

export function useYValue<T>(
  source: Source | readonly Source[],
  read: () => T,
  deps: DependencyList,
  isEqual: (a: T, b: T) => boolean = sameValue,
  /** Skip changes that cannot change the value (a sticky's move, for the list of stickies). */
  relevant?: Relevant,
): T {
  const sources = Array.isArray(source) ? (source as readonly Source[]) : [source as Source];
  const readRef = useRef(read);
  readRef.current = read;
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const version = useRef(0);
  const cache = useRef<{ value: T; version: number; deps: DependencyList } | null>(null);

  const subscribe = useCallback(
    (notify: () => void) => {
      const onChange = () => {
        version.current++;
        notify();
      };
      const stops = sources.map((s) => observe(s, onChange, relevant && ((events) => relevantRef.current?.(events) ?? true)));
      // A change between the render and this subscription (IndexedDB, another tab, the
      // server's first answer) fired no observer: without this the cached value stays stale.
      onChange();
      return () => stops.forEach((stop) => stop());
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    sources,
  );

  const getSnapshot = (): T => {
    const current = cache.current;
    if (current && current.version === version.current && sameDeps(current.deps, deps)) return current.value;
    const next = readRef.current();
    if (current && isEqual(current.value, next)) {
      cache.current = { value: current.value, version: version.current, deps };
      return current.value;
    }
    cache.current = { value: next, version: version.current, deps };
    return next;
  };

  return useSyncExternalStore(subscribe, getSnapshot);
}
