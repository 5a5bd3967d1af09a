import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format.ts';
import { Loading } from '../components/Loading.tsx';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { NameGate } from '../components/NameGate.tsx';
import { participantId, saveName, savedName } from '../sync/device.ts';
import type { Actor } from '../../shared/session/index.ts';
import { RoomContext } from './room-context.ts';
import type { Room } from './room-context.ts';
import { RoomView } from './RoomView.tsx';
import { useConnection } from './useConnection.ts';
import { useSessionInfo } from './useSessionInfo.ts';

/** A host or member link: ask the name once, then enter the room. */
export function RoomPage({ sessionId, token }: { sessionId: string; token: string }) {
  const { i18n } = useTranslation();
  const result = useSessionInfo(sessionId, token);
  const [name, setName] = useState<string | null>(() => savedName());
  const info = result?.ok ? result.info : null;
  // A personal credential (a club member's) says who we are: its id and name, no question.
  const known = info?.participant ?? null;
  const me = useMemo<Actor | null>(
    () =>
      info && known
        ? { participantId: known.id, name: known.name, role: info.role }
        : info && name
          ? { participantId: participantId(), name, role: info.role }
          : null,
    [info, known, name],
  );
  const conn = useConnection(info, token, me, 'lobby');
  const room = useMemo<Room | null>(
    () => (conn && info && me ? { conn, doc: conn.doc, me, info, token } : null),
    [conn, info, me, token],
  );

  if (!result) return <Loading />;
  if (!result.ok) return <ErrorPage reason={result.reason} />;
  // A screen token opened as a room link: the screen page is the only view it has.
  if (result.info.role === 'screen') return <RedirectToScreen sessionId={sessionId} token={token} />;
  if (!name && !known) {
    return (
      <NameGate
        title={result.info.title}
        subtitle={`${result.info.hostCompany} · ${formatDate(result.info.date, i18n.language)}`}
        onName={(n) => {
          saveName(n);
          setName(n);
        }}
      />
    );
  }
  if (!room) return <Loading />;
  return (
    <RoomContext.Provider value={room}>
      <RoomView
        onRename={(n) => {
          saveName(n);
          room.conn.rename(n);
          setName(n);
        }}
      />
    </RoomContext.Provider>
  );
}

function RedirectToScreen({ sessionId, token }: { sessionId: string; token: string }) {
  useEffect(() => {
    location.replace(`/s/${encodeURIComponent(sessionId)}/screen?token=${encodeURIComponent(token)}`);
  }, [sessionId, token]);
  return <Loading />;
}
