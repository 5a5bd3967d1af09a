// A voting round, for everyone in the brainstorm: its state; for leaders, open and close it,
// the budget, hidden counts and what is voted on; in a round on groups, the group dots.
import { useTranslation } from 'react-i18next';
import { can, castVote, getGroups, getVotes, retractVote, roots, tally } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { useLeads, useVoting } from './hooks.ts';

export function VotingBar() {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const rules = useRuleState();
  const voting = useVoting();
  const leads = useLeads();
  if (rules.privateWriting) return null;
  return (
    <section className="voting-bar" aria-label={t('voting.label')}>
      <p className="row">
        {/* No round yet is not a closed one: members should not think they missed it. */}
        <strong data-testid="voting-state">{voting.open ? t('voting.isOpen') : voting.closedAt !== null ? t('voting.isClosed') : t('voting.notYet')}</strong>
        {voting.open && voting.hideCounts && <span className="hint" data-testid="counts-hidden">{t('voting.hidden')}</span>}
      </p>
      {leads && (
        <div className="row" role="group" aria-label={t('voting.label')}>
          <button
            type="button"
            className={voting.open ? 'small' : 'small primary'}
            onClick={() => conn.presence.facilitate({ kind: 'voting', open: !voting.open })}
          >
            {voting.open ? t('voting.close') : t('voting.open')}
          </button>
          <label className="inline-field">
            {t('voting.budget')}
            <input
              type="number"
              min={0}
              max={50}
              value={rules.voteBudget}
              onChange={(e) => {
                const budget = Math.max(0, Math.min(50, Math.round(Number(e.target.value) || 0)));
                conn.presence.facilitate({ kind: 'voting', budget });
              }}
            />
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={voting.hideCounts}
              onChange={(e) => conn.presence.facilitate({ kind: 'voting', hideCounts: e.target.checked })}
            />
            {t('voting.hideCounts')}
          </label>
          <label className="inline-field">
            {t('voting.target')}
            <select
              value={voting.target}
              onChange={(e) => conn.presence.facilitate({ kind: 'voting', target: e.target.value === 'groups' ? 'groups' : 'stickies' })}
            >
              <option value="stickies">{t('voting.targetStickies')}</option>
              <option value="groups">{t('voting.targetGroups')}</option>
            </select>
          </label>
        </div>
      )}
      {voting.target === 'groups' && voting.open && <GroupVotes />}
    </section>
  );
}

function GroupVotes() {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const r = roots(doc);
  const rules = useRuleState();
  const groups = useYValue(r.groups, () => getGroups(doc), [doc]);
  const mine = useYValue(r.votes, () => {
    const counted = new Set(tally(doc).countedVoteIds);
    const out: Record<string, number> = {};
    for (const v of getVotes(doc)) if (v.voterId === me.participantId && counted.has(v.id)) out[v.stickyId] = (out[v.stickyId] ?? 0) + 1;
    return out;
  }, [doc, me.participantId]);
  const used = Object.values(mine).reduce((a, b) => a + b, 0);
  const canVote = can(me, rules, { kind: 'castVote', votesUsed: used }).ok;
  return (
    <ul className="plain-list group-votes">
      {groups.map((g) => (
        <li key={g.id} className="row">
          <span className="group-vote-title">{g.title}</span>
          <span>{t('voting.votes', { count: mine[g.id] ?? 0 })}</span>
          <button type="button" className="small" disabled={!canVote} aria-label={t('voting.voteGroup', { title: g.title })} onClick={() => castVote(doc, me, g.id)}>
            +
          </button>
          {(mine[g.id] ?? 0) > 0 && (
            <button type="button" className="small" aria-label={t('board.unvote')} onClick={() => retractVote(doc, me.participantId, g.id)}>
              −
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
