// A fake terminal for tests: ink-testing-library's approach (debug frames, fake stdin) with a
// settable size, so layouts can be checked at 80x24 and 40 columns and resized.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

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

/** A fake stdin in raw mode: `write` types keys. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
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

/** Waits for Ink to render (input parsing and React updates are asynchronous). */
export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
 * term.stdin.write('j'); await tick();
 * expect(term.lastFrame()).toBe('...');
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
