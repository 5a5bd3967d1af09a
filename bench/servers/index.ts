/** The servers under test: how to start each one and how a client reaches a room. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Protocol } from '../load/protocol.ts';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { getPhase, setPhase } from '../../shared/session/index.ts';
import { launch, repoRoot, type RunningProcess } from './launch.ts';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

export const SERVER_NAMES = ['entraide', 'ywebsocket', 'ywebsocketDurable', 'hocuspocus', 'relay', 'entraideBaseline'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** How a client reaches one room (one document) of a running server. */
export interface RoomRef {
  /** Document name as the server knows it (session id, path, or Hocuspocus document name). */
  docName: string;
  url: string;
  /** Sent in Hocuspocus's Auth frame; Entraide carries its token in the URL. */
  token: string;
  /** Entraide: where each client enters with a name for its own credential (bench/load/identity.ts). */
  enter?: { http: string };
}

export interface StartOptions {
  port: number;
  dataDir: string;
  unloadDelayMs: number;
  cpuProfDir?: string;
}

export interface ServerDef {
  name: ServerName;
  label: string;
  protocol: Protocol;
  /** False for the relay: it keeps no document, so join/memory/recovery figures do not apply. */
  holdsDocuments: boolean;
  /** True when a restart reloads documents from storage. */
  durable: boolean;
  available(): string | null;
  version(): string;
  start(options: StartOptions): Promise<RunningProcess>;
  createRoom(port: number, index: number): Promise<RoomRef>;
}

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return 'missing';
  }
}

function gitHead(): string {
  // git itself: in a worktree, .git is a file that points elsewhere.
  try {
    return execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

function postJson(port: number, pathname: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: text });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

// The built server, as `npm start` runs it (runBench builds it when stale).
// BENCH_ENTRAIDE_MAIN runs another checkout's server (an A/B of a fix) against the same load.
const entraideMain = path.resolve(process.env.BENCH_ENTRAIDE_MAIN ?? path.join(repoRoot, 'dist/server/main.mjs'));
const yWebsocketMain = path.join(repoRoot, 'node_modules/@y/websocket-server/src/server.js');
// y-leveldb and leveldown as the reference server finds them (from the repository's node_modules).
const requireHere = createRequire(path.join(repoRoot, 'package.json'));

function launchEntraide(name: string, script: string, o: StartOptions): Promise<RunningProcess> {
  return launch({
    name,
    script,
    // As `npm start` and the Docker image run it.
    nodeFlags: SERVER_NODE_FLAGS,
    port: o.port,
    healthPath: '/healthz',
    // The bench creates hundreds of sessions from one address, and opens up to 2,000
    // connections from it (scenario 2; 500 in scenario 4): no limit on either (the default
    // of 256 open connections per address refused most of scenario 2's clients).
    env: {
      PORT: String(o.port),
      HOST: '127.0.0.1',
      DATA_DIR: o.dataDir,
      // BENCH_ENTRAIDE_LOG_LEVEL=info logs each refused change (for a check, not for figures).
      LOG_LEVEL: process.env.BENCH_ENTRAIDE_LOG_LEVEL ?? 'warn',
      UNLOAD_DELAY_MS: String(o.unloadDelayMs),
      SESSION_CREATE_PER_MINUTE: '0',
      CONNECTIONS_PER_ADDRESS: '0',
    },
    ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
  });
}

const entraide: ServerDef = {
  name: 'entraide',
  label: 'Entraide',
  protocol: 'yws',
  holdsDocuments: true,
  durable: true,
  available: () => (existsSync(entraideMain) ? null : `${entraideMain} is missing`),
  version: () => `0.1.0 @ ${gitHead()} (SQLite, every update written before broadcast)`,
  start: (o) => launchEntraide('entraide', entraideMain, o),
  async createRoom(port, index) {
    const { status, json } = await postJson(port, '/api/sessions', {
      title: `Bench board ${index}`,
      hostCompany: 'Bench SA',
      hostName: 'Bench Host',
      date: '2026-12-01',
    });
    const body = json as { id?: string; links?: { member?: string; host?: string } };
    if (status !== 201 || typeof body.id !== 'string' || typeof body.links?.member !== 'string' || typeof body.links.host !== 'string') {
      throw new Error(`entraide: POST /api/sessions answered ${status} ${JSON.stringify(json).slice(0, 200)}`);
    }
    const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? '';
    // The load writes ideas on the board: the host opens the brainstorm first, as in a session.
    await openBrainstorm(port, body.id, tokenOf(body.links.host));
    const token = tokenOf(body.links.member);
    return { docName: body.id, token, url: `ws://127.0.0.1:${port}/yjs/${body.id}?token=${encodeURIComponent(token)}`, enter: { http: `http://127.0.0.1:${port}` } };
  },
};

/**
 * The host enters the session with a name and moves it to the brainstorm with the stock
 * provider, in his own name (the phase log says who), then waits until the server has it.
 */
async function openBrainstorm(port: number, sessionId: string, hostLinkToken: string): Promise<void> {
  const { status, json } = await postJson(port, `/api/sessions/${sessionId}/participants`, { token: hostLinkToken, name: 'Bench host' });
  const host = json as { participantId?: string; credential?: string };
  if (status !== 201 || typeof host.participantId !== 'string' || typeof host.credential !== 'string') {
    throw new Error(`entraide: entering as host answered ${status} ${JSON.stringify(json).slice(0, 200)}`);
  }
  const connect = () =>
    new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, sessionId, new Y.Doc(), {
      params: { token: host.credential! },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  const synced = (p: WebsocketProvider) => new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())));
  const writer = connect();
  try {
    await synced(writer);
    setPhase(writer.doc, { participantId: host.participantId, name: 'Bench host', role: 'host' }, 'brainstorm');
    // A second connection sees the move once the server has stored it.
    for (let attempt = 0; attempt < 100; attempt++) {
      const check = connect();
      await synced(check);
      const phase = getPhase(check.doc);
      check.destroy();
      if (phase === 'brainstorm') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`entraide: session ${sessionId} never reached the brainstorm`);
  } finally {
    writer.destroy();
  }
}

