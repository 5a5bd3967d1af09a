// A plain <textarea> bound to a Y.Text: local typing becomes the smallest splice, remote
// edits land without moving the caret of whoever is typing here.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { replaceText } from '../../shared/session/index.ts';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  readonly ytext: Y.Text;
};

/** Where a caret ends up after a remote delta. */
function shift(pos: number, delta: Y.YTextEvent['delta']): number {
  let index = 0;
  let out = pos;
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (op.insert !== undefined) {
      const n = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < out) out += n;
      index += n;
    } else if (op.delete !== undefined) {
      if (index < out) out -= Math.min(op.delete, out - index);
    }
  }
  return out;
}

export function CollabTextarea({ ytext, readOnly, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => ytext.toString());
  const selection = useRef<[number, number] | null>(null);

  useEffect(() => {
    setValue(ytext.toString());
    const onChange = (event: Y.YTextEvent) => {
      const el = ref.current;
      const next = ytext.toString();
      if (el && el.value === next) return;
      if (el && document.activeElement === el) {
        selection.current = [shift(el.selectionStart, event.delta), shift(el.selectionEnd, event.delta)];
      }
      setValue(next);
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
  }, [ytext]);

  useLayoutEffect(() => {
    const el = ref.current;
    const sel = selection.current;
    if (el && sel) el.setSelectionRange(sel[0], sel[1]);
    selection.current = null;
  }, [value]);

  return (
    <textarea
      {...rest}
      ref={ref}
      value={value}
      readOnly={readOnly}
      onChange={(e) => {
        setValue(e.target.value);
        replaceText(ytext, e.target.value);
      }}
    />
  );
}
