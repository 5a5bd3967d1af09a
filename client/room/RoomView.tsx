import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge } from '../components/ConnectionBadge.tsx';
import { SyncNotice } from '../components/SyncNotice.tsx';
import { KeptWrites } from '../components/KeptWrites.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { FacilitatorPanel } from '../facilitation/FacilitatorPanel.tsx';
import { FloorStrip } from '../facilitation/FloorStrip.tsx';
import { FollowBanner } from '../facilitation/FollowBanner.tsx';
import { TimerBadge } from '../facilitation/TimerBadge.tsx';
import { useLeads } from '../facilitation/hooks.ts';
import { useFollow } from '../facilitation/useFollow.ts';
import { RenameButton } from '../components/RenameButton.tsx';
import { SharedNameNotice } from '../components/SharedNameNotice.tsx';
import { FacilitatorNotice } from '../facilitation/FacilitatorNotice.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { formatDate } from '../i18n/format.ts';
import { PhaseView } from '../phases/PhaseView.tsx';
import { UnsentQuestion } from '../phases/questions/UnsentQuestion.tsx';
import { UnsentNote } from '../phases/visit/UnsentNote.tsx';
import { RoomAnnouncer } from './RoomAnnouncer.tsx';
import { PhaseStepper } from './PhaseStepper.tsx';
import { ReviewNav } from './ReviewNav.tsx';
import { useMeta } from './hooks.ts';
import { FollowUpRound } from '../followup/FollowUpRound.tsx';
import { useFollowUpRoundOn } from '../followup/useFollowUpRoundOn.ts';
import { useRoom } from './room-context.ts';
import { AccessPanel } from './AccessPanel.tsx';

export function RoomView({ onRename }: { onRename: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const { conn, doc, info, me } = useRoom();
  const meta = useMeta();
  const phase = meta.phase;
  const followUpRound = useFollowUpRoundOn(phase);
  // Until the host's first visit fills the document, the API's answer stands in for it.
  const title = meta.title || info.title;
  const hostCompany = meta.hostCompany || info.hostCompany;
  const date = meta.date || info.date;

  // Everyone follows the current phase, or the phase the host shows; a member may look
  // back on his own (stepping away) and come back with one tap.
  const leads = useLeads();
  const follow = useFollow(phase, leads);
  const followsHost = !leads && follow.following && follow.hostShows !== null && follow.viewing === follow.hostShows;
  const { follow: followHost } = follow;
  useEffect(() => conn.presence.onFollow(() => followHost()), [conn, followHost]);
  const shownPhase = follow.shownPhase;
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
            {hostCompany} · <time dateTime={date}>{formatDate(date, i18n.language)}</time>
            {/* On a phone the steps below name the phase: the line keeps to one row. */}
            <span className="room-sub-phase"> · <span data-testid="current-phase">{t(`phases.${phase}.name`)}</span></span>
          </p>
        </div>
        <div className="room-tools">
          <TimerBadge phase={phase} />
          <ConnectionBadge save={conn.save} />
          <RenameButton name={me.name} onRename={onRename} />
          <LanguageSwitch />
        </div>
      </header>
      <SyncNotice refusals={conn.refusals} />
      <KeptWrites kept={conn.kept} />
      <SharedNameNotice onRename={onRename} />
      <FacilitatorNotice />
      <RoomAnnouncer phase={phase} />
      <div className="room-body">
        <aside className="room-side">
          <PresenceList presence={conn.presence} meId={me.participantId} />
          {me.role === 'host' && <AccessPanel />}
        </aside>
        <main className="room-main" id="main">
          <PhaseStepper phase={phase} />
          {leads && phase !== 'closed' && <FacilitatorPanel phase={phase} shownPhase={shownPhase} />}
          {phase !== 'closed' && <FloorStrip canRaise={me.role === 'member'} />}
          {!leads && <FollowBanner follow={follow} />}
          <UnsentNote shownPhase={shownPhase} onView={follow.view} />
          <UnsentQuestion shownPhase={shownPhase} />
          {/* Following the host to an earlier phase, his banner says it and offers the way
              back: the review's own banner said it again, a second button doing the same. */}
          {!followsHost && (
            <ReviewNav
              phase={phase}
              viewing={follow.viewing}
              onView={follow.view}
              onLead={leads ? () => conn.presence.facilitate({ kind: 'focus', target: { kind: 'phase', phase } }) : null}
            />
          )}
          {followUpRound && !follow.viewing ? <FollowUpRound /> : <PhaseView phase={shownPhase} />}
        </main>
      </div>
    </div>
  );
}
