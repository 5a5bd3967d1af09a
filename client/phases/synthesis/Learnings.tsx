import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getLearnings, roots, setLearning } from '../../../shared/session/index.ts';
import type { LearningField } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { hasLearning, LearningEntry } from './LearningEntry.tsx';

/** Each person writes what he brought and what he takes away; everybody reads the others. */
export function Learnings() {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const learnings = useYValue(roots(doc).learnings, () => getLearnings(doc), [doc]);
  const canWrite = useCan({ kind: 'setLearning', participantId: me.participantId });
  const mine = learnings.find((l) => l.participantId === me.participantId);
  const others = learnings.filter((l) => l.participantId !== me.participantId && hasLearning(l));
  return (
    <section className="card stack" aria-labelledby="learnings-title">
      <h3 id="learnings-title">{t('synthesis.learnings')}</h3>
      {canWrite && (
        <div className="stack">
          <LearningField field="brought" initial={mine?.brought ?? ''} />
          <LearningField field="takeAway" initial={mine?.takeAway ?? ''} />
        </div>
      )}
      <ul className="learnings">
        {others.map((l) => (
          <LearningEntry key={l.participantId} learning={l} testId="learning" />
        ))}
      </ul>
    </section>
  );
}

/** Written to the document as one types, at most every 400 ms, and when leaving the field. */
function LearningField({ field, initial }: { field: LearningField; initial: string }) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const [value, setValue] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (latest.current !== initialRef.current) setLearning(doc, me, field, latest.current);
    initialRef.current = latest.current;
  };
  const initialRef = useRef(initial);
  const id = `learning-${field}`;
  // Written elsewhere (another tab of this person): shown unless he is typing here.
  useEffect(() => {
    if (initial === initialRef.current || timer.current || document.activeElement?.id === id) return;
    initialRef.current = initial;
    latest.current = initial;
    setValue(initial);
  }, [initial, id]);
  // `me` changes identity when he renames himself: read it through a ref, so that this
  // runs only when the field goes away, not in the middle of his typing.
  const meRef = useRef(me);
  meRef.current = me;
  useEffect(() => () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    if (latest.current !== initialRef.current) setLearning(doc, meRef.current, field, latest.current);
  }, [doc, field]);
  return (
    <div className="field">
      <label htmlFor={id}>{t(`synthesis.${field}`)}</label>
      <textarea
        id={id}
        value={value}
        maxLength={2000}
        onChange={(e) => {
          setValue(e.target.value);
          latest.current = e.target.value;
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, 400);
        }}
        onBlur={flush}
      />
    </div>
  );
}
