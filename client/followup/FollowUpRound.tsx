import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpRound as Round } from '../../shared/club.ts';
import { can, setFollowUpRound } from '../../shared/session/index.ts';
import { ActionFollowUp } from '../club/ActionFollowUp.tsx';
import { actionsByOwner } from '../club/by-owner.ts';
import { fetchFollowUpRound } from '../club/club-api.ts';
import { ApiError } from '../sync/api.ts';
import { savedCredential } from '../club/club-credentials.ts';
import { withChange } from '../club/club-live.ts';
import { useRuleState } from '../room/hooks.ts';
import { useRoom } from '../room/room-context.ts';
import { useFitToHeight } from '../screen/useFitToHeight.ts';

/**
 * On the room's screen the round stands whole, its type down to half the screen's: six open
 * actions ran to 1404 px on a 720 px screen, the last four never seen by the room.
 */
const SCREEN_FIT_STEPS: readonly number[] = [1, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5];

/**
 * The screen's columns for the round's actions: a room of thirty leaves a dozen open actions
 * or more, which in one column stood whole only at a type too small to read from the back.
 */
function screenColumns(actions: number): number {
  return actions <= 4 ? 1 : actions <= 10 ? 2 : 3;
}

/**
 * The follow-up round that opens a club session, before Présentation: the open actions of
 * the club's earlier sessions, by owner. Each owner says where he is and updates his own,
 * live for the room and the shared screen; the host ends (or skips) the round.
 */
export function FollowUpRound({ large = false }: { large?: boolean }) {
  const { t } = useTranslation();
  const { conn, doc, info, token, me } = useRoom();
  const rules = useRuleState();
  const fitted = useRef<HTMLElement>(null);
  useFitToHeight(fitted, SCREEN_FIT_STEPS);
  const [round, setRound] = useState<Round | null>(null);
  const [failed, setFailed] = useState<'membersOnly' | 'server' | null>(null);
  useEffect(() => {
    fetchFollowUpRound(info.id, token).then(setRound, (err: unknown) => setFailed(err instanceof ApiError && err.status === 403 ? 'membersOnly' : 'server'));
  }, [info.id, token]);
  useEffect(() => conn.presence.onFollowUp((change) => setRound((r) => (r ? { ...r, actions: withChange(r.actions, change) } : r))), [conn]);
  // Only a member who entered with his club credential acts here, for his own actions.
  const saved = info.clubId ? savedCredential(info.clubId) : null;
  const credential = saved && saved.memberId === me.participantId ? saved : null;
  const leads = me.role === 'host' && can(me, rules, { kind: 'editMeta' }).ok;
  const owners = round ? actionsByOwner(round.actions, t('synthesis.noOwner')) : [];
  return (
    <section ref={large ? fitted : undefined} className={`phase follow-up${large ? ' screen-follow-up' : ''}`} aria-labelledby="followup-title" data-testid="follow-up-round">
      <h2 id="followup-title">{t('followUp.title')}</h2>
      <p>{t('followUp.intro')}</p>
      {/* Under the intro: at the round's end, it was 2,000 px down a host's phone. */}
      {leads && !large && (
        <p className="row">
          <button type="button" className="primary" onClick={() => setFollowUpRound(doc, false)}>
            {t('followUp.end')}
          </button>
        </p>
      )}
      {failed === 'server' && <p className="error">{t('errors.serverText')}</p>}
      {/* Someone who came by the session's link, not as a member of the club, reads the
          round on the room's screen: the earlier sessions' actions are the members'. */}
      {failed === 'membersOnly' && <p className="hint" data-testid="followup-members-only">{t('followUp.membersOnly')}</p>}
      {round && round.actions.length === 0 && <p className="hint">{t('followUp.none')}</p>}
      <div className="owner-columns" style={large ? ({ '--owner-columns': screenColumns(round?.actions.length ?? 0) } as CSSProperties) : undefined}>
      {owners.map((owner) => (
        <div key={owner.ownerId} className="stack owner-actions">
          <h3>{owner.label}</h3>
          <ul className="plain-list">
            {owner.actions.map((a) => (
              <ActionFollowUp
                key={`${a.sessionId}/${a.actionId}`}
                action={a}
                credential={credential}
                onChange={(c) => setRound((r) => (r ? { ...r, actions: withChange(r.actions, c) } : r))}
              />
            ))}
          </ul>
        </div>
      ))}
      </div>
    </section>
  );
}
