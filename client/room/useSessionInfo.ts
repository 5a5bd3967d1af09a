import { useEffect, useState } from 'react';
import { fetchSessionInfo, type SessionInfoResult } from '../sync/api.ts';

export function useSessionInfo(sessionId: string, token: string): SessionInfoResult | null {
  const [result, setResult] = useState<SessionInfoResult | null>(null);
  useEffect(() => {
    let live = true;
    void fetchSessionInfo(sessionId, token).then((r) => {
      if (live) setResult(r);
    });
    return () => {
      live = false;
    };
  }, [sessionId, token]);
  return result;
}
