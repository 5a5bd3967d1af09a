import { useCallback, useState } from 'react';
import { readStored, removeStored, writeStored } from '../sync/device.ts';
import { useRoom } from './room-context.ts';

const draftKey = (sessionId: string, participantId: string, form: string) => `entraide:draft:${sessionId}:${participantId}:${form}`;

/** What is kept of `form` on this device, read once (no form need be on the page). */
export function readDeviceDraft(sessionId: string, participantId: string, form: string): string {
  return readStored(draftKey(sessionId, participantId, form)) ?? '';
}

/** Forgets what is kept of `form` on this device. */
export function forgetDeviceDraft(sessionId: string, participantId: string, form: string): void {
  removeStored(draftKey(sessionId, participantId, form));
}

/**
 * Text typed in a form and not sent yet, kept on the device for this session and person at
 * each key (localStorage): a note or a question half-written when the host moved the phase
 * went with the form, and so did one typed before a reload. Setting it to '' forgets it.
 */
export function useDeviceDraft(form: string): [string, (text: string) => void] {
  const { doc, me } = useRoom();
  const key = draftKey(doc.guid, me.participantId, form);
  const [text, setText] = useState(() => readStored(key) ?? '');
  const set = useCallback(
    (next: string) => {
      setText(next);
      if (next) writeStored(key, next);
      else removeStored(key);
    },
    [key],
  );
  return [text, set];
}
