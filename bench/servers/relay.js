/**
 * The floor: a websocket server that forwards every binary frame to the other clients of
 * the same room (the URL path) without parsing it. It holds no document, answers no sync
 * step 1 and never echoes, so what it costs is transport alone on this machine.
 * Env: HOST, PORT. Plain JavaScript, like the y-websocket server: no type stripper in its memory.
 */
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? '0');

/** @type {Map<string, Set<WebSocket>>} */
const rooms = new Map();

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('relay');
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  const room = (req.url ?? '/').split('?')[0] ?? '/';
  let peers = rooms.get(room);
  if (peers === undefined) {
    peers = new Set();
    rooms.set(room, peers);
  }
  const members = peers;
  members.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const peer of members) {
      if (peer !== ws && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary });
    }
  });
  ws.on('close', () => {
    members.delete(ws);
    if (members.size === 0) rooms.delete(room);
  });
  ws.on('error', () => ws.terminate());
});

server.listen(port, host, () => {
  console.log(`relay listening on ${host}:${port}`);
});
