import { useTranslation } from 'react-i18next';
import type { ClubCredential, FollowedAction } from '../../shared/club.ts';
import { ActionFollowUp } from './ActionFollowUp.tsx';

/** The open actions of every session of the club, by owner; each owner updates his own. */
export function ClubActions({ credential, actions, onChange }: { credential: ClubCredential; actions: readonly FollowedAction[]; onChange: (a: FollowedAction) => void }) {
  const { t } = useTranslation();
  const owners = [...new Set(actions.map((a) => a.ownerName || t('synthesis.noOwner')))];
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('club.openActions')}</h2>
      {actions.length === 0 && <p className="hint">{t('club.noOpenActions')}</p>}
      {owners.map((owner) => (
        <div key={owner} className="stack owner-actions">
          <h3>{owner}</h3>
          <ul className="plain-list">
            {actions
              .filter((a) => (a.ownerName || t('synthesis.noOwner')) === owner)
              .map((a) => (
                <ActionFollowUp key={`${a.sessionId}/${a.actionId}`} action={a} credential={credential} onChange={onChange} />
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
