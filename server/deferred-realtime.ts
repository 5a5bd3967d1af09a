import type { IncomingMessage } from 'node:http';
import module from 'node:module';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { FollowedAction } from '../shared/club.ts';
import type { Eviction, TokenGrant } from './access/types.ts';
import { refuseUpgrade } from './http.ts';
import type { Realtime, RealtimeOptions } from './realtime.ts';

/** What `realtime.ts` exports that this uses (a test hands another). */
type RealtimeModule = { Realtime: new (options: RealtimeOptions) => Realtime };

/**
 * Socket.IO (presence, hands, facilitation), loaded when first needed rather than at the
 * start: Socket.IO and engine.io, with their own copies of ws, debug and mime-db, are about
 * 1 MB of the 2.4 MB the start compiled and ran, some 20 ms of it ("Start to ready" in
 * bench/RESULTS.md). After a restart, the documents' sync, the API and /healthz are served
 * without waiting for them. The first Socket.IO handshake loads it, once, as Node loads its
 * own fetch the first time it is used (the benchmark's clients are all sync clients: it
 * never loads there, and their figures do not include it).
 *
 * Every call made while it loads is run once it is, in the order made: an eviction decided
 * after a handshake was admitted still ends that socket.
 */
export class DeferredRealtime {
  readonly #options: RealtimeOptions;
  readonly #log: Logger;
  readonly #onLoad: (realtime: Realtime) => void;
  readonly #import: () => Promise<RealtimeModule>;
  #loaded: Realtime | null = null;
  #loading: Promise<Realtime> | null = null;

  /** `onLoad` wires the loaded Socket.IO to the rest of the server, before any call reaches it. */
  constructor(
    options: RealtimeOptions,
    onLoad: (realtime: Realtime) => void,
    // The module itself; a test hands another to watch the order of calls.
    load: () => Promise<RealtimeModule> = () => import('./realtime.ts'),
  ) {
    this.#import = load;
    this.#options = options;
    this.#log = options.log;
    this.#onLoad = onLoad;
  }

  /** Loads Socket.IO, once; what was asked meanwhile runs as soon as it resolves. */
  load(): Promise<Realtime> {
    this.#loading ??= this.#import().then(({ Realtime }) => {
      const realtime = new Realtime(this.#options);
      this.#onLoad(realtime);
      this.#loaded = realtime;
      // Its modules into the compile cache now, as the start's were (serve.ts).
      module.flushCompileCache?.();
      return realtime;
    });
    return this.#loading;
  }

  /** Whether Socket.IO is loaded, loading, or not asked for yet. */
  get state(): 'unloaded' | 'loading' | 'loaded' {
    return this.#loaded ? 'loaded' : this.#loading ? 'loading' : 'unloaded';
  }

  /** A handshake: handed over now if Socket.IO is loaded, else once it is (loading it). */
  #handshake(what: string, socket: Duplex, call: (realtime: Realtime) => void): void {
    if (this.#loaded) return call(this.#loaded);
    this.load().then(
      (realtime) => {
        // It may have left while it waited.
        if (!socket.destroyed) call(realtime);
      },
      (err: unknown) => {
        this.#log.error({ err, what }, 'Socket.IO failed to load');
        refuseUpgrade(socket, 503, 'real-time events unavailable on this server');
      },
    );
  }

  /**
   * A message to Socket.IO's sockets: now if it is loaded, after the handshakes waiting for
   * it if it is loading. Before any handshake there is no socket to reach here (an instance
   * that shares its rooms loads it at the start: server/app.ts).
   */
  #toSockets(call: (realtime: Realtime) => void): void {
    if (this.#loaded) call(this.#loaded);
    else if (this.#loading) this.#loading.then(call, () => undefined);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, grant: TokenGrant, refusal: string | null = null): void {
    this.#handshake('handshake', socket, (realtime) => realtime.handleUpgrade(req, socket, head, grant, refusal));
  }

  handleClubUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, clubId: string): void {
    this.#handshake('club handshake', socket, (realtime) => realtime.handleClubUpgrade(req, socket, head, clubId));
  }

  announceFollowUp(clubId: string, action: FollowedAction): void {
    this.#toSockets((realtime) => realtime.announceFollowUp(clubId, action));
  }

  clubMemberJoined(clubId: string): void {
    this.#toSockets((realtime) => realtime.clubMemberJoined(clubId));
  }

  evict(eviction: Eviction): void {
    this.#toSockets((realtime) => realtime.evict(eviction));
  }

  memberLinkRenewed(sessionId: string, token: string): void {
    this.#toSockets((realtime) => realtime.memberLinkRenewed(sessionId, token));
  }

  /** Closes Socket.IO if it was loaded, or once it is if it is loading; loads nothing. */
  async close(): Promise<void> {
    if (!this.#loading) return;
    const realtime = await this.#loading.catch(() => null);
    await realtime?.close();
  }
}
