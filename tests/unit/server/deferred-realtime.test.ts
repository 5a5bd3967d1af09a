import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Eviction, TokenGrant } from '../../../server/access/types.ts';
import { DeferredRealtime } from '../../../server/deferred-realtime.ts';
import type { Realtime, RealtimeOptions } from '../../../server/realtime.ts';

const log = pino({ level: 'silent' });
const options = { log } as unknown as RealtimeOptions;
const grant: TokenGrant = { sessionId: 's1', role: 'member' };
const eviction: Eviction = { kind: 'link', sessionId: 's1', linkId: 'l1' };

/**
 * A module whose loading the test finishes when it says, and a Socket.IO stand-in that
 * writes down what reaches it: the order of calls around the load is what is checked here
 * (the real Socket.IO is loaded on demand in tests/integration/socketio-on-demand.test.ts).
 */
function controlledModule() {
  const calls: string[] = [];
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const loaded = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  class Recorder {
    constructor() {
      calls.push('constructed');
    }
    handleUpgrade(_req: unknown, _socket: unknown, _head: unknown, g: TokenGrant) {
      calls.push(`handshake ${g.sessionId}`);
    }
    handleClubUpgrade(_req: unknown, _socket: unknown, _head: unknown, clubId: string) {
      calls.push(`club handshake ${clubId}`);
    }
    evict(e: Eviction) {
      calls.push(`evict ${e.kind}`);
    }
    memberLinkRenewed(sessionId: string) {
      calls.push(`renewed ${sessionId}`);
    }
    announceFollowUp(clubId: string) {
      calls.push(`announce ${clubId}`);
    }
    async close() {
      calls.push('closed');
    }
  }
  const load = () => loaded.then(() => ({ Realtime: Recorder as unknown as new (o: RealtimeOptions) => Realtime }));
  return { calls, finish, fail, load };
}

const upgrade = () => ({ req: {} as IncomingMessage, socket: new PassThrough(), head: Buffer.alloc(0) });

describe('Socket.IO loaded on demand', () => {
  it('runs what was asked while it loaded, in order, after wiring it', async () => {
    const module = controlledModule();
    const realtime = new DeferredRealtime(options, () => module.calls.push('wired'), module.load);
    const a = upgrade();
    realtime.handleUpgrade(a.req, a.socket, a.head, grant);
    realtime.evict(eviction);
    realtime.memberLinkRenewed('s1', 'token');
    realtime.handleClubUpgrade(a.req, upgrade().socket, a.head, 'c1');
    realtime.announceFollowUp('c1', {} as never);
    expect(module.calls).toEqual([]);
    expect(realtime.state).toBe('loading');
    module.finish();
    await realtime.load();
    expect(module.calls).toEqual(['constructed', 'wired', 'handshake s1', 'evict link', 'renewed s1', 'club handshake c1', 'announce c1']);
    // Once loaded, a call goes straight through.
    realtime.evict(eviction);
    expect(module.calls.at(-1)).toBe('evict link');
    expect(module.calls).toHaveLength(8);
  });

  it('sends nothing before the first handshake, when there is no socket to reach, and loads nothing for it', async () => {
    const module = controlledModule();
    module.finish();
    const realtime = new DeferredRealtime(options, () => module.calls.push('wired'), module.load);
    realtime.evict(eviction);
    realtime.memberLinkRenewed('s1', 'token');
    realtime.announceFollowUp('c1', {} as never);
    await new Promise((resolve) => setImmediate(resolve));
    expect(realtime.state).toBe('unloaded');
    expect(module.calls).toEqual([]);
  });

  it('drops a handshake whose socket closed while it waited', async () => {
    const module = controlledModule();
    const realtime = new DeferredRealtime(options, () => undefined, module.load);
    const gone = upgrade();
    realtime.handleUpgrade(gone.req, gone.socket, gone.head, grant);
    gone.socket.destroy();
    const kept = upgrade();
    realtime.handleUpgrade(kept.req, kept.socket, kept.head, { ...grant, sessionId: 's2' });
    module.finish();
    await realtime.load();
    expect(module.calls).toEqual(['constructed', 'handshake s2']);
  });

  it('answers a waiting handshake with 503 when Socket.IO cannot load', async () => {
    const module = controlledModule();
    const realtime = new DeferredRealtime(options, () => undefined, module.load);
    const waiting = upgrade();
    const written: Buffer[] = [];
    waiting.socket.on('data', (chunk: Buffer) => written.push(chunk));
    const closed = new Promise((resolve) => waiting.socket.once('close', resolve));
    realtime.handleUpgrade(waiting.req, waiting.socket, waiting.head, grant);
    module.fail(new Error('no such module'));
    await closed;
    expect(Buffer.concat(written).toString()).toMatch(/^HTTP\/1\.1 503 /);
  });

  it('closes what it loaded, and loads nothing to close it', async () => {
    const loadedFirst = controlledModule();
    loadedFirst.finish();
    const realtime = new DeferredRealtime(options, () => loadedFirst.calls.push('wired'), loadedFirst.load);
    await realtime.load();
    await realtime.close();
    expect(loadedFirst.calls).toEqual(['constructed', 'wired', 'closed']);

    const never = controlledModule();
    never.finish();
    const unused = new DeferredRealtime(options, () => never.calls.push('wired'), never.load);
    await unused.close();
    expect(never.calls).toEqual([]);
    expect(unused.state).toBe('unloaded');
  });
});
