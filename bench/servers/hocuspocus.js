/**
 * Hocuspocus as its README starts it: `new Server({ port })`, documents in memory only (no
 * persistence extension), every setting at its default. Env: HOST, PORT. Plain JavaScript,
 * like the y-websocket server: no type stripper in its memory.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? '0'),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
});

await server.listen();
console.log(`hocuspocus listening on ${process.env.HOST}:${process.env.PORT}`);
