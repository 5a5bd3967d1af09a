/** The harness side of the load workers: fork, call a command, collect, shut down. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const defaultWorker = path.join(import.meta.dirname, 'worker.ts');

export class LoadWorker {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly exited: Promise<void>;

  constructor(workerPath = defaultWorker) {
    // BENCH_LOAD_CPU_PROF_DIR=DIR: a CPU profile of each load worker, written when it exits
    // (what the load generator's own stalls are made of, beside the server's --cpu-prof).
    const profDir = process.env.BENCH_LOAD_CPU_PROF_DIR;
    const execArgv = profDir ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profDir}`] : process.execArgv;
    this.child = fork(workerPath, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(message.id);
      if (waiter === undefined) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`load worker: ${message.error}`));
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', () => {
        for (const waiter of this.pending.values()) waiter.reject(new Error('load worker exited'));
        this.pending.clear();
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  call<T>(cmd: string, args: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function withWorkers<T>(count: number, body: (workers: LoadWorker[]) => Promise<T>, workerPath = defaultWorker): Promise<T> {
  const workers = Array.from({ length: count }, () => new LoadWorker(workerPath));
  try {
    return await body(workers);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}
