import type { Readable, Writable } from 'node:stream';

/** Where a question is asked, and what Ctrl+C at the question does. */
export interface AskStreams {
  readonly input: Readable;
  readonly output: Writable;
  /** Ctrl+C at the question (a terminal in raw mode, where it is a key, not a signal). */
  readonly onInterrupt: () => void;
}

/**
 * Asks one question and resolves with the line typed. The end of input (Ctrl+D, a closed pipe)
 * resolves with `''`, which a y/N question reads as no: `readline/promises` would never settle then,
 * and the process would end with "unsettled top-level await" (exit 13). Ctrl+C calls `onInterrupt`
 * (the process ends as Ctrl+C ends it elsewhere), then resolves with `''` too.
 *
 * @example
 * const answer = await askLine('Apply 2 migrations to app.db? [y/N] ', { input: process.stdin, output: process.stderr, onInterrupt });
 */
export async function askLine(question: string, streams: AskStreams): Promise<string> {
  // Loaded only when a prompt is really shown.
  const { createInterface } = await import('node:readline');
  const { input, output, onInterrupt } = streams;
  const rl = createInterface({ input, output });
  return new Promise<string>((resolve) => {
    let settled = false;
    const settle = (answer: string) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    rl.on('close', () => {
      if (settled) return;
      // The cursor is still after the question: end its line before the next message.
      output.write('\n');
      settle('');
    });
    rl.on('SIGINT', () => {
      output.write('\n');
      settled = true;
      rl.close();
      onInterrupt();
      resolve('');
    });
    rl.question(question, settle);
  });
}
