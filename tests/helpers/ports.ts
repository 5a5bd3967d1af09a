import net from 'node:net';

/** Where the next search in this process starts (a port just handed out is likely still in use). */
let next = 0;

/**
 * A free port for something a test stops and starts again on the same port (a Redis it
 * restarts, a server it kills). Such a port must not be handed to anyone else in between,
 * so it is not taken from the kernel's ephemeral range (32768-60999 on Linux), where every
 * `listen(0)` and outgoing connection of the test files running in parallel draws its
 * ports: each vitest worker picks from its own block of 500 ports below that range.
 */
export async function reservedPort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  // TEST_PORT_LANE (0-4) separates suites run side by side from several checkouts.
  const lane = Number(process.env.TEST_PORT_LANE ?? 0);
  const base = 20_000 + ((lane * 4 + ((worker - 1) % 4)) % 20) * 500;
  for (let i = 0; i < 500; i++) {
    const port = base + ((next + i) % 500);
    if (await canListen(port)) {
      next = (port - base + 1) % 500;
      return port;
    }
  }
  throw new Error(`no free port in ${base}-${base + 499}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
