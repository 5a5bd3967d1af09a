import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/schemas.ts';
import type { Actor } from '../../shared/session/index.ts';
import { SessionConnection } from '../sync/session-connection.ts';

/** One SessionConnection for the life of the page (rebuilt only for another session or role). */
export function useConnection(info: SessionInfo | null, token: string, me: Actor | null, view: string): SessionConnection | null {
  const [conn, setConn] = useState<SessionConnection | null>(null);
  const ready = info !== null && me !== null && token !== '';
  useEffect(() => {
    if (!info || !me || !token) return;
    const c = new SessionConnection({ info, token, me, view });
    setConn(c);
    return () => {
      c.destroy();
      setConn(null);
    };
    // The name is changed on the live connection (rename), never by reconnecting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, info?.id, info?.role, token, me?.participantId]);
  return conn;
}

/** True once the server ended this page's access (link revoked, person removed). */
export function useAccessEnded(conn: SessionConnection | null): boolean {
  const [ended, setEnded] = useState(false);
  useEffect(() => (conn ? conn.onAccessEnded(() => setEnded(true)) : undefined), [conn]);
  return ended;
}
