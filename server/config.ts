import path from 'node:path';
import { z } from 'zod';
import { describeIssues } from './validation.ts';
import type { OpenConnectionLimits } from './OpenConnections.ts';
import type { ConnectionBudgetLimits } from './sync/ConnectionBudget.ts';

/** Everything the server can be told, with its defaults. Only serve.ts reads the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where the built client lives; `null` serves no static files (tests, bench). */
  clientDir: string | null;
  redisUrl: string | null;
  databaseUrl: string | null;
  /** PostgreSQL schema holding Entraide's tables. */
  databaseSchema: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a document stays in memory after its last connection leaves. */
  unloadDelayMs: number;
  /** A presence entry not renewed for this long is gone (a crashed instance's users). */
  presenceTtlMs: number;
  /** How often each instance renews its presence entries and sweeps expired ones. */
  presenceHeartbeatMs: number;
  /** Websocket ping interval; a connection that misses a pong is closed. */
  pingIntervalMs: number;
  /** A sync connection that was sent nothing for this long gets an empty message. */
  keepaliveMs: number;
  /** Sessions one client address may create per minute (a burst of as many); 0: no limit. */
  sessionCreatePerMinute: number;
  /** Wrong short join codes (`/api/join/<code>`) one client address may try a minute. */
  joinCodeMissesPerMinute: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For gives the client address. */
  trustProxy: boolean | number | string;
  /** The Chromium that prints PDF exports of summaries. */
  chromiumPath: string;
  /** What one sync connection may send: token buckets, then slowed, then refused. */
  syncBudget: ConnectionBudgetLimits;
  /** Open websockets per token and per client address. */
  openConnections: OpenConnectionLimits;
  /** Stored bytes of one document (snapshot plus log) past which writes are refused. */
  documentMaxBytes: number;
  /** Largest awareness state of one client, in bytes (its JSON). */
  awarenessStateMaxBytes: number;
  /** Presence lists sent to one session per second at most, however many changes. */
  presenceBroadcastsPerSecond: number;
  /** Longest wait between two tries to write to a store that refused a write. */
  storageRetryMaxMs: number;
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  CLIENT_DIR: z.string().optional(),
  REDIS_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _').default('entraide'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  PRESENCE_TTL_MS: z.coerce.number().int().min(1000).default(20_000),
  PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(200).default(5_000),
  PING_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  KEEPALIVE_MS: z.coerce.number().int().min(50).max(25_000).default(15_000),
  SESSION_CREATE_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  JOIN_CODE_MISSES_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SYNC_UPDATE_BYTES_PER_SECOND: z.coerce.number().int().min(1024).default(1024 * 1024),
  SYNC_UPDATE_BURST_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  SYNC_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  SYNC_MESSAGE_BURST: z.coerce.number().int().min(1).default(1000),
  AWARENESS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  AWARENESS_BURST: z.coerce.number().int().min(1).default(60),
  SYNC_REFUSE_AFTER_MS: z.coerce.number().int().min(100).default(10_000),
  AWARENESS_STATE_MAX_BYTES: z.coerce.number().int().min(256).default(4096),
  SYNC_CONNECTIONS_PER_TOKEN: z.coerce.number().int().min(0).default(120),
  SOCKETS_PER_TOKEN: z.coerce.number().int().min(0).default(120),
  CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(256),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(16 * 1024 * 1024),
  PRESENCE_BROADCASTS_PER_SECOND: z.coerce.number().min(0.1).default(4),
  STORAGE_RETRY_MAX_MS: z.coerce.number().int().min(50).default(10_000),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
});

/**
 * The built client, dist/client, seen from this module: server/ when the sources run (tests,
 * `npm run dev`), dist/server/ when the built server does (`npm start`, scripts/build-server.ts).
 */
const BUILT_CLIENT = path.basename(path.dirname(import.meta.dirname)) === 'dist'
  ? path.resolve(import.meta.dirname, '../client')
  : path.resolve(import.meta.dirname, '../dist/client');

export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${describeIssues(parsed.error, 'environment')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    clientDir: e.CLIENT_DIR ? path.resolve(cwd, e.CLIENT_DIR) : BUILT_CLIENT,
    redisUrl: e.REDIS_URL ?? null,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseSchema: e.DATABASE_SCHEMA,
    logLevel: e.LOG_LEVEL,
    unloadDelayMs: e.UNLOAD_DELAY_MS,
    presenceTtlMs: e.PRESENCE_TTL_MS,
    presenceHeartbeatMs: e.PRESENCE_HEARTBEAT_MS,
    pingIntervalMs: e.PING_INTERVAL_MS,
    keepaliveMs: e.KEEPALIVE_MS,
    sessionCreatePerMinute: e.SESSION_CREATE_PER_MINUTE,
    joinCodeMissesPerMinute: e.JOIN_CODE_MISSES_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    chromiumPath: e.CHROMIUM_PATH,
    syncBudget: {
      updateBytesPerSecond: e.SYNC_UPDATE_BYTES_PER_SECOND,
      updateBurstBytes: e.SYNC_UPDATE_BURST_BYTES,
      messagesPerSecond: e.SYNC_MESSAGES_PER_SECOND,
      messageBurst: e.SYNC_MESSAGE_BURST,
      awarenessPerSecond: e.AWARENESS_PER_SECOND,
      awarenessBurst: e.AWARENESS_BURST,
      refuseAfterMs: e.SYNC_REFUSE_AFTER_MS,
    },
    openConnections: {
      syncPerToken: e.SYNC_CONNECTIONS_PER_TOKEN,
      socketsPerToken: e.SOCKETS_PER_TOKEN,
      perAddress: e.CONNECTIONS_PER_ADDRESS,
    },
    documentMaxBytes: e.DOCUMENT_MAX_BYTES,
    awarenessStateMaxBytes: e.AWARENESS_STATE_MAX_BYTES,
    presenceBroadcastsPerSecond: e.PRESENCE_BROADCASTS_PER_SECOND,
    storageRetryMaxMs: e.STORAGE_RETRY_MAX_MS,
  };
}

/** Defaults for code that builds a server without an environment (tests, bench). */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...configFromEnv({}), clientDir: null, logLevel: 'silent', port: 0, host: '127.0.0.1', ...overrides };
}
