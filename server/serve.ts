import module from 'node:module';
import { createApp } from './app.ts';
import { configFromEnv } from './config.ts';

const config = configFromEnv(process.env);
const app = await createApp(config);
const port = await app.listen();
// Node writes the compile cache (server/main.ts) when the process exits normally; a server
// that is killed (kill -9, out of memory, a crash) would leave none, and its restart, when
// the room waits to resync, would compile every module again (about 45 ms here). Written
// now, once everything the start loaded is compiled.
module.flushCompileCache?.();
app.log.info({ port, host: config.host, dataDir: config.dataDir, redis: Boolean(config.redisUrl) }, `Entraide listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
