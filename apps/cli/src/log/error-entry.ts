import { ExitCode } from '../exit-codes.ts';
import { errorView } from '../output/error-view.ts';
import type { LogEntry } from './log-file.ts';

/** The stack, followed by the stacks of its causes (the SQLite or module error behind a failure). */
export function stackWithCause(error: Error): string | undefined {
  const cause = error.cause instanceof Error ? stackWithCause(error.cause) : undefined;
  return cause === undefined ? error.stack : `${error.stack ?? error.message}\nCaused by: ${cause}`;
}

/**
 * The log line of an error that ended a command, or `null` for a refused or mistyped command (it
 * changed nothing: only real failures belong in the log). Shared by the error report of scripted runs
 * and the terminal UI, so both log the same outcome the same way.
 *
 * @example
 * const entry = errorLogEntry(error);
 * if (entry !== null) log.write(entry);
 */
export function errorLogEntry(error: unknown): LogEntry | null {
  const view = errorView(error, false);
  if (view.exitCode === ExitCode.usage) return null;
  const stack = error instanceof Error ? stackWithCause(error) : undefined;
  return {
    level: 'error',
    event: 'error',
    code: view.code,
    error: view.message,
    ...(stack ? { stack } : {}),
  };
}
