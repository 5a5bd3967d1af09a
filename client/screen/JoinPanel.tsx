// The join panel: a QR code of the member link, and the short join address to type
// (`/j/K7M2-Q9XD`, shared/join-code.ts, made here from the member token). The QR library
// loads only here, in the screen's own chunk, when the panel first shows.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoom } from '../room/room-context.ts';
import { ApiError, findJoinCode } from '../sync/api.ts';
import { joinCodePath } from '../../shared/join-code.ts';
import { joinCodeFromScreen, memberLinkFromScreen } from './member-link.ts';

export function JoinPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { conn } = useRoom();
  const [link, setLink] = useState(() => memberLinkFromScreen(sessionId, window.location));
  // The host renewed the member link: the old one opens nothing now. The new token goes
  // into this page's fragment too, so that a reload keeps showing it.
  useEffect(
    () =>
      conn.presence.onJoinLink((token) => {
        history.replaceState(history.state, '', `${location.pathname}${location.search}#join=${token}`);
        setLink(memberLinkFromScreen(sessionId, window.location));
      }),
    [conn, sessionId],
  );
  // A screen that was closed when the host renewed the member link still holds the old
  // one: asking the server about its code tells (404), and the panel says so instead of
  // showing a QR code that opens nothing.
  const code = link ? joinCodeFromScreen(window.location) : null;
  const [stale, setStale] = useState(false);
  useEffect(() => {
    setStale(false);
    if (!code) return;
    let live = true;
    findJoinCode(code).then(
      () => undefined,
      (err: unknown) => {
        if (live && err instanceof ApiError && err.status === 404) setStale(true);
      },
    );
    return () => {
      live = false;
    };
  }, [code]);
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    if (!link) return;
    let live = true;
    void import('qrcode').then(async (qr) => {
      // Dark modules on light ground whatever the theme: phones read that best.
      const out = await qr.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
      if (live) setSvg(out);
    });
    return () => {
      live = false;
    };
  }, [link]);
  return (
    <section className="join-panel" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">{t('screenView.join')}</h2>
      {link && stale ? (
        <p className="join-hint" role="alert" data-testid="join-stale">{t('screenView.joinStale')}</p>
      ) : link ? (
        <>
          {svg && <div className="join-qr" role="img" aria-label={link} data-testid="join-qr" dangerouslySetInnerHTML={{ __html: svg }} />}
          <p className="join-hint">{t('screenView.joinHint')}</p>
          <p className="join-link" data-testid="join-link">
            {/* A line may break after the host, never inside the code. */}
            {window.location.host}
            <wbr />
            <span className="join-code">{code && joinCodePath(code)}</span>
          </p>
        </>
      ) : (
        <p className="join-hint">{t('screenView.joinMissing')}</p>
      )}
    </section>
  );
}
