import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerJob } from './worker-job.ts';

const WORKER = fileURLToPath(new URL('../fixtures/migrator-worker.ts', import.meta.url));

/** One JSON line a worker printed. */
export interface WorkerLine {
  readonly event?: string;
  readonly version?: number | null;
  readonly pid?: number;
  readonly result?: string;
  readonly ready?: boolean;
  readonly report?: { steps?: number[]; problems?: string[] };
  readonly error?: {
    name: string;
    code: string | null;
    message: string;
    hint: string | null;
    cause: string | null;
    causeCode: string | null;
  };
}

/** A running worker: its process, its lines so far, and its exit. */
export interface Worker {
  readonly child: ChildProcess;
  readonly lines: WorkerLine[];
  /** Resolves when the process has exited (code, signal, everything it printed). */
  readonly exited: Promise<WorkerExit>;
  /** Lets a worker started with `waitForGo` begin. */
  go(): void;
  /** Resolves with the first line matching `predicate` (rejects if the process exits first). */
  waitFor(predicate: (line: WorkerLine) => boolean): Promise<WorkerLine>;
}

/** How a worker ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: WorkerLine[];
  readonly stderr: string;
  /** The final `{error}` line, if any. */
  readonly error: WorkerLine['error'] | null;
}

/** Options of {@link startWorker}. */
export interface StartOptions {
  /** Run as this user (tests run as root, which ignores file modes). */
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Starts `fixtures/migrator-worker.ts` in a real child process (this Node, with the `@gao/source`
 * condition so the package resolves to its TypeScript sources).
 *
 * @example
 * const worker = startWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 5000 });
 * const { code } = await worker.exited;
 */
export function startWorker(job: WorkerJob, options: StartOptions = {}): Worker {
  const child = spawn(process.execPath, ['--conditions=@gao/source', WORKER, JSON.stringify(job)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // The compile cache folder belongs to root; an unprivileged child must not try to write it.
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  child.stdin?.on('error', () => {}); // the worker closes its stdin early; a late write must not crash us
  const lines: WorkerLine[] = [];
  const waiters: { predicate: (line: WorkerLine) => boolean; resolve: (line: WorkerLine) => void }[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      if (text.trim() === '') continue;
      let line: WorkerLine;
      try {
        line = JSON.parse(text) as WorkerLine;
      } catch {
        stderr += `[stdout] ${text}\n`;
        continue;
      }
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<WorkerExit>((resolve) => {
    child.on('close', (code, signal) => {
      const last = [...lines].reverse().find((line) => line.error !== undefined);
      resolve({ code, signal, lines, stderr, error: last?.error ?? null });
    });
  });
  return {
    child,
    lines,
    exited,
    go() {
      child.stdin?.write('go\n');
    },
    waitFor(predicate) {
      const seen = lines.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<WorkerLine>((resolve, reject) => {
        waiters.push({ predicate, resolve });
        void exited.then((exit) =>
          reject(
            new Error(`worker exited (${exit.code ?? exit.signal}) before the awaited line:\n${exit.stderr}`),
          ),
        );
      });
    },
  };
}

/**
 * Runs a worker to the end.
 *
 * @example
 * const exit = await runWorker({ action: 'inspect', database, migrationsDir, busyTimeoutMs: 100 });
 */
export function runWorker(job: WorkerJob, options: StartOptions = {}): Promise<WorkerExit> {
  return startWorker(job, options).exited;
}
