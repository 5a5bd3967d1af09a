import { useRef } from 'react';

/** A page's first moment: values arrive from the document then, no finger is on a button yet. */
const ARRIVING_MS = 1500;

/** How soon after a change a key's press on the changed button is the key pressed twice. */
const KEY_TWICE_MS = 400;

/**
 * Whether a press is the second of a double press, not a second decision: a double click (the
 * click's count is 2 or more), or a key pressed twice, its second press (a click with no count)
 * within KEY_TWICE_MS of the button's change (`justChanged`, this hook's). The button had taken
 * its new meaning in between: *Passer à : Brainstorm* pressed twice took the room on to the
 * Synthèse, *Lancer l'écriture privée* ended it at once, *Ouvrir le vote* closed the round.
 */
export function isDoublePress(event: { readonly detail: number }, justChanged: JustChanged): boolean {
  return event.detail >= 2 || (event.detail === 0 && justChanged(KEY_TWICE_MS, true));
}

/** A press as these checks read it: its click count (0 from the keyboard), and when. */
export interface Press {
  readonly detail: number;
  readonly at: number;
}

/**
 * Whether a press is the second half of the same gesture as `first`: a double click (its
 * count 2 or more), or a key pressed twice (two clicks with no count, within KEY_TWICE_MS).
 * A confirmation asked by the first press (*Supprimer ?*) was given by it.
 */
export function isSecondHalf(event: { readonly detail: number }, first: Press | null): boolean {
  return event.detail >= 2 || (event.detail === 0 && first !== null && first.detail === 0 && performance.now() - first.at < KEY_TWICE_MS);
}

/** The press `event` is, now. */
export function pressOf(event: { readonly detail: number } | undefined): Press {
  return { detail: event?.detail ?? 0, at: performance.now() };
}

/**
 * Whether `value` changed less than `ms` ago (read at the moment of a tap). A button whose
 * meaning another leader's move changed under one's finger (*Clore le vote* become *Ouvrir le
 * vote*, *Revenir à : Questions* become *Revenir à : Visite*) took the tap for the new
 * meaning: a round closed was opened again, the room taken back two steps. What arrives as
 * the page opens (the document read from the device or the server) is no such change.
 * The function read takes another span than `ms` if given.
 */
export function useJustChanged(value: unknown, ms = 1200): JustChanged {
  const mountedAt = useRef<number | null>(null);
  mountedAt.current ??= performance.now();
  const last = useRef<{ value: unknown; at: number; rawAt: number }>({ value, at: -Infinity, rawAt: -Infinity });
  if (!Object.is(last.current.value, value)) {
    const now = performance.now();
    last.current = { value, at: now - mountedAt.current < ARRIVING_MS ? -Infinity : now, rawAt: now };
  }
  return (within = ms, evenArriving = false) => performance.now() - (evenArriving ? last.current.rawAt : last.current.at) < within;
}

/**
 * Whether the value changed less than `within` ago; a change in the component's first
 * moments (ARRIVING_MS) counts only with `evenArriving`: a double press is one then too.
 */
export type JustChanged = (within?: number, evenArriving?: boolean) => boolean;
