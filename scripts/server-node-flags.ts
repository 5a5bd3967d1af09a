// The Node.js flags the server runs with, wherever it starts: `npm start` (package.json),
// the Docker image (Dockerfile), the benchmark and the soak (bench/servers/). A test
// (tests/unit/server-node-flags.test.ts) checks that those places say the same.
//
// --max-semi-space-size: V8 sizes the young generation from the heap limit, and on this
// 64-bit Node it let new space grow to 128 MB. The server allocates short-lived objects for
// every frame (the parse before the apply, the rule review, the budgets), so with 2,000
// connections the garbage of a few seconds sat in memory. Bench scenario 2, three alternated
// trials each (bench/RESULTS.md, 2026-11-29): RSS above idle 226-230 MB uncapped, against the
// y-websocket server's 161-167; capped at 16 MB a semi-space, 138-165 MB, with the same CPU
// per update (27.3-29.7 µs against 26.9-29.1); at 8 MB, 125-165 MB but 7 % more CPU.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
