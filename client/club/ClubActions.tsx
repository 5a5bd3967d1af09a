import { useTranslation } from 'react-i18next';
import type { ClubCredential, FollowedAction } from '../../shared/club.ts';
import { ActionFollowUp } from './ActionFollowUp.tsx';
import { actionsByOwner } from './by-owner.ts';

/** The open actions of every session of the club, by owner; each owner updates his own. */
export function ClubActions({ credential, actions, onChange }: { credential: ClubCredential; actions: readonly FollowedAction[]; onChange: (a: FollowedAction) => void }) {
  const { t } = useTranslation();
  // His own first, marked: on a phone they were wherever his name fell among the owners.
  const owners = actionsByOwner(actions, t('synthesis.noOwner')).sort((x, y) => Number(y.ownerId === credential.memberId) - Number(x.ownerId === credential.memberId));
  return (
    <section className="card club-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('club.openActions')}</h2>
      {actions.length === 0 && <p className="hint">{t('club.noOpenActions')}</p>}
      {owners.map((owner) => (
        <div key={owner.ownerId} className="stack owner-actions">
          <h3>
            {owner.label} {owner.ownerId === credential.memberId && <span className="tag">{t('presence.you')}</span>}
          </h3>
          <ul className="plain-list">
            {owner.actions.map((a) => (
              <ActionFollowUp key={`${a.sessionId}/${a.actionId}`} action={a} credential={credential} onChange={onChange} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
