import fs from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import express from 'express';
import http from './node-http.ts';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { healthRouter } from './api/health.ts';
import { errorHandler } from './api/errors.ts';
import { AddressLimit } from './rate-limit.ts';
import { sessionsRouter } from './api/sessions.ts';
import { summaryRouter } from './api/summary.ts';
import { getPhase, initSessionDocument, migrateSessionDocument, setFollowUpRound } from '../shared/session/index.ts';
import type { MigrationResult } from '../shared/session/index.ts';
import { ClubAccess } from './access/ClubAccess.ts';
import { clubsRouter } from './api/clubs.ts';
import { followUpRouter } from './api/followup.ts';
import { participantsRouter } from './api/participants.ts';
import { joinCodesRouter } from './api/join-codes.ts';
import { SessionAccess } from './access/SessionAccess.ts';
import { noStore, securityHeaders } from './security-headers.ts';
import { ClubIndexer } from './clubs/ClubIndexer.ts';
import { PdfPrinter } from './export/PdfPrinter.ts';
import type { Config } from './config.ts';
import type { CreateSessionBody } from '../shared/schemas.ts';
import { createLogger } from './logger.ts';
import { OpenConnections } from './OpenConnections.ts';
import { DeferredRealtime } from './deferred-realtime.ts';
import { Authorizer } from './access/Authorizer.ts';
import { openSharing, openStorage } from './backends.ts';
import { StoreHealth, watchWrites } from './storage/health.ts';
import type { RoomBus } from './sync/RoomBus.ts';
import type { Storage } from './storage/types.ts';
import { RoomRegistry } from './sync/RoomRegistry.ts';
import { notebookOwnerOf, PrivateDocs, privateOwnerOf } from './private/PrivateDocs.ts';
import { SyncServer } from './sync/SyncServer.ts';
import { createUpgradeRouter } from './upgrade.ts';
import { releaseFocusOnPhaseMove } from './facilitation/stale-focus.ts';
import { clearFloorOnPhaseMove } from './facilitation/floor-on-phase-move.ts';
import { mergeGroupsOfOneTitleOnAdd } from './facilitation/group-titles.ts';

export interface AppDeps {
  /** Defaults to SQLite under `config.dataDir`. */
  storage?: Storage;
  /** Defaults to a bus of this instance alone. Instances sharing one bus share rooms. */
  bus?: RoomBus;
  logger?: Logger;
}

export interface App {
  httpServer: HttpServer;
  config: Config;
  storage: Storage;
  registry: RoomRegistry;
  sync: SyncServer;
  /** Socket.IO, loaded at the first handshake (see deferred-realtime.ts). */
  realtime: DeferredRealtime;
  /** Open websockets per token and address, and the refusals held back. */
  openConnections: OpenConnections;
  /** The club search index and digests, kept up to date from the documents. */
  indexer: ClubIndexer;
  log: Logger;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Closes sockets, flushes and compacts documents, closes storage and Redis. */
  close(): Promise<void>;
}

