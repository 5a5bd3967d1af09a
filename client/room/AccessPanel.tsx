import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '../../shared/schemas.ts';
import { LinkField } from '../components/LinkField.tsx';
import { apiProblemText } from '../sync/api-problem.ts';
import { linkStillOpens, listParticipants, reissueLink, removeParticipant } from '../sync/api.ts';
import { absoluteLink, forgetSessionLinks, keepSessionLinks, keptSessionLinks, screenLinkWithJoin, tokenOfLink } from '../sync/kept-links.ts';
import { useFacilitators } from '../facilitation/hooks.ts';
import { useRoom } from './room-context.ts';

type ReissuableRole = 'member' | 'screen';
type Links = Partial<Record<ReissuableRole, string>>;

/** The member and screen links this device kept (sync/kept-links.ts), the screen's showing the member link. */
function keptLinks(sessionId: string): Links {
  const { member, screen } = keptSessionLinks(sessionId);
  return { member, screen: screen && member ? screenLinkWithJoin(screen, tokenOfLink(member)) : screen };
}

/**
 * The host's hold on who gets in. The current member and screen links, when this device
 * knows them (it created the session, or renewed them here), to copy; renewing either (the
 * old one stops working at once, and whoever is connected through it is cut off; people who
 * joined keep their access); and removing a person. The screen shows the member link as a
 * QR code from its own link (`#join=`): a screen link renewed on a device that does not know
 * the member link renews the member link with it, so that the screen always shows a way in.
 */
export function AccessPanel() {
  const { t } = useTranslation();
  const { info, token, me } = useRoom();
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<readonly ParticipantView[]>([]);
  const [links, setLinks] = useState<Links>(() => keptLinks(info.id));
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const facilitators = new Set(useFacilitators().map((f) => f.participantId));

  const refresh = useCallback(() => {
    listParticipants(info.id, token).then(setPeople, (err: unknown) => setError(apiProblemText(t, err)));
  }, [info.id, token]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);
  // A kept link may have been renewed since, on another device: asked once the panel opens,
  // it is shown only while it still opens the session.
  useEffect(() => {
    if (!open) return;
    const kept = keptLinks(info.id);
    const roles = (['member', 'screen'] as const).filter((role) => kept[role]);
    if (roles.length === 0) return;
    let live = true;
    setChecking(true);
    void Promise.all(roles.map(async (role) => [role, await linkStillOpens(info.id, tokenOfLink(kept[role]) ?? '', role)] as const)).then((verdicts) => {
      if (!live) return;
      const gone = verdicts.flatMap(([role, verdict]) => (verdict === 'no' ? [role] : []));
      forgetSessionLinks(info.id, gone);
      setLinks((now) => {
        const next = { ...now };
        for (const role of gone) if (next[role] === kept[role]) delete next[role];
        return next;
      });
      setChecking(false);
    });
    return () => {
      live = false;
      setChecking(false);
    };
  }, [open, info.id]);

  const renew = async (role: ReissuableRole) => {
    const withMember = role === 'screen' && !links.member;
    if (!window.confirm(t(withMember ? 'access.confirmRenew.screenAndMember' : `access.confirmRenew.${role}`))) return;
    setError(null);
    try {
      let { member, screen } = links;
      if (role === 'member' || withMember) {
        member = (await reissueLink(info.id, token, 'member')).link;
        keepSessionLinks(info.id, { member });
        setLinks((now) => ({ ...now, member }));
      }
      if (role === 'screen') screen = (await reissueLink(info.id, token, 'screen')).link;
      // The screen link carries the current member link to its join panel.
      if (screen) screen = screenLinkWithJoin(screen, tokenOfLink(member));
      keepSessionLinks(info.id, { member, screen });
      setLinks({ member, screen });
    } catch (err) {
      setError(apiProblemText(t, err));
    }
  };
  const remove = (p: ParticipantView) => {
    if (!window.confirm(t('access.confirmRemove', { name: p.name }))) return;
    removeParticipant(info.id, token, p.participantId).then(refresh, (err: unknown) => setError(apiProblemText(t, err)));
  };

  return (
    <details className="access-panel card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('access.title')}</summary>
      {error && <p role="alert">{error}</p>}
      <p className="hint">{t('access.kept')}</p>
      {(['member', 'screen'] as const).map((role) => {
        const link = links[role];
        return (
          <div key={role} className="stack access-link">
            <h3>{t(`access.link.${role}`)}</h3>
            {link ? (
              <LinkField label={t(`access.link.${role}`)} url={absoluteLink(link)} testId={`access-link-${role}`} open={role === 'screen'} />
            ) : (
              <p className="hint" data-testid={`access-unknown-${role}`}>
                {t(`access.unknown.${role}`)}
              </p>
            )}
            <button type="button" onClick={() => void renew(role)} disabled={checking} data-testid={`renew-${role}`}>
              {t(role === 'screen' && !links.member ? 'access.renew.screenAndMember' : `access.renew.${role}`)}
            </button>
          </div>
        );
      })}
      <h3>{t('access.people')}</h3>
      <ul className="access-people">
        {people.map((p) => (
          <li key={p.participantId} data-testid="access-person">
            <span className={p.removedAt ? 'removed' : undefined}>
              {p.name} · {t(`roles.${p.role}`)}
              {p.role === 'member' && facilitators.has(p.participantId) ? ` · ${t('roles.facilitator')}` : ''}
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
