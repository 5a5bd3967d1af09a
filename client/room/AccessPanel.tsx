import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '../../shared/schemas.ts';
import { listParticipants, reissueLink, removeParticipant } from '../sync/api.ts';
import { useRoom } from './room-context.ts';

type ReissuableRole = 'member' | 'screen';

/**
 * The host's hold on who gets in: renew the member or screen link (the old one stops
 * working at once, and whoever is connected through it is cut off; people who joined keep
 * their access), and remove a person.
 */
export function AccessPanel() {
  const { t } = useTranslation();
  const { info, token, me } = useRoom();
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<readonly ParticipantView[]>([]);
  const [links, setLinks] = useState<Partial<Record<ReissuableRole, string>>>({});
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listParticipants(info.id, token).then(setPeople, (err: unknown) => setError(String(err)));
  }, [info.id, token]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  const renew = (role: ReissuableRole) => {
    if (!window.confirm(t(`access.confirmRenew.${role}`))) return;
    reissueLink(info.id, token, role).then(
      ({ link }) =>
        setLinks((l) => {
          const url = new URL(link, location.origin);
          // A new screen link carries the member link renewed here, for its join panel.
          const member = l.member ? new URL(l.member).searchParams.get('token') : null;
          if (role === 'screen' && member) url.hash = `join=${member}`;
          return { ...l, [role]: url.toString() };
        }),
      (err: unknown) => setError(String(err)),
    );
  };
  const remove = (p: ParticipantView) => {
    if (!window.confirm(t('access.confirmRemove', { name: p.name }))) return;
    removeParticipant(info.id, token, p.participantId).then(refresh, (err: unknown) => setError(String(err)));
  };

  return (
    <details className="access-panel card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('access.title')}</summary>
      {error && <p role="alert">{error}</p>}
      {(['member', 'screen'] as const).map((role) => (
        <div key={role} className="stack">
          <button type="button" onClick={() => renew(role)} data-testid={`renew-${role}`}>
            {t(`access.renew.${role}`)}
          </button>
          {links[role] && (
            <input readOnly value={links[role]} aria-label={t(`access.newLink.${role}`)} data-testid={`new-link-${role}`} onFocus={(e) => e.target.select()} />
          )}
        </div>
      ))}
      <h3>{t('access.people')}</h3>
      <ul className="access-people">
        {people.map((p) => (
          <li key={p.participantId} data-testid="access-person">
            <span className={p.removedAt ? 'removed' : undefined}>
              {p.name} · {t(`roles.${p.role}`)}
              {p.removedAt ? ` · ${t('access.removed')}` : ''}
            </span>
            {!p.removedAt && p.participantId !== me.participantId && (
              <button type="button" onClick={() => remove(p)}>
                {t('access.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
