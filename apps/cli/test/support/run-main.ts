import type { Io } from '../../src/io.ts';
import { main } from '../../src/main.ts';

/** What an in-process run printed and returned. */
export interface MainRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The questions asked at the prompt. */
  readonly asked: readonly string[];
}

/**
 * Runs `main(args)` in-process with buffers instead of the terminal. Defaults: not a terminal, an
 * empty environment, colours off.
 *
 * @example
 * const run = await runMain(['status', '--json'], { cwd: dir, openMigrator: fakeMigrator(db) });
 */
export async function runMain(
  args: readonly string[],
  io: Partial<Io> & { readonly answers?: readonly string[] } = {},
): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const answers = [...(io.answers ?? [])];
  const { answers: _ignored, ...rest } = io;
  const code = await main(args, {
    env: {},
    stdinIsTTY: false,
    stdoutIsTTY: false,
    columns: undefined,
    ask: async (question) => {
      asked.push(question);
      return answers.shift() ?? '';
    },
    now: () => new Date('2026-11-24T08:00:00.000Z'),
    ...rest,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr, asked };
}
