import { Router } from 'express';
import type { PresenceStore } from '../presence/types.ts';
import type { Storage } from '../storage/types.ts';

/** 200 when storage (and Redis, when configured) answer; 503 naming what does not. */
export function healthRouter(storage: Storage, presence: PresenceStore, usesRedis: boolean): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const checks: Record<string, 'ok' | string> = {};
    const probe = async (name: string, check: () => Promise<void>) => {
      try {
        await withTimeout(check(), 2000);
        checks[name] = 'ok';
      } catch (err) {
        checks[name] = (err as Error).message || 'failed';
      }
    };
    await probe('storage', () => storage.ping());
    if (usesRedis) await probe('redis', () => presence.ping());
    const healthy = Object.values(checks).every((v) => v === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', checks });
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
