import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isDoublePress, useJustChanged } from '../hooks/useJustChanged.ts';
import { can, STICKIES_PER_PERSON } from '../../shared/session/index.ts';
import type { BoardSettings, RuleState } from '../../shared/session/index.ts';
import { useSelfId, useVoting } from '../facilitation/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { useJoinedPeople } from '../room/useJoinedPeople.ts';
import { useCommandButton, useRoomLink } from '../room/useRoomLink.ts';
import type { BoardMode } from './Board.tsx';
import type { Viewport } from './viewport.ts';

interface Props {
  readonly settings: BoardSettings;
  readonly rules: RuleState;
  readonly votesUsed: number;
  readonly hiddenFromMe: number;
  /** No idea on the board yet (the moment to start private writing). */
  readonly empty: boolean;
  readonly canAdd: boolean;
  /** This person has written as many ideas as one may: the button is off and says why. */
  readonly ideasFull: boolean;
  readonly onAdd: () => void;
  readonly onFit: () => void;
  /** Lay the board out (host and facilitators), and undo the last layout. */
  readonly onTidy: (() => void) | null;
  readonly onUndoTidy: (() => void) | null;
  /** The room's screen shows the ideas too small to be read, and tidying would show them larger (useSpreadBoard). */
  readonly spread: boolean;
  /** Point the room's screen at what this board shows (host and facilitators). */
  readonly onShowMyView: (() => void) | null;
  readonly mode: BoardMode;
  readonly onMode: (mode: BoardMode) => void;
  readonly viewport: Viewport;
  readonly viewportEl: RefObject<HTMLDivElement | null>;
}

