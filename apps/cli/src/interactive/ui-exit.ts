import type { UiRunRecord } from '../adapter/ui-backend.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode, exitCodeFor } from '../exit-codes.ts';
import { errorLogEntry } from '../log/error-entry.ts';
import type { UiResult } from '../ui/types.ts';

/** Ctrl+C stopped a run (128 + SIGINT, as shells report it). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * The exit code of `migrate` / `rollback` on a terminal, the same as the plain command's for the same
 * outcome (`exitCodeFor` maps a failure to 1 or 4). The backend logs the refusals and failures of
 * the plans and runs it made; one that did not come through it is logged here, as the plain
 * command's error report would.
 *
 * @example
 * return runExitCode(await ui.runMigrateInteractive(options), session.runs, context, 'migrate');
 */
export function runExitCode(
  result: UiResult,
  runs: readonly UiRunRecord[],
  context: CommandContext,
  command: UiRunRecord['command'],
): number {
  const last = runs.at(-1);
  const logOnce = (error: unknown, loggedByRun: boolean) => {
    const entry = loggedByRun ? null : errorLogEntry(error);
    if (entry !== null) context.log.write(entry);
  };
  switch (result.outcome) {
    case 'done':
    case 'quit':
      return ExitCode.ok;
    case 'not_confirmed':
      return ExitCode.usage;
    case 'refused':
      logOnce(new ProblemsError(result.problems ?? [], command), last?.outcome === 'refused');
      return ExitCode.problems;
    case 'failed':
      logOnce(result.error, last?.outcome === 'failed' && last.error === result.error);
      return exitCodeFor(result.error);
    case 'interrupted':
      return INTERRUPTED_EXIT_CODE;
  }
}

/**
 * The exit code of the dashboard: 130 when Ctrl+C stopped a run, else that of its last run (a
 * failed migration is exit 1 even if the user read the error and quit), 0 when nothing ran.
 *
 * @example
 * dashboardExitCode({ outcome: 'quit', exitCode: 0 }, []) // 0
 */
export function dashboardExitCode(result: UiResult, runs: readonly UiRunRecord[]): number {
  if (result.outcome === 'interrupted') return INTERRUPTED_EXIT_CODE;
  const last = runs.at(-1);
  switch (last?.outcome) {
    case 'failed':
      return exitCodeFor(last.error);
    case 'refused':
      return ExitCode.problems;
    case 'interrupted':
      return INTERRUPTED_EXIT_CODE;
    default:
      return ExitCode.ok;
  }
}
