// Subscribe to one of the sync layer's observables (save state, presence list...).
import { useSyncExternalStore } from 'react';

interface Observable {
  subscribe(listener: () => void): () => void;
}

export function useExternal<S extends Observable, T>(store: S, read: (store: S) => T): T {
  return useSyncExternalStore(
    (notify) => store.subscribe(notify),
    () => read(store),
  );
}
