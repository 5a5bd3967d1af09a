import { useEffect, useState } from 'react';
import type { Phase } from '../../shared/session/index.ts';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { SyncNotice } from '../components/SyncNotice.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { HandButton } from '../components/HandButton.tsx';
import { RenameButton } from '../components/RenameButton.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { formatDate } from '../i18n/format.ts';
import { PhaseView } from '../phases/PhaseView.tsx';
import { PhaseStepper } from './PhaseStepper.tsx';
import { ReviewNav } from './ReviewNav.tsx';
import { useMeta } from './hooks.ts';
import { getFollowUpRound, roots } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { FollowUpRound } from '../followup/FollowUpRound.tsx';
import { useRoom } from './room-context.ts';
import { AccessPanel } from './AccessPanel.tsx';

export function RoomView({ onRename }: { onRename: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const { conn, doc, info, me } = useRoom();
  const meta = useMeta();
  const followUpRound = useYValue(roots(doc).meta, () => getFollowUpRound(doc), [doc]);
  const phase = meta.phase;
  // Until the host's first visit fills the document, the API's answer stands in for it.
  const title = meta.title || info.title;
  const hostCompany = meta.hostCompany || info.hostCompany;
  const date = meta.date || info.date;

  // Everyone follows the current phase; one may look back, until the host moves on or
  // calls everybody back (follow:view).
  const [viewing, setViewing] = useState<Phase | null>(null);
  useEffect(() => setViewing(null), [phase]);
  useEffect(() => conn.presence.onFollow(() => setViewing(null)), [conn]);
  const shownPhase = viewing ?? phase;
  useEffect(() => {
    conn.presence.setView(shownPhase);
  }, [conn, shownPhase]);
  useEffect(() => {
    document.title = `${title} · Entraide`;
  }, [title]);
  useEffect(() => {
    const onVisibility = () => conn.presence.setIdle(document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [conn]);

  return (
    <div className="room" data-phase={phase}>
      <header className="room-header">
        <div className="room-title">
          <h1>{title}</h1>
          <p className="room-sub">
            {hostCompany} · <time dateTime={date}>{formatDate(date, i18n.language)}</time> ·{' '}
            <span data-testid="current-phase">{t(`phases.${phase}.name`)}</span>
          </p>
        </div>
        <div className="room-tools">
          <ConnectionBadge save={conn.save} />
          {me.role === 'member' && phase !== 'closed' && <HandButton presence={conn.presence} />}
          <RenameButton name={me.name} onRename={onRename} />
          <LanguageSwitch />
        </div>
      </header>
      <SyncNotice refusals={conn.refusals} />
      <div className="room-body">
        <aside className="room-side">
          <PresenceList presence={conn.presence} meId={me.participantId} />
          {me.role === 'host' && <AccessPanel />}
        </aside>
        <main className="room-main" id="main">
          <PhaseStepper phase={phase} />
          <ReviewNav
            phase={phase}
            viewing={viewing}
            onView={setViewing}
            onLead={me.role === 'host' ? () => conn.presence.lead(phase) : null}
          />
          {followUpRound && phase === 'presentation' && info.clubId && !viewing ? <FollowUpRound /> : <PhaseView phase={shownPhase} />}
        </main>
      </div>
    </div>
  );
}
