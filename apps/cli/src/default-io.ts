import type { Io } from './io.ts';

async function ask(question: string): Promise<string> {
  // Loaded only when a prompt is really shown.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/**
 * The real process: stdout, stderr, environment, working folder and terminal.
 *
 * @example
 * await main(process.argv.slice(2), defaultIo());
 */
export function defaultIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    ask,
    openMigrator: async (options) => {
      const { openSqliteMigrator } = await import('./adapter/open-sqlite-migrator.ts');
      return openSqliteMigrator(options);
    },
    now: () => new Date(),
    // Ink and React load only here, for people at a terminal (see interactive/route.ts).
    loadUi: () => import('./ui/index.ts'),
  };
}