export function BoardToolbar({ settings, rules, votesUsed, hiddenFromMe, empty, canAdd, ideasFull, onAdd, onFit, onTidy, onUndoTidy, spread, onShowMyView, mode, onMode, viewport, viewportEl }: Props) {
  const { t } = useTranslation();
  const { me, conn } = useRoom();
  const scale = useSyncExternalStore((n) => viewport.subscribe(n), () => viewport.scale);
  const canPrivate = can(me, rules, { kind: 'setPrivateWriting' }).ok;
  // Points left mean something while a round is open, not before the first one.
  const voting = useVoting();
  const votingOpen = voting.open;
  // Before private writing and before any vote, an idea is read by all as it is written (seen
  // in an exploratory run: the rule reads "d'abord en privé", and a member's first idea was
  // on every phone at once): said to whoever writes, and to the host, who starts it.
  const writingInTheOpen = !settings.privateWriting && !votingOpen && voting.closedAt === null;
  const zoom = (factor: number) => {
    const el = viewportEl.current;
    viewport.zoomAt(factor, (el?.clientWidth ?? 0) / 2, (el?.clientHeight ?? 0) / 2);
  };
  const left = Math.max(0, settings.voteBudget - votesUsed);
  // The reveal and the start are the server's: offline, the command would wait in the
  // socket's buffer and go at the reconnection, whenever that is.
  const linked = useRoomLink('commands');
  const off = linked ? {} : { disabled: true, 'aria-describedby': 'leader-offline' };
  const command = useCommandButton();
  // Whoever is offline when the ideas are revealed: what his phone wrote since is not on the
  // server and misses the reveal (his phone then says *non partagée*, *Mettre au tableau*).
  // The leader reads who, and reveals anyway, or waits for them.
  const offline = useOfflineWriters(canPrivate && settings.privateWriting);
  const [confirmReveal, setConfirmReveal] = useState(false);
  useEffect(() => {
    if (!settings.privateWriting || offline.length === 0) setConfirmReveal(false);
  }, [settings.privateWriting, offline.length]);
  // A double press: its second half met the button's new meaning (*Lancer l'écriture privée*
  // become *Tout révéler*, and private writing ended as it began).
  const justSwitched = useJustChanged(settings.privateWriting);
  const reveal = () => {
    setConfirmReveal(false);
    conn.presence.facilitate({ kind: 'privateWriting', action: 'reveal' });
  };
  const start = (event: { readonly detail: number }) => {
    if (isDoublePress(event, justSwitched)) return;
    conn.presence.facilitate({ kind: 'privateWriting', action: 'start' });
  };
  const pressReveal = (event: { readonly detail: number }) => {
    if (isDoublePress(event, justSwitched)) return;
    if (offline.length > 0) setConfirmReveal(true);
    else reveal();
  };
  return (
    <div className="board-toolbar">
      <div className="row">
        {canAdd && (
          <button type="button" className="primary" onClick={onAdd} disabled={ideasFull} aria-describedby={ideasFull ? 'ideas-full' : undefined}>
            {t('board.add')}
          </button>
        )}
        {/* The server starts private writing, and reveals: it moves everyone's private ideas onto the board. */}
        {canPrivate &&
          (settings.privateWriting ? (
            <button type="button" {...off} aria-expanded={offline.length > 0 ? confirmReveal : undefined} onClick={pressReveal}>{t('board.reveal')}</button>
          ) : (
            // Nothing written yet: the moment to start it, the first thing offered (a line saying
            // so pushed the host's board below his laptop's first screen).
            <button type="button" {...off} className={empty && writingInTheOpen ? 'primary' : undefined} onClick={start}>{t('board.startPrivate')}</button>
          ))}
        <span className="row board-mode" role="group" aria-label={t('board.show')}>
          <button type="button" aria-pressed={mode === 'list'} onClick={() => onMode('list')}>{t('board.asList')}</button>
          <button type="button" aria-pressed={mode === 'canvas'} onClick={() => onMode('canvas')}>{t('board.asCanvas')}</button>
        </span>
        {onTidy && (
          <button type="button" className={spread ? 'primary' : undefined} aria-describedby={spread ? 'board-spread' : undefined} onClick={onTidy}>
            {t('board.tidy')}
          </button>
        )}
        {/* Beside "Ranger le tableau": one word, so that the row does not wrap on a laptop. */}
        {onUndoTidy && (
          <button type="button" aria-label={t('board.undoTidy')} onClick={onUndoTidy}>
            {t('board.undoTidyShort')}
          </button>
        )}
      </div>
      {confirmReveal && linked && (
        <p className="row reveal-offline" role="alert" data-testid="reveal-offline">
          <span>{t('board.revealOffline', { count: offline.length, names: offline.join(', ') })}</span>
          <button type="button" className="small primary" onClick={reveal}>{t('board.revealAnyway')}</button>
          <button type="button" className="small" onClick={() => setConfirmReveal(false)}>{t('common.cancel')}</button>
        </p>
      )}
      {/* What this person may still do, then the view's tools: one row under the actions (the
          zoom on a row of its own pushed the board further down a laptop's screen). */}
      <div className="row board-toolbar-foot">
        <div className="row board-status" aria-live="polite">
          {canAdd && ideasFull && <strong id="ideas-full">{t('board.ideasFull', { max: STICKIES_PER_PERSON })}</strong>}
          {settings.privateWriting ? (
            <>
              <strong>{t('board.privateHint')}</strong>
              {/* Not said at each idea written elsewhere (thirty times in a room of fifteen): read when reached. */}
              {hiddenFromMe > 0 && <span data-testid="hidden-count" aria-live="off">{t('board.hiddenOthers', { count: hiddenFromMe })}</span>}
            </>
          ) : votingOpen ? (
            <strong data-testid="votes-left">{t('board.votesLeft', { left, budget: settings.voteBudget })}</strong>
          ) : (
            writingInTheOpen && canAdd && !canPrivate && <span data-testid="public-hint">{t('board.publicHint')}</span>
          )}
          {onTidy && spread && (
            <strong id="board-spread" data-testid="board-spread">
              {t('board.spreadOnScreen')}
            </strong>
          )}
        </div>
        {mode === 'canvas' && (
          <span className="zoom row" role="group" aria-label={t('board.zoomLevel', { percent: Math.round(scale * 100) })}>
            <button type="button" className="small" aria-label={t('board.zoomOut')} onClick={() => zoom(1 / 1.2)}>−</button>
            <span aria-hidden="true">{Math.round(scale * 100)} %</span>
            <button type="button" className="small" aria-label={t('board.zoomIn')} onClick={() => zoom(1.2)}>+</button>
            <button type="button" className="small" onClick={onFit}>{t('board.zoomReset')}</button>
            {onShowMyView && (
              <button type="button" className="small" aria-label={t('facilitation.showZone')} {...command} onClick={onShowMyView}>
                {t('facilitation.showZoneShort')}
              </button>
            )}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * The names of those who joined the session and have no device connected now (as the
 * server's presence list says), this person aside: read only by whoever reveals.
 */
function useOfflineWriters(asked: boolean): string[] {
  const people = useJoinedPeople();
  const { me } = useRoom();
  const selfId = useSelfId();
  if (!asked) return NO_NAMES;
  return people.filter((p) => p.offline && p.participantId !== me.participantId && p.participantId !== selfId).map((p) => p.name);
}

const NO_NAMES: string[] = [];
