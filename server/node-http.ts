import { createRequire } from 'node:module';

/**
 * `node:http`, loaded the CommonJS way. An ES `import` of a Node builtin builds its ES
 * facade, which reads every export once, lazy ones included; node:http's `WebSocket`,
 * `CloseEvent` and `MessageEvent` getters then load undici, Node's fetch and WebSocket
 * client, which this server never uses: about 30 ms of a 270 ms start (CPU profile of the
 * start, "Start to ready" in bench/RESULTS.md). `require` builds no facade. The libraries in
 * the bundle already load their builtins this way; only the server's own modules imported it.
 */
const http: typeof import('node:http') = createRequire(import.meta.url)('node:http');
export default http;
