import { useRef } from 'react';

/**
 * Whether `value` changed less than `ms` ago (read at the moment of a tap). A button whose
 * meaning another leader's move changed under one's finger (*Clore le vote* become *Ouvrir le
 * vote*, *Revenir à : Questions* become *Revenir à : Visite*) took the tap for the new
 * meaning: a round closed was opened again, the room taken back two steps.
 */
export function useJustChanged(value: unknown, ms = 1200): () => boolean {
  const last = useRef<{ value: unknown; at: number }>({ value, at: -Infinity });
  if (!Object.is(last.current.value, value)) last.current = { value, at: performance.now() };
  return () => performance.now() - last.current.at < ms;
}