/** Everything wired, nothing global: tests build as many as they like, on port 0. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const log = deps.logger ?? createLogger(config.logLevel);
  const storeHealth = new StoreHealth();
  // Every write's outcome is seen by /healthz (a full disk answers reads, refuses writes).
  const storage = watchWrites(deps.storage ?? (await openStorage(config, storeHealth)), storeHealth);
  void storeHealth.integrityChecked.then((integrity) => {
    if (integrity !== 'ok') log.error({ integrity }, 'the database failed its integrity check at start');
  });
  const sharing = await openSharing(config, log);
  const bus = deps.bus ?? sharing.bus;
  const presence = sharing.presence;

  const authorizer = new Authorizer(storage.sessions, storage.access, storage.clubs);
  // The club's sessions held here learn of a new member at once, and those other instances
  // hold through Socket.IO's adapter (an action given to him there was refused as given to
  // nobody known until the room loaded again); others when they load.
  const learnClubMembers = (clubId: string) => void knowClubMembers(clubId).catch((err: unknown) => log.warn({ err }, 'club members not refreshed'));
  const clubAccess = new ClubAccess(storage.clubs, {
    onMember: (member) => {
      learnClubMembers(member.clubId);
      realtime.clubMemberJoined(member.clubId);
    },
  });
  const indexer = new ClubIndexer(storage, log);
  await indexer.rebuildIfLost();
  const registry: RoomRegistry = new RoomRegistry({
    store: storage.docs,
    bus,
    log,
    unloadDelayMs: config.unloadDelayMs,
    limits: { documentMaxBytes: config.documentMaxBytes, storageRetryMaxMs: config.storageRetryMaxMs },
    awareness: { maxStateBytes: config.awarenessStateMaxBytes },
    // Private documents hold one participant's unrevealed stickies and hidden points: the
    // private rules say what he may write there, on the session's rules as this instance
    // holds them (his connections hold the session in memory). The host's notebook is his
    // alone, whatever the phase.
    rules: (id) => {
      const owner = privateOwnerOf(id);
      if (owner) return { kind: 'private', session: () => registry.loaded(owner.sessionId)?.doc ?? null };
      return notebookOwnerOf(id) !== null ? null : 'session';
    },
    onLoad: async (room): Promise<void> => {
      if (notebookOwnerOf(room.id)) return;
      // A private document holds one participant's unrevealed stickies: no schema, no index.
      if (privateOwnerOf(room.id)) return privateDocs.watch(room);
      // An older document is brought to the current schema before anyone is answered.
      let migration: MigrationResult | null = null;
      await room.changeAsServer((doc) => void (migration = migrateSessionDocument(doc)));
      // A newer Entraide wrote it: served as it is, and nothing written to it here.
      if ((migration as MigrationResult | null)?.status === 'newer') room.refuseWrites('newer-schema');
      // A club session's actions may go to club members who are not in the room.
      const club = await storage.clubs.clubOfSession(room.id);
      if (club) room.knowClubMembers(await clubMemberIds(club.clubId));
      privateDocs.watchSession(room);
      releaseFocusOnPhaseMove(room, log);
      clearFloorOnPhaseMove(room, log);
      mergeGroupsOfOneTitleOnAdd(room, log);
      await indexer.watch(room);
    },
  });
  const privateDocs: PrivateDocs = new PrivateDocs({ registry, store: storage.docs, log });
  async function clubMemberIds(clubId: string): Promise<ReadonlySet<string>> {
    return new Set((await storage.clubs.listMembers(clubId)).map((m) => m.id));
  }
  async function knowClubMembers(clubId: string): Promise<void> {
    const rooms = (await storage.clubs.listSessions(clubId)).flatMap((row) => registry.loaded(row.id) ?? []);
    if (rooms.length === 0) return;
    const ids = await clubMemberIds(clubId);
    for (const room of rooms) room.knowClubMembers(ids);
  }
  const sync = new SyncServer({
    registry,
    log,
    pingIntervalMs: config.pingIntervalMs,
    keepaliveMs: config.keepaliveMs,
    budget: config.syncBudget,
    maxSyncFrameBytes: config.documentMaxBytes,
    privateDocs,
  });
  const openConnections = new OpenConnections(config.openConnections);
  const realtime = new DeferredRealtime(
    {
      presence,
      log,
      ttlMs: config.presenceTtlMs,
      heartbeatMs: config.presenceHeartbeatMs,
      broadcastsPerSecond: config.presenceBroadcastsPerSecond,
      adapter: sharing.socketAdapter,
      registry,
      privateDocs,
    },
    // A revoked link or a removed person: their connections end on this instance and, through
    // the Socket.IO adapter, on every other.
    (loaded) => {
      loaded.onRemoteEviction((eviction) => sync.evict(eviction));
      loaded.onRemoteClubMember(learnClubMembers);
    },
  );
  // With other instances, their evictions reach this one's sync connections through
  // Socket.IO's adapter: it listens before any connection is served here.
  if (sharing.socketAdapter) await realtime.load();
  const sessionAccess = new SessionAccess({
    authorizer,
    store: storage.access,
    sessions: storage.sessions,
    evict: (eviction) => {
      sync.evict(eviction);
      realtime.evict(eviction);
    },
    memberLinkRenewed: (sessionId, token) => realtime.memberLinkRenewed(sessionId, token),
    isClosed: async (sessionId) => {
      const lease = await registry.acquire(sessionId);
      try {
        await lease.room.settled();
        return getPhase(lease.room.doc) === 'closed';
      } finally {
        lease.release();
      }
    },
  });

  const firstDocumentState = (sessionId: string, meta: CreateSessionBody, extra: { followUpRound?: boolean }): Uint8Array => {
    const doc = new Y.Doc({ guid: sessionId });
    initSessionDocument(doc, meta);
    if (extra.followUpRound) setFollowUpRound(doc, true);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  };

  const web = express();
  web.disable('x-powered-by');
  web.set('query parser', 'simple');
  web.set('trust proxy', config.trustProxy);
  web.use(securityHeaders);
  web.use(healthRouter(storage, storeHealth, presence, sharing.redis));
  web.use('/api', noStore, express.json({ limit: '64kb' }));
  const createLimit = config.sessionCreatePerMinute > 0 ? new AddressLimit(config.sessionCreatePerMinute) : null;
  web.use('/api/sessions', sessionsRouter({ storage, authorizer, firstDocumentState, createLimit }));
  const printer = new PdfPrinter(config.chromiumPath, log);
  web.use('/api/sessions', summaryRouter(authorizer, registry, storage.clubs, printer, log));
  web.use('/api/sessions', followUpRouter(authorizer, storage));
  web.use('/api/sessions', participantsRouter(authorizer, sessionAccess));
  web.use('/api/join', joinCodesRouter(sessionAccess, config.joinCodeMissesPerMinute > 0 ? new AddressLimit(config.joinCodeMissesPerMinute) : null));
  web.use(
    '/api/clubs',
    clubsRouter({
      storage,
      access: clubAccess,
      indexer,
      registry,
      firstDocumentState,
      createLimit,
      announce: (clubId, action) => realtime.announceFollowUp(clubId, action),
    }),
  );
  web.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such endpoint' });
  });
  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    const index = path.join(config.clientDir, 'index.html');
    web.use('/assets', express.static(path.join(config.clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
    web.use(express.static(config.clientDir, { index: false, maxAge: 0 }));
    // The app routes on the client: every page path gets the same shell.
    web.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => res.sendFile(index));
  }
  web.use(errorHandler(log));

  const httpServer = http.createServer(web);
  // Idle keep-alive connections are kept longer than a proxy's (60 s is the common default)
  // and than a client's pool would reuse them: with Node's 5 s, a request sent on a pooled
  // connection as the server closed it failed with ECONNRESET (seen in CI, and the 502s
  // behind a load balancer). headersTimeout must stay above it.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  httpServer.on('upgrade', createUpgradeRouter({ authorizer, clubAccess, sync, realtime, log, openConnections, trustProxy: config.trustProxy }));

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    config,
    storage,
    registry,
    sync,
    realtime,
    openConnections,
    indexer,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close: () => {
      closing ??= (async () => {
        await realtime.close();
        await sync.close();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await Promise.all([indexer.flush(), printer.close()]);
        await storage.close();
        await sharing.close();
      })();
      return closing;
    },
  };
}
