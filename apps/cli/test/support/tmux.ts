import { spawnSync } from 'node:child_process';

/** Whether `tmux` can be run here. */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One tmux server on its own socket with one session: a real pseudo-terminal to run the built
 * binary in, type keys and read the screen. `kill()` ends the server and everything in it.
 *
 * @example
 * const term = new TmuxTerminal(`gao-${process.pid}`);
 * term.start({ cwd, command: 'node bin/gao-db.js status', env: { NO_COLOR: '1' } });
 * await term.waitFor('VER STATE');
 */
export class TmuxTerminal {
  readonly socket: string;
  constructor(socket: string) {
    this.socket = socket;
  }

  /** Runs `tmux -L <socket> ...args`, throwing when tmux fails. */
  tmux(...args: string[]): string {
    const run = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${run.stderr.trim()}`);
    return run.stdout;
  }

  /**
   * Starts `command` (a shell command line) in a `columns` x `rows` terminal. The environment is
   * only `env` plus PATH, HOME, a UTF-8 locale and TERM: no `CI` from the test runner. After the
   * command ends the pane shows `[exit N]` and stays open for reading.
   */
  start(options: {
    readonly cwd: string;
    readonly command: string;
    readonly env?: Readonly<Record<string, string>>;
    readonly columns?: number;
    readonly rows?: number;
  }): void {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'xterm-256color',
      ...options.env,
    };
    const shell = `${options.command}; echo "[exit $?]"; sleep 600`;
    const args = ['-u', '-L', this.socket, '-f', '/dev/null', 'new-session', '-d'];
    args.push('-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30));
    args.push('-c', options.cwd, shell);
    const run = spawnSync('tmux', args, { encoding: 'utf8', env, cwd: options.cwd });
    if (run.status !== 0) throw new Error(`tmux new-session: ${run.stderr.trim()}`);
  }

  /** Types keys (tmux key names: `y`, `Enter`, `C-c`). */
  keys(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  /** The visible screen as text (`escapes`: with colour codes). */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []));
  }

  /** Resizes the terminal (the program gets SIGWINCH). */
  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-x', String(columns), '-y', String(rows));
  }

  /** Polls the screen until `expected` appears, and returns it; throws with the last screen on timeout. */
  async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.screen();
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${String(expected)}. The screen was:\n${last}`);
      }
      await sleep(100);
    }
  }

  /** Ends the tmux server and every process in it; quiet when it is already gone. */
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { encoding: 'utf8' });
  }

  /** Whether the server still runs. */
  alive(): boolean {
    return spawnSync('tmux', ['-L', this.socket, 'list-sessions'], { encoding: 'utf8' }).status === 0;
  }
}
