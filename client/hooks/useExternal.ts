// Subscribe to one of the sync layer's observables (save state, presence list...).
import { useCallback, useSyncExternalStore } from 'react';

interface Observable {
  subscribe(listener: () => void): () => void;
}

export function useExternal<S extends Observable, T>(store: S, read: (store: S) => T): T {
  // Stable for a store: a new function each render would unsubscribe and subscribe again.
  const subscribe = useCallback((notify: () => void) => store.subscribe(notify), [store]);
  return useSyncExternalStore(subscribe, () => read(store));
}
