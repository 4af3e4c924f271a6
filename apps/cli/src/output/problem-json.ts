import type { Problem } from '@gao/migrate-core';

/** A problem as JSON: `code`, `message`, `hint` first, then its structured fields (`version`, `file`, ...). */
export type ProblemJson = {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
} & Readonly<Record<string, unknown>>;

/**
 * @example
 * problemJson(problem) // { code: 'missing_file', message: '...', hint: '...', version: 3, migrationName: '003_x' }
 */
export function problemJson(problem: Problem): ProblemJson {
  const { code, message, hint, ...fields } = problem;
  return { code, message, hint, ...fields };
}
