import type { MigratorFactory } from './adapter/migrator-port.ts';
import type { UiLoader } from './interactive/ui-module.ts';

/** Something text can be written to (process.stdout, or a test's buffer). */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything a command touches outside itself, so tests can run `main` in-process with buffers,
 * a fake environment, a chosen working folder and a scripted terminal.
 */
export interface Io {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stdin is a terminal: prompts are possible. */
  readonly stdinIsTTY: boolean;
  /** stdout is a terminal: colours by default. */
  readonly stdoutIsTTY: boolean;
  /** Terminal width for help text (`undefined`: not a terminal). */
  readonly columns: number | undefined;
  /** Asks a question on the terminal and resolves with the answer. */
  readonly ask: (question: string) => Promise<string>;
  /** Opens the database adapter; lazily imports `@gao/migrate-sqlite` by default. */
  readonly openMigrator: MigratorFactory;
  readonly now: () => Date;
  /** Loads the terminal UI (Ink + React); called only on the interactive path. */
  readonly loadUi: UiLoader;
  /**
   * Ends the process now with `exitCode` (Ctrl+C twice in the terminal UI): a migration thread may
   * still be inside a statement, which an ordinary exit would wait for. Absent in tests.
   */
  readonly endAtOnce?: (exitCode: number) => void;
}
