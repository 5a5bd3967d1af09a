// The brainstorm on the screen: during private writing only how many ideas and writers
// (never a word of them); after the reveal the board, fitted to its content or to what the
// host points at; once a voting round closes, its ranked results.
import { useTranslation } from 'react-i18next';
import { getBoardSettings, getPrivateProgress, getStickies, roots } from '../../shared/session/index.ts';
import type { Focus, FocusBox } from '../../shared/session/index.ts';
import { Board } from '../board/Board.tsx';
import { STICKY_HEIGHT, STICKY_WIDTH } from '../board/viewport.ts';
import { useVoterCount, useVoting } from '../facilitation/hooks.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRoom } from '../room/room-context.ts';
import { VoteChart } from './VoteChart.tsx';

export function BrainstormScreen({ focus }: { focus: Focus | null }) {
  const { doc } = useRoom();
  const r = roots(doc);
  const privateWriting = useYValue(r.board, () => getBoardSettings(doc).privateWriting, [doc]);
  const voting = useVoting();
  const box = useYValue([r.stickies, r.facilitation], () => focusBox(doc, focus), [doc, focus]);
  const empty = useYValue(r.stickies, () => r.stickies.size === 0, [r.stickies]);
  if (privateWriting) return <WritingProgress />;
  if (!voting.open && voting.closedAt !== null && !focus) return <VoteChart target={voting.target} />;
  return (
    <div className="screen-board">
      {voting.open && <VotingState hidden={voting.hideCounts} />}
      {/* An empty frame alone read as a screen that had lost its way. */}
      {empty && <NoIdeasYet />}
      <Board readOnly fitAlways largeType focus={box} shownGroupId={focus?.kind === 'group' ? focus.groupId : null} />
    </div>
  );
}

function NoIdeasYet() {
  const { t } = useTranslation();
  return <p className="screen-empty" data-testid="screen-no-ideas">{t('screenView.noIdeasYet')}</p>;
}

function VotingState({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation();
  const voters = useVoterCount();
  return (
    <p className="screen-kicker" data-testid="screen-voting">
      {t('voting.isOpen')}
      {hidden && <> · {t('voting.hidden')}</>}
      {' · '}
      <span data-testid="voters">{t('voting.voters', { count: voters })}</span>
    </p>
  );
}

function WritingProgress() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  // The ideas on the board, and those written privately, which the server counts (never a word of them).
  const r = roots(doc);
  const progress = useYValue([r.stickies, r.facilitation], () => {
    const stickies = getStickies(doc);
    const hidden = getPrivateProgress(doc);
    const writers = new Set([...stickies.map((s) => s.authorId), ...Object.keys(hidden.byWriter)]);
    return { ideas: stickies.length + hidden.ideas, writers: writers.size };
  }, [doc]);
  return (
    <div className="screen-writing" data-testid="screen-writing">
      <p className="screen-kicker">{t('screenView.writing')}</p>
      <p className="screen-big-number" data-testid="writing-ideas">{t('screenView.ideas', { count: progress.ideas })}</p>
      <p className="screen-byline" data-testid="writing-writers">{t('screenView.writers', { count: progress.writers })}</p>
    </div>
  );
}

/** The board rectangle the host points at: a zone as given, a group as the box of its ideas. */
function focusBox(doc: import('yjs').Doc, focus: Focus | null): FocusBox | null {
  if (!focus) return null;
  if (focus.kind === 'zone') return focus.zone;
  if (focus.kind !== 'group' || !focus.groupId) return null;
  const inGroup = getStickies(doc).filter((s) => s.groupId === focus.groupId && !s.hidden);
  if (inGroup.length === 0) return null;
  const minX = Math.min(...inGroup.map((s) => s.x));
  const minY = Math.min(...inGroup.map((s) => s.y)) - 48;
  const maxX = Math.max(...inGroup.map((s) => s.x)) + STICKY_WIDTH;
  const maxY = Math.max(...inGroup.map((s) => s.y)) + STICKY_HEIGHT;
  return { x: minX - 24, y: minY, w: maxX - minX + 48, h: maxY - minY + 24 };
}
