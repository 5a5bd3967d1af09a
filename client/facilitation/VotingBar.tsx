// A voting round, for everyone in the brainstorm: its state; for leaders, open and close it,
// the budget, hidden counts and what is voted on; in a round on groups, the group dots.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, getGroups, ownTally, roots } from '../../shared/session/index.ts';
import { giveVote, takeBackVote } from '../board/board-context.ts';
import { sameValue } from '../hooks/same-value.ts';
import { isDoublePress, useJustChanged } from '../hooks/useJustChanged.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { useRoomLink } from '../room/useRoomLink.ts';
import { useLeads, useSelfId, useVoterCount, useVoting } from './hooks.ts';

export function VotingBar() {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const rules = useRuleState();
  const voting = useVoting();
  const leads = useLeads();
  const selfId = useSelfId();
  // Another leader opened or closed the round a moment ago: the button under one's finger
  // now means the opposite, and a tap meant for the old meaning is not taken.
  const justToggled = useJustChanged(voting.open);
  const [notTaken, setNotTaken] = useState(false);
  useEffect(() => setNotTaken(false), [voting.open]);
  // The round's controls are the server's commands: offline they would wait in the socket's
  // buffer and open or close the round at the reconnection, whenever that is.
  const linked = useRoomLink('commands');
  const off = linked ? {} : { disabled: true, 'aria-describedby': 'leader-offline' };
  const toggle = (event: { readonly detail: number }) => {
    if (!linked) return;
    // A double press: its second half met the button's new meaning (*Ouvrir* become *Clore*).
    if (isDoublePress(event, justToggled)) return;
    if (justToggled() && voting.by !== null && voting.by.participantId !== selfId) {
      setNotTaken(true);
      return;
    }
    setNotTaken(false);
    conn.presence.facilitate({ kind: 'voting', open: !voting.open });
  };
  // In an open round the budget is sent once typed (Enter, or leaving the field): sent at
  // each key, "10" went as 1 (refused, a round's points are not lowered) and then as 50.
  // Between rounds each key sends it, as before: every value is taken.
  const [budget, setBudget] = useState<string | null>(null);
  const send = (typed: string) => {
    const value = Math.max(0, Math.min(50, Math.round(Number(typed) || 0)));
    if (value !== rules.voteBudget) conn.presence.facilitate({ kind: 'voting', budget: value });
  };
  const sendBudget = () => {
    if (budget === null) return;
    setBudget(null);
    send(budget);
  };
  // Unticking "Masquer les comptes" in a round that hides them shows everyone's points at
  // once, for good: the host confirms it first (one stray click did it).
  const [confirmShow, setConfirmShow] = useState(false);
  // Asked in a round that ended (or whose counts another lead showed): not asked in the next.
  const asking = voting.open && voting.hideCounts;
  useEffect(() => {
    if (!asking) setConfirmShow(false);
  }, [asking]);
  if (rules.privateWriting) return null;
  const showCounts = () => {
    setConfirmShow(false);
    conn.presence.facilitate({ kind: 'voting', hideCounts: false });
  };
  return (
    <section className="voting-bar" aria-label={t('voting.label')}>
      <p className="row">
        {/* No round yet is not a closed one: members should not think they missed it. */}
        <strong data-testid="voting-state">{voting.open ? t('voting.isOpen') : voting.closedAt !== null ? t('voting.isClosed') : t('voting.notYet')}</strong>
        {/* Who closed it, as a phase move says who made it (while open, the line stays short:
            on a 360 px phone it pushed the ideas to vote on below the first screen). */}
        {voting.by && !voting.open && voting.closedAt !== null && (
          <span className="hint" data-testid="voting-by">{t('voting.by', { name: voting.by.name })}</span>
        )}
        {voting.open && voting.hideCounts && (
          <span className="hint" data-testid="counts-hidden">
            <span className="words-full">{t('voting.hidden')}</span>
            {/* A 360 px phone cut the full words ("jusqu'à la cl…"). */}
            <span className="words-short" aria-hidden="true">{t('voting.hiddenShort')}</span>
          </span>
        )}
        {/* For those who close the round (and the screen): members need not wait on it. */}
        {voting.open && leads && <Voters />}
      </p>
      {leads && (
        <div className="row" role="group" aria-label={t('voting.label')}>
          <button
            type="button"
            className={voting.open ? 'small' : 'small primary'}
            {...off}
            onClick={toggle}
          >
            {voting.open ? t('voting.close') : t('voting.open')}
          </button>
          <label className="inline-field">
            {t('voting.budget')}
            <input
              type="number"
              {...off}
              // In a round, points are raised, not lowered (the server refuses it): lowering
              // took back points already given, unseen by their voters.
              min={voting.open ? rules.voteBudget : 0}
              max={50}
              value={budget ?? rules.voteBudget}
              onChange={(e) => (voting.open ? setBudget(e.target.value) : send(e.target.value))}
              onBlur={sendBudget}
              onKeyDown={(e) => {
                if (e.key === 'Enter') sendBudget();
                if (e.key === 'Escape') setBudget(null);
              }}
            />
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              {...off}
              checked={voting.hideCounts}
              onChange={(e) => {
                if (!e.target.checked && voting.open && voting.hideCounts) setConfirmShow(true);
                else conn.presence.facilitate({ kind: 'voting', hideCounts: e.target.checked });
              }}
            />
            {/* Short on the bar, so that the round's controls stay on one row. */}
            {t('voting.hideCounts')}
            <span className="visually-hidden"> {t('voting.hideCountsWhen')}</span>
          </label>
          <label className="inline-field">
            {t('voting.target')}
            <select
              value={voting.target}
              disabled={voting.open || !linked}
              onChange={(e) => conn.presence.facilitate({ kind: 'voting', target: e.target.value === 'groups' ? 'groups' : 'stickies' })}
            >
              <option value="stickies">{t('voting.targetStickies')}</option>
              <option value="groups">{t('voting.targetGroups')}</option>
            </select>
          </label>
        </div>
      )}
      {leads && notTaken && voting.by && (
        <p className="row" role="status" data-testid="voting-not-taken">
          {t(voting.open ? 'voting.justOpened' : 'voting.justClosed', { name: voting.by.name })}
        </p>
      )}
      {leads && confirmShow && asking && (
        <p className="row" role="alert" data-testid="confirm-show-counts">
          <span>{t('voting.showCountsNow')}</span>
          <button type="button" className="small danger" {...off} onClick={showCounts}>{t('voting.showCounts')}</button>
          <button type="button" className="small" onClick={() => setConfirmShow(false)}>{t('common.cancel')}</button>
        </p>
      )}
      {voting.target === 'groups' && voting.open && <GroupVotes />}
    </section>
  );
}

