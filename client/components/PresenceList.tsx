import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../shared/schemas.ts';
import { useFacilitators, useFloor } from '../facilitation/hooks.ts';
import { useExternal } from '../hooks/useExternal.ts';
import { colorFor } from '../sync/colors.ts';
import { distinctNames } from './people-names.ts';
import type { PresenceClient } from '../sync/presence-client.ts';

interface Person {
  readonly participantId: string;
  readonly name: string;
  readonly role: PresenceEntry['role'];
  readonly idle: boolean;
}

/** One row per person, however many devices or tabs he has open. */
export function peopleOf(entries: readonly PresenceEntry[]): Person[] {
  const byId = new Map<string, Person>();
  for (const e of entries) {
    const prev = byId.get(e.participantId);
    byId.set(e.participantId, {
      participantId: e.participantId,
      name: e.name,
      role: prev?.role === 'host' ? 'host' : e.role,
      idle: (prev?.idle ?? true) && e.idle,
    });
  }
  const rank = { host: 0, member: 1, screen: 2 } as const;
  return [...byId.values()].sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name) || (a.participantId < b.participantId ? -1 : 1));
}

export function PresenceList({ presence, meId }: { presence: PresenceClient; meId: string }) {
  const { t } = useTranslation();
  const entries = useExternal(presence, (p) => p.entries);
  const connected = useExternal(presence, (p) => p.connected);
  const refused = useExternal(presence, (p) => p.refused);
  const people = peopleOf(entries).filter((p) => p.role !== 'screen');
  const labels = distinctNames(people);
  // Hands are the floor's queue, in the session document: given the floor, or lowered, a
  // hand is down in this list too.
  const { hands } = useFloor();
  const raised = new Set(hands.map((h) => h.participantId));
  // Who leads: the host (his role) and the members he made facilitators (the document's grant).
  const facilitators = new Set(useFacilitators().map((f) => f.participantId));
  // On a phone the list starts folded into one row ("24 personnes ici"): the phase's own
  // action comes first. From 900 px it sits open in the side column.
  const [open, setOpen] = useState(() => window.matchMedia('(min-width: 900px)').matches);
  if (!connected) {
    return (
      <section className="presence" aria-labelledby="presence-title">
        <h2 id="presence-title" className="presence-title">{t(refused ? 'presence.refused' : 'presence.offline')}</h2>
      </section>
    );
  }
  return (
    <details
      className="presence"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="presence"
    >
      <summary className="presence-title" id="presence-title">
        {t('presence.title', { count: people.length })}
        {people.some((p) => raised.has(p.participantId)) && <span className="tag hand">{t('presence.hand')}</span>}
      </summary>
      <ul className="presence-list">
        {people.map((p) => (
          <li key={p.participantId} className={p.idle ? 'idle' : undefined} data-testid="present-person">
            <span className="avatar" style={{ background: colorFor(p.participantId) }} aria-hidden="true">
              {p.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="person-name" title={labels.get(p.participantId)}>{labels.get(p.participantId)}</span>
            {p.participantId === meId && <span className="tag">{t('presence.you')}</span>}
            {p.role === 'host' && <span className="tag lead">{t('roles.host')}</span>}
            {p.role === 'member' && facilitators.has(p.participantId) && <span className="tag lead">{t('roles.facilitator')}</span>}
            {raised.has(p.participantId) && <span className="tag hand">{t('presence.hand')}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
