// A fake terminal for tests: ink-testing-library's approach (debug frames, fake stdin) with a
// settable size, so layouts can be checked at 80x24 and 40 columns and resized.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { render } from 'ink';
import type { ReactElement } from 'react';

// React's scheduler, the very instance Ink's renderer uses (resolved through ink -> react-reconciler).
const requireHere = createRequire(import.meta.url);
const requireFromReconciler = createRequire(
  createRequire(requireHere.resolve('ink')).resolve('react-reconciler'),
);
const scheduler = requireFromReconciler('scheduler') as {
  unstable_scheduleCallback(priority: number, callback: () => void): unknown;
  readonly unstable_NormalPriority: number;
};

/**
 * Resolves once React has run the effects of every render committed so far. A frame is written
 * when React commits, but effects (among them the `useInput` subscriptions of a screen that just
 * appeared) can run a moment later, in a task of React's scheduler: a key typed in between is lost.
 * A task queued now runs after those already queued, so after their effects.
 */
export function effectsFlushed(): Promise<void> {
  return new Promise((resolve) => {
    scheduler.unstable_scheduleCallback(scheduler.unstable_NormalPriority, () => {
      resolve();
    });
  });
}

/** A fake stdout with a size; `frames` holds every frame written. */
export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  columns: number;
  rows: number;
  constructor(columns = 80, rows = 24) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (frame: string, ...rest: unknown[]): boolean => {
    this.frames.push(frame);
    // Ink waits for write callbacks before `waitUntilExit` settles.
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  /** Changes the size and emits `resize`, as a terminal does. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A fake stdin in raw mode: `press` types a key once the screen on view listens, `write` at once. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  /** Types `key` after React has run the effects of what is rendered (see {@link effectsFlushed}). */
  press = async (key: string): Promise<void> => {
    await effectsFlushed();
    this.write(key);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Keys as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g;

/** Removes ANSI escapes and trailing spaces of each line. */
export function plain(frame: string | undefined): string {
  return (frame ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/**
 * How long a test waits for a frame. Ink renders asynchronously (input parsing, React updates, the
 * backend's promises); a loaded CI machine can take a second or more, so tests wait for the state
 * they expect instead of sleeping. Use it with `expect.poll(lastFrame, WAIT)` too.
 */
export const WAIT = { timeout: 5000, interval: 10 } as const;

/** What {@link waitForFrame} waits for: text the frame contains (all of them), or a predicate. */
export type FrameCondition = string | readonly string[] | ((frame: string) => boolean);

/**
 * Waits until the frame `getFrame` returns meets `condition` and React has run the effects of that
 * render (so the screen's key and signal handlers listen), and returns that frame; rejects after
 * `timeout` ms with the last frame, so a failure shows what was on screen.
 *
 * @example
 * await term.stdin.press('j');
 * await waitForFrame(term.lastFrame, '› 002');
 */
export async function waitForFrame(
  getFrame: () => string,
  condition: FrameCondition,
  timeout: number = WAIT.timeout,
): Promise<string> {
  const met =
    typeof condition === 'function'
      ? condition
      : (frame: string) =>
          (typeof condition === 'string' ? [condition] : condition).every((text) => frame.includes(text));
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = getFrame();
    if (met(frame)) {
      await effectsFlushed();
      return frame;
    }
    if (Date.now() > deadline) {
      const wanted = typeof condition === 'function' ? 'the condition' : JSON.stringify(condition);
      throw new Error(`No frame met ${wanted} within ${timeout} ms. The last frame:\n${frame}`);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT.interval));
  }
}

/** The streams of a fake terminal, for entry functions that take `stdout`/`stdin`. */
export function fakeStreams(columns = 80, rows = 24) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  return {
    stdout,
    stdin,
    streams: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    },
    /** The last frame with text (interactive mode also writes bare escape sequences). */
    lastFrame: () =>
      stdout.frames
        .map(plain)
        .filter((frame) => frame !== '')
        .at(-1) ?? '',
  };
}

/**
 * Renders `tree` on a fake terminal of `columns` x `rows`.
 *
 * @example
 * const term = renderAt(<Dashboard ... />, 80, 24);
 * await term.stdin.press('j');
 * await expect.poll(term.lastFrame, WAIT).toBe('...');
 */
export function renderAt(tree: ReactElement, columns = 80, rows = 24) {
  const { stdout, stdin, streams, lastFrame } = fakeStreams(columns, rows);
  const instance = render(tree, {
    ...streams,
    stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    debug: true,
    // The caller decides interactivity; Ink would otherwise render only the last frame when CI is set.
    interactive: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { stdout, stdin, lastFrame, unmount: () => instance.unmount(), rerender: instance.rerender };
}
