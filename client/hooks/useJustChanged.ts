import { useRef } from 'react';

/** A page's first moment: values arrive from the document then, no finger is on a button yet. */
const ARRIVING_MS = 1500;

/**
 * Whether `value` changed less than `ms` ago (read at the moment of a tap). A button whose
 * meaning another leader's move changed under one's finger (*Clore le vote* become *Ouvrir le
 * vote*, *Revenir à : Questions* become *Revenir à : Visite*) took the tap for the new
 * meaning: a round closed was opened again, the room taken back two steps. What arrives as
 * the page opens (the document read from the device or the server) is no such change.
 */
export function useJustChanged(value: unknown, ms = 1200): () => boolean {
  const mountedAt = useRef<number | null>(null);
  mountedAt.current ??= performance.now();
  const last = useRef<{ value: unknown; at: number }>({ value, at: -Infinity });
  if (!Object.is(last.current.value, value)) {
    const now = performance.now();
    last.current = { value, at: now - mountedAt.current < ARRIVING_MS ? -Infinity : now };
  }
  return () => performance.now() - last.current.at < ms;
}
