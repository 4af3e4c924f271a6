import type { ErrorJson } from './error-view.ts';
import { formatProblems } from './format-problems.ts';
import type { Paint } from './paint.ts';

/**
 * An error for people, on stderr: what happened (naming the file and version), the problems or
 * the cause, then what to do next. Stack traces only with `--verbose`.
 *
 * @example
 * formatError(errorView(error, false), paint, { logFile: null }).join('\n')
 * // "error: Migration 003 (003_unify_database.sql) failed: no such table: tasks\nhint: Fix ..."
 */
export function formatError(
  view: ErrorJson,
  paint: Paint,
  context: { readonly logFile: string | null; readonly stack?: string | undefined },
): string[] {
  const lines = [`${paint.red(paint.bold('error:'))} ${view.message}`];
  const problems = view.problems ?? [];
  // Said once: a problem the headline already states shows its code only, and a hint a problem
  // already gave is not repeated at the end.
  lines.push(
    ...formatProblems(
      problems.map((problem) =>
        view.message.includes(problem.message) ? { ...problem, message: '' } : problem,
      ),
      paint,
    ),
  );
  if (view.cause !== undefined && !view.message.includes(view.cause.message)) {
    lines.push(`  ${paint.dim('cause:')} ${view.cause.message}`);
  }
  if (view.completed !== undefined && view.completed.length > 0) {
    lines.push(`  ${paint.dim('completed before the failure:')} ${view.completed.length} step(s), kept.`);
  }
  if (view.undone !== undefined) {
    lines.push(`  ${paint.dim('undone with it (all or nothing):')} ${view.undone.length} step(s).`);
  }
  if (!problems.some((problem) => problem.hint === view.hint))
    lines.push(`${paint.bold('hint:')} ${view.hint}`);
  if (context.stack !== undefined) lines.push(...context.stack.split('\n').map((line) => paint.dim(line)));
  if (context.logFile !== null) lines.push(paint.dim(`Details are in ${context.logFile}.`));
  return lines;
}
