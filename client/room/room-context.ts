// What every view of a session needs: the connection, the document and who I am.
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { SessionInfo } from '../../shared/schemas.ts';
import type { Actor } from '../../shared/session/index.ts';
import type { SessionConnection } from '../sync/session-connection.ts';

export interface Room {
  readonly conn: SessionConnection;
  readonly doc: Y.Doc;
  readonly me: Actor;
  readonly info: SessionInfo;
  readonly token: string;
}

export const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom() outside a session room');
  return room;
}
