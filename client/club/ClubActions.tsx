import { useTranslation } from 'react-i18next';
import type { ClubCredential, FollowedAction } from '../../shared/club.ts';
import { ActionFollowUp } from './ActionFollowUp.tsx';

/** The open actions of every session of the club, by owner; each owner updates his own. */
export function ClubActions({ credential, actions, onChange }: { credential: ClubCredential; actions: readonly FollowedAction[]; onChange: (a: FollowedAction) => void }) {
  const { t } = useTranslation();
  const ownerOf = (a: FollowedAction) => a.ownerName || t('synthesis.noOwner');
  // His own first, marked: on a phone they were wherever his name fell among the owners.
  const mineUnder = new Set(actions.filter((a) => a.ownerId === credential.memberId).map(ownerOf));
  const owners = [...new Set(actions.map(ownerOf))].sort((x, y) => Number(mineUnder.has(y)) - Number(mineUnder.has(x)));
  return (
    <section className="card club-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('club.openActions')}</h2>
      {actions.length === 0 && <p className="hint">{t('club.noOpenActions')}</p>}
      {owners.map((owner) => (
        <div key={owner} className="stack owner-actions">
          <h3>
            {owner} {mineUnder.has(owner) && <span className="tag">{t('presence.you')}</span>}
          </h3>
          <ul className="plain-list">
            {actions
              .filter((a) => ownerOf(a) === owner)
              .map((a) => (
                <ActionFollowUp key={`${a.sessionId}/${a.actionId}`} action={a} credential={credential} onChange={onChange} />
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
