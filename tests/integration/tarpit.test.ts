// A client refused again and again for too many connections gets its bare 429 held back
// (issue 10): answered at once, a reconnect loop came back 200 times a second.
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenConnections } from '../../server/OpenConnections.ts';
import { refuseUpgrade } from '../../server/http.ts';

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A real TCP connection: the server's end and the client's. */
async function pair(): Promise<{ server: net.Socket; client: net.Socket; received: () => string; closed: Promise<void> }> {
  const srv = net.createServer();
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => srv.once('connection', resolve));
  const client = net.connect((srv.address() as net.AddressInfo).port, '127.0.0.1');
  let text = '';
  client.on('data', (d: Buffer) => (text += d.toString()));
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  return { server: await accepted, client, received: () => text, closed };
}

describe('the bare 429 of a reconnect loop', () => {
  it('is held back, then answered; a client that leaves first frees its place; past the cap the socket is closed unanswered', async () => {
    const open = new OpenConnections({ syncPerToken: 0, socketsPerToken: 0, perAddress: 0 }, { ms: 3000, max: 2 }); // 300 ms ran out on a loaded host before the second was held
    const answer = (s: net.Socket) => () => refuseUpgrade(s, 429, 'too many connections', 1);
    const held = await pair();
    let answered = false;
    open.holdBack(held.server, () => {
      answered = true;
      answer(held.server)();
    });
    expect(answered).toBe(false);
    expect(open.heldBack).toBe(1);

    const leaving = await pair();
    open.holdBack(leaving.server, answer(leaving.server));
    expect(open.heldBack).toBe(2);
    // Held: the third is closed without an answer.
    const third = await pair();
    open.holdBack(third.server, answer(third.server));
    await third.closed;
    expect(third.received()).toBe('');

    leaving.client.destroy();
    await leaving.closed;
    await vi.waitFor(() => expect(open.heldBack).toBe(1));

    await held.closed;
    expect(answered).toBe(true);
    expect(held.received()).toMatch(/^HTTP\/1.1 429 Too Many Requests\r\n[\s\S]*Retry-After: 1\r\n/);
    expect(open.heldBack).toBe(0);
  });
});
