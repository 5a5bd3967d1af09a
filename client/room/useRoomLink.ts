// Whether a leader's move made on this device reaches the room now. A phase move is a write
// to the session document, a reveal or a vote round a command on the presence socket: made
// while the device is offline, the first stays on the device (its page moved, the room did
// not) and the second waits in Socket.IO's buffer to be sent at the reconnection, maybe
// minutes later. The moves that drive the whole room are not made then.
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useExternal } from '../hooks/useExternal.ts';
import type { SessionConnection } from '../sync/session-connection.ts';
import { useRoom } from './room-context.ts';

/** Connected to the server, and the session document synced with it. */
function documentSynced(conn: SessionConnection): boolean {
  return conn.provider.wsconnected && conn.provider.synced;
}

/**
 * `document`: a write to the session document (phase moves, the closing round) reaches the
 * server at once; `commands`: a facilitation command (reveal, vote round) does; `room`: both.
 */
export function useRoomLink(kind: 'document' | 'commands' | 'room' = 'room'): boolean {
  const { conn } = useRoom();
  const subscribe = useCallback(
    (notify: () => void) => {
      conn.provider.on('status', notify);
      conn.provider.on('sync', notify);
      return () => {
        conn.provider.off('status', notify);
        conn.provider.off('sync', notify);
      };
    },
    [conn],
  );
  const synced = useSyncExternalStore(subscribe, () => documentSynced(conn));
  const commands = useExternal(conn.presence, (p) => p.connected);
  return kind === 'document' ? synced : kind === 'commands' ? commands : synced && commands;
}

/**
 * The props of a button whose press is a command to the server (a hand raised, a group or a
 * note put on the screen, everyone brought back): off, and said why, while the presence
 * socket is down. Pressed then, it sent nothing (PresenceClient.facilitate) and said nothing.
 */
export function useCommandButton(): { disabled?: true; title?: string } {
  const { t } = useTranslation();
  return useRoomLink('commands') ? {} : { disabled: true, title: t('presence.commandsOffline') };
}