/** How many people have given points so far (never to what): the host knows when to close. */
function Voters() {
  const { t } = useTranslation();
  return <span className="hint voters" data-testid="voters">{t('voting.voters', { count: useVoterCount() })}</span>;
}

function GroupVotes() {
  const { t } = useTranslation();
  const { doc, me, conn } = useRoom();
  const r = roots(doc);
  const rules = useRuleState();
  const privateDoc = conn.privateBoard?.doc ?? null;
  const groups = useYValue(r.groups, () => getGroups(doc), [doc]);
  const own = useYValue([r.votes, r.board, privateDoc ? roots(privateDoc).votes : null], () => ownTally(doc, privateDoc, me.participantId), [doc, privateDoc, me.participantId, groups], sameValue);
  const mine = own.bySticky;
  const canVote = can(me, rules, { kind: 'castVote', votesUsed: own.used }).ok;
  return (
    <ul className="plain-list group-votes">
      {groups.map((g) => (
        <li key={g.id} className="row">
          <span className="group-vote-title">{g.title}</span>
          <span>{t('voting.votes', { count: mine[g.id] ?? 0 })}</span>
          <button type="button" className="small" disabled={!canVote} aria-label={t('voting.voteGroup', { title: g.title })} onClick={() => giveVote(doc, privateDoc, me, rules.countsHidden, g.id)}>
            +
          </button>
          {(mine[g.id] ?? 0) > 0 && (
            <button type="button" className="small" aria-label={t('board.unvote')} onClick={() => takeBackVote(doc, privateDoc, me.participantId, rules.countsHidden, g.id)}>
              −
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
