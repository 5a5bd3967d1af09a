// The process entry. It turns on Node's compile cache before any of the server's modules
// load (serve.ts does the rest): a start after the first one then reads the server's
// code with its TypeScript types already stripped and compiled, instead of loading the
// type stripper and compiling again, for a quicker start and less memory (see "Start-up
// and idle memory" in bench/RESULTS.md). The cache is keyed by file contents; it lives in
// the OS temporary folder unless NODE_COMPILE_CACHE says where, and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import module from 'node:module';

const cache = module.enableCompileCache?.();
// Worker threads (the SQLite file's worker) take it from the environment.
if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
await import('./serve.ts');
