import { isatty } from 'node:tty';
import type { Io } from './io.ts';

async function ask(question: string): Promise<string> {
  // Loaded only when a prompt is really shown.
  const { askLine } = await import('./prompt/ask-line.ts');
  // Ctrl+C at the question ends the process as Ctrl+C does anywhere else (exit 130).
  return askLine(question, { input: process.stdin, output: process.stderr, onInterrupt: endAtOnce });
}

/**
 * Ends the process at once, as Ctrl+C does without a handler: Node's own SIGINT handling resets the
 * terminal and the process ends with the signal (exit status 130, the code Ctrl+C has everywhere
 * in gao-db, so the one asked for needs no passing on), without waiting for a worker
 * thread inside a SQLite statement (`process.exit` would: it joins the threads). SQLite rolls the
 * open transaction back the next time the database is opened, as after `kill -9`.
 */
function endAtOnce(): void {
  process.removeAllListeners('SIGINT');
  process.kill(process.pid, 'SIGINT');
  // SIGINT ignored by the parent (nohup, some runners): wait a moment for it, then end for certain.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  process.kill(process.pid, 'SIGKILL');
}

/**
 * The real process: stdout, stderr, environment, working folder and terminal.
 *
 * @example
 * await main(process.argv.slice(2), defaultIo());
 */
export function defaultIo(): Io {
  const stdoutIsTTY = isatty(1);
  return {
    // Getters: creating a stdio stream costs ~2 ms, and a `status --json` run never writes to stderr.
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    env: process.env,
    cwd: process.cwd(),
    // Not process.stdin.isTTY: creating the stdin stream loads fs streams, fs/promises and readline (~2 ms).
    stdinIsTTY: isatty(0),
    stdoutIsTTY,
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
    ask,
    openMigrator: async (options) => {
      const { openSqliteMigrator } = await import('./adapter/open-sqlite-migrator.ts');
      return openSqliteMigrator(options);
    },
    now: () => new Date(),
    // Ink and React load only here, for people at a terminal (see interactive/route.ts).
    loadUi: () => import('./ui/index.ts'),
    endAtOnce,
  };
}
