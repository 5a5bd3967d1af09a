import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseIndex } from '../../../shared/session/index.ts';
import type { Phase } from '../../../shared/session/index.ts';
import { useRoom } from '../../room/room-context.ts';
import { forgetDeviceDraft, readDeviceDraft } from '../../room/useDeviceDraft.ts';

/**
 * A question half-written when the host ended the questions stays on the device (the form
 * brings it back if he reopens them), and nothing said so: past the Questions, the member
 * reads it was not asked, with the way to ask it aloud, or forgets it.
 */
export function UnsentQuestion({ shownPhase }: { shownPhase: Phase }) {
  const { t } = useTranslation();
  const { doc, me } = useRoom();
  const [, forgotten] = useState(0);
  if (me.role === 'host' || phaseIndex(shownPhase) <= phaseIndex('questions') || shownPhase === 'closed') return null;
  const text = readDeviceDraft(doc.guid, me.participantId, 'question').trim();
  if (!text) return null;
  return (
    <p className="follow-banner" role="status" data-testid="unsent-question">
      {t('questions.unsentDraft', { text })}{' '}
      <button
        type="button"
        className="small"
        onClick={() => {
          forgetDeviceDraft(doc.guid, me.participantId, 'question');
          forgotten((n) => n + 1);
        }}
      >
        {t('questions.unsentForget')}
      </button>
    </p>
  );
}
