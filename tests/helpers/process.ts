import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { onTestFinished } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  http: string;
  ws: string;
  /** kill -9: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM, graceful. */
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Servers still running when the test process exits (a test that failed half-way) go too. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The built server (`node dist/server/main.mjs`, which the global setup builds) in its own
 * process, as `npm start` and the Docker image run it. Resolves once it logs that
 * it listens (with PORT=0 the log line carries the port the OS chose).
 */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server/main.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CLIENT_DIR: path.join(root, 'no-client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // Called from a test: the server goes when the test ends, passed or failed.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let record: { msg?: string; port?: number };
      try {
        record = JSON.parse(line) as { msg?: string; port?: number };
      } catch {
        return;
      }
      if (!record.msg?.startsWith('Entraide listening') || typeof record.port !== 'number') return;
      const port = record.port;
      resolve({
        child,
        port,
        http: `http://127.0.0.1:${port}`,
        ws: `ws://127.0.0.1:${port}`,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
}

/**
 * Runs one of our CLIs (`node <args>` from the repository root) that writes its results as a
 * JSON file into `outDir`, as the bench and the soak do; resolves with that file's content and
 * what the CLI printed. Throws, with the end of its output, when it fails or writes no JSON.
 * Past `timeoutMs` it is stopped with every process it started (its own process group), and
 * throws: a test hook that timed out left the bench and its servers running before.
 */
export async function runJsonCli(args: string[], outDir: string, timeoutMs?: number): Promise<{ json: unknown; output: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: timeoutMs !== undefined });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? null
      : setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-(child.pid ?? 0), 'SIGKILL');
          } catch {
            // Gone already.
          }
        }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (timer) clearTimeout(timer);
  if (timedOut) throw new Error(`node ${args.join(' ')} ran past ${timeoutMs} ms and was stopped with what it started:\n${output.slice(-3000)}`);
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`);
  const file = readdirSync(outDir).find((f) => f.endsWith('.json'));
  if (!file) throw new Error(`node ${args.join(' ')} wrote no JSON into ${outDir}:\n${output.slice(-3000)}`);
  return { json: JSON.parse(readFileSync(path.join(outDir, file), 'utf8')), output };
}
