import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoom } from '../room/room-context.ts';
import { useLeads } from './hooks.ts';

/** A page's first moment: what the document says then arrives, it does not change. */
const ARRIVING_MS = 1500;

/**
 * A member made facilitator, or no longer one, is told so (seen in an exploratory run: the
 * *Animation* panel appeared on her phone, or went, with no word). Not on opening the page:
 * only a change while she is in the room.
 */
export function FacilitatorNotice() {
  const { t } = useTranslation();
  const { me } = useRoom();
  const leads = useLeads();
  const mountedAt = useRef(performance.now());
  const last = useRef(leads);
  const [said, setSaid] = useState<'granted' | 'revoked' | null>(null);
  useEffect(() => {
    if (last.current === leads) return;
    last.current = leads;
    if (performance.now() - mountedAt.current < ARRIVING_MS) return;
    setSaid(leads ? 'granted' : 'revoked');
  }, [leads]);
  if (me.role !== 'member' || said === null) return null;
  return (
    <p className="follow-banner" role="status" data-testid="facilitator-notice">
      {t(said === 'granted' ? 'facilitation.nowFacilitator' : 'facilitation.noLongerFacilitator')}{' '}
      <button type="button" className="small" onClick={() => setSaid(null)}>
        {t('facilitation.noticeSeen')}
      </button>
    </p>
  );
}
