// The server's Node.js flags are written in several places that cannot import one another
// (package.json, the Dockerfile, the launchers in TypeScript): they must say the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('the server runs with the same Node.js flags wherever it starts', () => {
  it('npm start', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} scripts/with-node-24.mjs scripts/start.ts`);
  });

  it('the Docker image', () => {
    const cmd = read('Dockerfile').split('\n').find((line) => line.startsWith('CMD '));
    expect(cmd).toBe(`CMD ${JSON.stringify(['node', ...SERVER_NODE_FLAGS, 'dist/server/main.mjs']).replaceAll(',', ', ')}`);
  });

  it('the benchmark, the soak and the tests that start the built server', () => {
    for (const file of ['bench/servers/index.ts', 'bench/soak/run.ts']) expect(read(file)).toMatch(/nodeFlags: SERVER_NODE_FLAGS/);
    expect(read('tests/helpers/process.ts')).toMatch(/\[\.\.\.SERVER_NODE_FLAGS, 'dist\/server\/main\.mjs'\]/);
  });
});
