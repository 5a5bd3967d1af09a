import { Router, type Response } from 'express';
import type { PresenceStore } from '../presence/types.ts';
import { INTEGRITY_CHECKING, type StoreHealth } from '../storage/health.ts';
import type { Storage } from '../storage/types.ts';

/**
 * Liveness, readiness and what is degraded, told apart (issue 10):
 * - `GET /healthz/live`: 200 while the process answers. For a supervisor that restarts it.
 * - `GET /healthz/ready` and `GET /healthz`: 200 while this instance can serve its clients,
 *   that is while storage answers; 503 otherwise. What is wrong but does not stop it from
 *   serving is `status: "degraded"` with a 200: Redis away (each instance still serves its
 *   own clients; a 503 there took every instance out of a balancer at once), storage that
 *   refuses writes (rooms are read-only until it takes them again; reads go on), or an
 *   integrity check that failed at start (`checks.integrity` says "checking" while a large
 *   database's check runs beside the start). `checks` names each part and what it said.
 * A balancer probes `/healthz/ready`; monitoring alerts on any `status` but "ok".
 */
export function healthRouter(storage: Storage, storeHealth: StoreHealth, presence: PresenceStore, usesRedis: boolean): Router {
  const router = Router();
  router.get('/healthz/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const ready = async (res: Response) => {
    const checks: Record<string, string> = {};
    const probe = async (name: string, check: () => Promise<void>) => {
      try {
        await withTimeout(check(), 2000);
        checks[name] = 'ok';
      } catch (err) {
        checks[name] = (err as Error).message || 'failed';
      }
    };
    await Promise.all([probe('storage', () => storage.ping()), usesRedis ? probe('redis', () => presence.ping()) : null]);
    checks.writes = storeHealth.writes;
    checks.integrity = storeHealth.integrity;
    const serving = checks.storage === 'ok';
    // A large database's integrity check still running beside the start is not a fault.
    const fine = (name: string, value: string) => value === 'ok' || (name === 'integrity' && value === INTEGRITY_CHECKING);
    const status = !serving ? 'unavailable' : Object.entries(checks).every(([name, value]) => fine(name, value)) ? 'ok' : 'degraded';
    res.status(serving ? 200 : 503).json({ status, checks });
  };
  router.get('/healthz', (_req, res) => ready(res));
  router.get('/healthz/ready', (_req, res) => ready(res));
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
