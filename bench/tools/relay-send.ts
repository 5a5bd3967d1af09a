/**
 * What a relay costs per delivery in the sending process: one message to every other socket
 * of a room of thirty, one relay per event-loop turn, through `Connection.send` (ws frames
 * the message again for each socket) against `Connection.sendWire` (framed once, the same
 * bytes written to each socket). The receivers are real ws clients in a child process, so
 * this process's CPU (`process.cpuUsage`, user and system: the write system calls are most
 * of it) is the sender's alone. Trials alternate the two ways.
 *
 *   node bench/tools/relay-send.ts [--sockets 30] [--relays 20000] [--bytes 70] [--trials 3]
 */
import { fork } from 'node:child_process';
import { WebSocket, WebSocketServer } from 'ws';
import { Connection } from '../../server/sync/Connection.ts';
import { wireMessage } from '../../server/sync/wire.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

if (process.argv[2] === '--receivers') {
  const [port, count] = [process.argv[3], Number(process.argv[4])];
  let open = 0;
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    ws.on('open', () => ++open === count && process.send?.('open'));
    ws.on('message', () => undefined);
  }
} else {
  const sockets = arg('sockets', 30);
  const relays = arg('relays', 20_000);
  const bytes = arg('bytes', 70);
  const trials = arg('trials', 3);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const connections: Connection[] = [];
  wss.on('connection', (ws) => connections.push(new Connection(ws, { participantId: 'bench', name: 'Bench', role: 'member' })));
  const receivers = fork(new URL(import.meta.url).pathname, ['--receivers', String(port), String(sockets)]);
  await new Promise<void>((resolve) => receivers.on('message', (m) => m === 'open' && resolve()));
  const message = new Uint8Array(bytes).fill(7);

  const ways: Record<string, (except: Connection) => void> = {
    'send (framed per socket)': (except) => {
      for (const conn of connections) if (conn !== except) conn.send(message);
    },
    'sendWire (framed once)': (except) => {
      const wire = wireMessage(message);
      for (const conn of connections) if (conn !== except) conn.sendWire(wire);
    },
  };
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (connections.every((c) => c.ws.bufferedAmount === 0) ? resolve() : void setTimeout(check, 5));
      check();
    });
  console.log(`${sockets} sockets, ${relays} relays of ${bytes} bytes, one a turn; CPU of this process per delivery`);
  const names = Object.keys(ways);
  for (let trial = 1; trial <= trials; trial++) {
    const order = trial % 2 ? names : [...names].reverse();
    const row: string[] = [];
    for (const name of order) {
      const relay = ways[name]!;
      const before = process.cpuUsage();
      for (let i = 0; i < relays; i++) {
        relay(connections[i % sockets]!);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await drained();
      const used = process.cpuUsage(before);
      row.push(`${name}: ${((used.user + used.system) / (relays * (sockets - 1))).toFixed(2)} µs`);
    }
    console.log(`trial ${trial}: ${row.join(', ')}`);
  }
  receivers.kill();
  wss.close();
  process.exit(0);
}
