import type { Paint } from './paint.ts';

/**
 * Problems as lines: the code and the message (which names the file and version; left out when
 * empty), then the hint.
 *
 * @example
 * formatProblems([missingFile], paint)
 * // ['  ✗ missing_file  Migration 003 is recorded as applied but 003_x.sql is gone.', '    hint: ...']
 */
export function formatProblems(
  problems: readonly { readonly code: string; readonly message: string; readonly hint: string }[],
  paint: Paint,
  indent = '  ',
): string[] {
  const mark = paint.enabled ? '✗' : '-';
  return problems.flatMap((problem) => [
    `${indent}${paint.red(mark)} ${paint.bold(problem.code)}${problem.message === '' ? '' : `  ${problem.message}`}`,
    `${indent}  ${paint.dim('hint:')} ${problem.hint}`,
  ]);
}
