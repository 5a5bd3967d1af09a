import { spawn, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import type { PresenceEntry } from '../../shared/schemas.ts';

export type PresenceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The last list each socket received, so a wait can start after the list arrived. */
const lastList = new WeakMap<PresenceSocket, PresenceEntry[]>();

/** A presence socket; the server names its participant (the token's, or a fresh id for a link). */
export function joinPresence(base: string, sessionId: string, token: string, name: string): PresenceSocket {
  const socket: PresenceSocket = io(base, {
    path: '/socket.io/',
    transports: ['websocket'],
    query: { sessionId, token, name, view: 'lobby' },
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  socket.on('presence:list', (entries) => lastList.set(socket, entries));
  return socket;
}

/** Resolves with the current or a coming presence list that satisfies `check`. */
export function whenPresence(socket: PresenceSocket, check: (entries: PresenceEntry[]) => boolean): Promise<PresenceEntry[]> {
  const current = lastList.get(socket);
  if (current && check(current)) return Promise.resolve(current);
  return new Promise((resolve) => {
    const onList = (entries: PresenceEntry[]) => {
      if (!check(entries)) return;
      socket.off('presence:list', onList);
      resolve(entries);
    };
    socket.on('presence:list', onList);
  });
}

export const names = (entries: PresenceEntry[]) => entries.map((e) => e.name).sort();

/** A throwaway redis-server of our own, on its own port, that a test may stop and restart. */
export async function startRedis(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
