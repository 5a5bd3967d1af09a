import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getLearnings, roots, setLearning } from '../../../shared/session/index.ts';
import type { LearningField } from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { readStored, removeStored, writeStored } from '../../sync/device.ts';
import { useRoom } from '../../room/room-context.ts';
import { ClosingRoundPanel, useClosingRound } from './ClosingRound.tsx';
import { hasLearning, LearningEntry } from './LearningEntry.tsx';

/** Each person writes what he brought and what he takes away; everybody reads the others. */
export function Learnings() {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const learnings = useYValue(roots(doc).learnings, () => getLearnings(doc), [doc]);
  const canWrite = useCan({ kind: 'setLearning', participantId: me.participantId });
  const mine = learnings.find((l) => l.participantId === me.participantId);
  const others = learnings.filter((l) => l.participantId !== me.participantId && hasLearning(l));
  const round = useClosingRound();
  return (
    <section className="card stack" aria-labelledby="learnings-title">
      <h3 id="learnings-title">{t('synthesis.learnings')}</h3>
      {round.open && (
        <p className="closing-kicker" role="status" data-testid="closing-kicker">
          {t(round.shownId === me.participantId ? 'closingRound.onScreen' : 'closingRound.kicker')}
        </p>
      )}
      <ClosingRoundPanel />
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

/** How often typing is written to the document, at most. */
const WRITE_EVERY_MS = 400;

/**
 * What one has typed and the document has not taken yet, kept on the device at each key: a
 * page reloaded (or a phone's tab discarded) right after typing gives it back. `base` is the
 * document's text it was typed over: changed since (another tab of his), the draft is stale.
 */
interface LearningDraft {
  readonly text: string;
  readonly base: string;
}

const draftKey = (sessionId: string, participantId: string, field: LearningField) => `entraide:learning:${sessionId}:${participantId}:${field}`;

function readDraft(key: string): LearningDraft | null {
  try {
    const parsed: unknown = JSON.parse(readStored(key) ?? 'null');
    if (parsed && typeof parsed === 'object' && typeof (parsed as LearningDraft).text === 'string' && typeof (parsed as LearningDraft).base === 'string') return parsed as LearningDraft;
  } catch {
    // Not ours, or cut: no draft.
  }
  return null;
}

/**
 * Written to the document as one types, at most every 400 ms, and at once when leaving the
 * field or the page (reload, another app on the phone). The text waited for a pause in the
 * typing before: typed and reloaded within it, it was lost.
 */
function LearningField({ field, initial }: { field: LearningField; initial: string }) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const key = draftKey(doc.guid, me.participantId, field);
  // A draft typed over what the document still holds comes back, and is written below.
  const [restored] = useState(() => {
    const draft = readDraft(key);
    return draft && draft.base === initial && draft.text !== initial ? draft.text : null;
  });
  const [value, setValue] = useState(restored ?? initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);
  const initialRef = useRef(initial);
  // `me` changes identity when he renames himself: read it through a ref, so that the
  // effects below run only when the field goes away, not in the middle of his typing.
  const meRef = useRef(me);
  meRef.current = me;
  const flushRef = useRef(() => {});
  flushRef.current = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (latest.current !== initialRef.current) setLearning(doc, meRef.current, field, latest.current);
    initialRef.current = latest.current;
    removeStored(key);
  };
  const id = `learning-${field}`;
  // Written elsewhere (another tab of this person): shown unless he is typing here.
  useEffect(() => {
    if (initial === initialRef.current || timer.current || document.activeElement?.id === id) return;
    initialRef.current = initial;
    latest.current = initial;
    setValue(initial);
  }, [initial, id]);
  useEffect(() => {
    const flush = () => flushRef.current();
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    // A restored draft goes to the document now; then whatever is typed, when the page goes.
    if (restored !== null) flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
      if (timer.current) flush();
    };
  }, [doc, field, restored]);
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
          writeStored(key, JSON.stringify({ text: e.target.value, base: initialRef.current } satisfies LearningDraft));
          // The first key of a burst sets the write; the keys after it do not put it off.
          timer.current ??= setTimeout(() => flushRef.current(), WRITE_EVERY_MS);
        }}
        onBlur={() => flushRef.current()}
      />
    </div>
  );
}
