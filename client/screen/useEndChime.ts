// A soft two-note chime when the phase's timer runs out: on the room's screen only.
import { useEffect, useRef } from 'react';
import type { PhaseTimer } from '../../shared/session/index.ts';

/** One audio context per screen; browsers start it only after a gesture (the sound button). */
export class Chime {
  #ctx: AudioContext | null = null;
  enabled = false;

  unlock(): void {
    this.#ctx ??= new AudioContext();
    void this.#ctx.resume();
    this.enabled = true;
  }

  ring(): void {
    try {
      this.#ctx ??= new AudioContext();
      const ctx = this.#ctx;
      const start = ctx.currentTime + 0.05;
      for (const [i, freq] of [660, 880].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        const at = start + i * 0.35;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.18, at + 0.04);
        gain.gain.exponentialRampToValueAtTime(0.001, at + 1.2);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 1.3);
      }
    } catch {
      // No audio device here: the visual cue stays.
    }
  }
}

/** Rings once when a running timer reaches zero (not when a screen opens on an ended one). */
export function useEndChime(timer: PhaseTimer | null, left: number | null, chime: Chime): void {
  const last = useRef<number | null>(left);
  useEffect(() => {
    const before = last.current;
    last.current = left;
    if (timer?.endsAt != null && left === 0 && before !== null && before > 0) chime.ring();
  }, [timer, left, chime]);
}
