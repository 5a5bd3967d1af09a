import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../shared/session/index.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { readDeviceDraft } from '../../room/useDeviceDraft.ts';

/**
 * A Visite note half-written when the host moved on is kept on the device (NoteForm): away
 * from the Visite, this says so, with the way back to it, while notes are still taken.
 */
export function UnsentNote({ shownPhase, onView }: { shownPhase: Phase; onView: (phase: Phase) => void }) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const canNote = useCan({ kind: 'addVisitNote' });
  if (!canNote || shownPhase === 'visit' || !readDeviceDraft(doc.guid, me.participantId, 'visit-note').trim()) return null;
  return (
    <p className="follow-banner" role="status" data-testid="unsent-note">
      {t('visit.unsentDraft')}{' '}
      <button type="button" className="small primary" onClick={() => onView('visit')}>
        {t('visit.unsentOpen')}
      </button>
    </p>
  );
}