// BENCH_ENTRAIDE_BASELINE_MAIN: another checkout's server run beside ours in the same run,
// to measure what a change costs (issue 9: the rule check, against the commit before it).
const baselineMain = process.env.BENCH_ENTRAIDE_BASELINE_MAIN ? path.resolve(process.env.BENCH_ENTRAIDE_BASELINE_MAIN) : null;

const entraideBaseline: ServerDef = {
  ...entraide,
  name: 'entraideBaseline',
  label: 'Entraide (baseline checkout)',
  available: () => (baselineMain && existsSync(baselineMain) ? null : 'set BENCH_ENTRAIDE_BASELINE_MAIN to another checkout\'s dist/server/main.mjs (or server/main.ts)'),
  version: () => `baseline ${baselineMain ?? '?'}`,
  start: (o) => launchEntraide('entraideBaseline', baselineMain ?? entraideMain, o),
};

const ywebsocket: ServerDef = {
  name: 'ywebsocket',
  label: 'y-websocket',
  protocol: 'yws',
  holdsDocuments: true,
  durable: false,
  available: () => (existsSync(yWebsocketMain) ? null : '@y/websocket-server is not installed'),
  version: () => `@y/websocket-server ${packageVersion('@y/websocket-server')} (in memory)`,
  start: (o) =>
    launch({
      name: 'ywebsocket',
      script: yWebsocketMain,
      port: o.port,
      healthPath: '/',
      env: { PORT: String(o.port), HOST: '127.0.0.1' },
      ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
    }),
  createRoom: (port, index) => Promise.resolve({ docName: `board-${index}`, token: '', url: `ws://127.0.0.1:${port}/board-${index}` }),
};

/**
 * The same reference server with its own durable storage on (`YPERSISTENCE`: y-leveldb, the
 * optional dependency it ships with), the design's "with durable storage on". It relays an
 * update first and stores it after (LevelDB, asynchronously), and it answers a joiner's sync
 * before the document has been read back from storage.
 */
const ywebsocketDurable: ServerDef = {
  ...ywebsocket,
  name: 'ywebsocketDurable',
  label: 'y-websocket + LevelDB',
  durable: true,
  available: () => {
    if (!existsSync(yWebsocketMain)) return '@y/websocket-server is not installed';
    try {
      requireHere.resolve('y-leveldb');
      requireHere('leveldown');
      return null;
    } catch (err) {
      return `y-leveldb (optional dependency of @y/websocket-server) cannot load: ${(err as Error).message.split('\n')[0]}`;
    }
  },
  version: () => `@y/websocket-server ${packageVersion('@y/websocket-server')}, YPERSISTENCE with y-leveldb ${packageVersion('y-leveldb')} (leveldown ${packageVersion('leveldown')})`,
  start: (o) =>
    launch({
      name: 'ywebsocketDurable',
      script: yWebsocketMain,
      port: o.port,
      healthPath: '/',
      env: { PORT: String(o.port), HOST: '127.0.0.1', YPERSISTENCE: path.join(o.dataDir, 'leveldb') },
      ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
    }),
};

const hocuspocus: ServerDef = {
  name: 'hocuspocus',
  label: 'Hocuspocus',
  protocol: 'hocuspocus',
  holdsDocuments: true,
  durable: false,
  available: () => null,
  version: () => `@hocuspocus/server ${packageVersion('@hocuspocus/server')} (in memory, defaults)`,
  start: (o) =>
    launch({
      name: 'hocuspocus',
      script: path.join(import.meta.dirname, 'hocuspocus.js'),
      port: o.port,
      healthPath: '/',
      env: { PORT: String(o.port), HOST: '127.0.0.1' },
      ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
    }),
  // One websocket per client and document, as HocuspocusProvider opens it.
  createRoom: (port, index) => Promise.resolve({ docName: `board-${index}`, token: 'bench', url: `ws://127.0.0.1:${port}/board-${index}` }),
};

const relay: ServerDef = {
  name: 'relay',
  label: 'bare relay',
  protocol: 'relay',
  holdsDocuments: false,
  durable: false,
  available: () => null,
  version: () => `ws ${packageVersion('ws')} forwarding frames unparsed`,
  start: (o) =>
    launch({
      name: 'relay',
      script: path.join(import.meta.dirname, 'relay.js'),
      port: o.port,
      healthPath: '/',
      env: { PORT: String(o.port), HOST: '127.0.0.1' },
      ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
    }),
  createRoom: (port, index) => Promise.resolve({ docName: `board-${index}`, token: '', url: `ws://127.0.0.1:${port}/board-${index}` }),
};

export const SERVERS: Record<ServerName, ServerDef> = { entraide, ywebsocket, ywebsocketDurable, hocuspocus, relay, entraideBaseline };
