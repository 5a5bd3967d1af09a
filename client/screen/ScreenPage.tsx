// The shared screen of the meeting room: read-only, large, follows the phase and the
// section the host shows. It never writes to the document.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../shared/session/index.ts';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { Loading } from '../components/Loading.tsx';
import { RoomContext } from '../room/room-context.ts';
import type { Room } from '../room/room-context.ts';
import { useAccessEnded, useConnection } from '../room/useConnection.ts';
import { useSessionInfo } from '../room/useSessionInfo.ts';
import { participantId } from '../sync/device.ts';
import { ScreenView } from './ScreenView.tsx';
import '../styles/screen.css';

export default function ScreenPage({ sessionId, token }: { sessionId: string; token: string }) {
  const { t } = useTranslation();
  const result = useSessionInfo(sessionId, token);
  const info = result?.ok ? result.info : null;
  const me = useMemo<Actor | null>(
    // Its own id: the host's laptop often drives the room's screen too.
    () => (info ? { participantId: `${participantId()}_screen`.slice(0, 64), name: t('screen.name'), role: info.role } : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [info],
  );
  const conn = useConnection(info, token, me, 'screen');
  const room = useMemo<Room | null>(() => (conn && info && me ? { conn, doc: conn.doc, me, info, token } : null), [conn, info, me, token]);
  const ended = useAccessEnded(conn);
  if (ended) return <ErrorPage reason="revoked" />;
  if (!result) return <Loading />;
  if (!result.ok) return <ErrorPage reason={result.reason} />;
  if (!room) return <Loading />;
  return (
    <RoomContext.Provider value={room}>
      <ScreenView />
    </RoomContext.Provider>
  );
}
