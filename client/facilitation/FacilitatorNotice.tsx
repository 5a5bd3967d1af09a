import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoom } from '../room/room-context.ts';
import { useFacilitators, useLeads, useSelfId } from './hooks.ts';

/** A page's first moment: what the document says then arrives, it does not change. */
const ARRIVING_MS = 1500;
/** How long the room's line about a new (or former) facilitator stays: news, not a banner. */
const ROOM_NEWS_MS = 15_000;

/**
 * A member made facilitator, or no longer one, is told so (seen in an exploratory run: the
 * *Animation* panel appeared on her phone, or went, with no word). Not on opening the page:
 * only a change while she is in the room. The rest of the room reads it too, in a short line
 * that goes by itself (*Membre 1 anime avec l’hôte.*): only she had been told, and the
 * phones saw someone else move the session with no idea why.
 */
export function FacilitatorNotice() {
  const { t } = useTranslation();
  const { conn, me } = useRoom();
  const leads = useLeads();
  const selfId = useSelfId();
  const facilitators = useFacilitators();
  const mountedAt = useRef(performance.now());
  const last = useRef(leads);
  const [said, setSaid] = useState<'granted' | 'revoked' | null>(null);
  useEffect(() => {
    if (last.current === leads) return;
    last.current = leads;
    if (performance.now() - mountedAt.current < ARRIVING_MS) return;
    setSaid(leads ? 'granted' : 'revoked');
  }, [leads]);

  // The room's news: who was made facilitator (granted since the page opened, by the
  // server's clock: a phone that joined a second before still hears it), or is one no longer.
  const openedAt = useRef(conn.presence.serverNow());
  const known = useRef(facilitators);
  const [news, setNews] = useState<{ key: 'roomGranted' | 'roomRevoked'; name: string } | null>(null);
  useEffect(() => {
    const before = known.current;
    known.current = facilitators;
    const arriving = performance.now() - mountedAt.current < ARRIVING_MS;
    const others = (list: typeof facilitators) => list.filter((f) => f.participantId !== selfId && f.participantId !== me.participantId);
    const added = others(facilitators).filter((f) => !before.some((b) => b.participantId === f.participantId) && f.grantedAt >= openedAt.current);
    const gone = arriving ? [] : others(before).filter((b) => !facilitators.some((f) => f.participantId === b.participantId));
    const changed = added.at(-1) ?? gone.at(-1);
    if (!changed) return;
    setNews({ key: added.length > 0 ? 'roomGranted' : 'roomRevoked', name: changed.name });
  }, [facilitators, selfId, me.participantId]);
  useEffect(() => {
    if (!news) return;
    const id = setTimeout(() => setNews(null), ROOM_NEWS_MS);
    return () => clearTimeout(id);
  }, [news]);

  return (
    <>
      {me.role === 'member' && said !== null && (
        <p className="follow-banner" role="status" data-testid="facilitator-notice">
          {t(said === 'granted' ? 'facilitation.nowFacilitator' : 'facilitation.noLongerFacilitator')}{' '}
          <button type="button" className="small" onClick={() => setSaid(null)}>
            {t('facilitation.noticeSeen')}
          </button>
        </p>
      )}
      {news && (
        <p className="hint room-news" role="status" data-testid="facilitator-news">
          {t(`facilitation.${news.key}`, { name: news.name })}
        </p>
      )}
    </>
  );
}
