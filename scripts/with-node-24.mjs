// `npm start`, `npm test`, `npm run dev` and `npm run bench` go through this launcher, so that
// the README's two commands work on whatever Node.js the machine has (Debian 12 ships 18,
// many machines still have 20). Entraide's code is TypeScript run by Node's own type
// stripping, with node:sqlite: it needs Node 22.18 or later (24 recommended).
//
// - On such a Node, the script runs in this same process: no second process, no delay.
// - On an older one, Node 24 is fetched once from the npm registry (the package
//   node-<platform>-<arch>@24, as scripts/node-env.sh does) into the ignored .tools/node
//   folder, and the script runs there, with .tools/node/bin first on PATH for what it starts.
//
// This file is plain JavaScript that Node 18 understands; keep it so.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAJOR = 24;
const TOOLS = path.join(ROOT, '.tools');
const NODE_DIR = path.join(TOOLS, 'node');
const NODE_BIN = path.join(NODE_DIR, 'bin', 'node');

function fail(message) {
  console.error(`entraide: ${message}`);
  process.exit(1);
}

/** Node 22.18+ strips TypeScript types without a flag and has node:sqlite. */
function runsEntraide() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return Boolean(process.features.typescript) && (major > 22 || (major === 22 && minor >= 18));
}

function majorOf(nodeBin) {
  const out = spawnSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return out.status === 0 ? Number(out.stdout.trim().split('.')[0]) : 0;
}

/** How to run npm: the one that runs this script (npm sets npm_execpath), else npm on PATH. */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.[cm]?js$/.test(execPath) && fs.existsSync(execPath)) return [process.execPath, [execPath]];
  const probe = spawnSync('npm', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' });
  return probe.status === 0 ? ['npm', []] : null;
}

function installNode() {
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
  if (!platform) {
    fail(`this needs Node.js ${MAJOR} (found ${process.version}) and cannot fetch it on ${process.platform}: install Node.js ${MAJOR} from https://nodejs.org and run the command again.`);
  }
  const pkg = `node-${platform}-${process.arch}@${MAJOR}`;
  const npm = npmCommand();
  if (!npm) {
    fail(`this needs Node.js ${MAJOR} (found ${process.version}), and there is no npm to fetch it with. Install Node.js ${MAJOR} with its npm from https://nodejs.org (or your system's package manager), then run \`npm install && npm start\`.`);
  }
  const started = Date.now();
  console.error(`entraide: Node.js ${process.version} is too old; fetching Node.js ${MAJOR} (${pkg}, about 30 MB, once) from the npm registry into .tools/node ...`);
  fs.mkdirSync(TOOLS, { recursive: true });
  const staging = fs.mkdtempSync(path.join(TOOLS, 'node-download-'));
  try {
    const [command, prefix] = npm;
    const pack = spawnSync(command, [...prefix, 'pack', pkg, '--silent', '--pack-destination', staging], {
      cwd: staging,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) fail(`npm could not fetch ${pkg}:\n${(pack.stderr || pack.stdout || '').trim()}`);
    const unpacked = path.join(staging, 'node');
    fs.mkdirSync(unpacked);
    const tar = spawnSync('tar', ['-xzf', path.join(staging, tarball), '-C', unpacked, '--strip-components=1'], { encoding: 'utf8' });
    if (tar.status !== 0) fail(`could not unpack ${tarball} (tar: ${(tar.stderr || tar.error?.message || '').trim()})`);
    if (majorOf(path.join(unpacked, 'bin', 'node')) !== MAJOR) fail(`${pkg} did not hold a working Node.js ${MAJOR} binary`);
    // Swap in whole, so an interrupted download never leaves half a Node behind.
    fs.rmSync(NODE_DIR, { recursive: true, force: true });
    fs.renameSync(unpacked, NODE_DIR);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const version = spawnSync(NODE_BIN, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.error(`entraide: Node.js ${version} ready in .tools/node (${Math.round((Date.now() - started) / 1000)} s)`);
}

const [script, ...args] = process.argv.slice(2);
if (!script) fail('usage: node scripts/with-node-24.mjs <script> [arguments...]');
const scriptPath = path.resolve(ROOT, script);

if (runsEntraide()) {
  process.argv = [process.execPath, scriptPath, ...args];
  await import(pathToFileURL(scriptPath).href);
} else {
  if (majorOf(NODE_BIN) !== MAJOR) installNode();
  // The flags this launcher was started with (`npm start` gives the server's) go on to Node 24.
  const child = spawn(NODE_BIN, [...process.execArgv, scriptPath, ...args], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${path.dirname(NODE_BIN)}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  // Ctrl-C reaches the whole process group already; a SIGTERM sent to this process alone
  // (a supervisor, `kill`) is passed on. The server ignores a second signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
