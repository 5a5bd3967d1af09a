// Runs before the app's modules (a classic script): zod compiles object parsers with
// `new Function` when it may, and probes whether it may as soon as a schema is defined.
// Under our Content-Security-Policy (no 'unsafe-eval') the probe is reported as a
// violation; parsing without compiling is fast enough for the client.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
