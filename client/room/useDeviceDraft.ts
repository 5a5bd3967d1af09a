import { useCallback, useState } from 'react';
import { readStored, removeStored, writeStored } from '../sync/device.ts';
import { useRoom } from './room-context.ts';

/**
 * Text typed in a form and not sent yet, kept on the device for this session and person at
 * each key (localStorage): a note or a question half-written when the host moved the phase
 * went with the form, and so did one typed before a reload. Setting it to '' forgets it.
 */
export function useDeviceDraft(form: string): [string, (text: string) => void] {
  const { doc, me } = useRoom();
  const key = `entraide:draft:${doc.guid}:${me.participantId}:${form}`;
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
