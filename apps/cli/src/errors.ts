import type { Problem } from '@gao/migrate-core';

/** Details a CLI error may carry into its JSON form (`{ error: { code, message, hint, ...details } }`). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * An expected failure of the command line itself, with a stable snake_case `code` (mapped to an exit
 * code in `exit-codes.ts`) and a `hint` that says what to do next.
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly code: string;
  readonly hint: string;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, hint: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

/**
 * Bad command-line arguments, rejected before anything runs.
 *
 * @example
 * throw new UsageError('N and --to cannot be used together', 'rollback');
 */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string, command: string | null, hint?: string) {
    super(
      'usage_error',
      message,
      hint ?? `Run 'gao-db ${command === null ? '' : `${command} `}--help' for usage.`,
    );
  }
}

/** A configuration file or environment variable that cannot be used. */
export class ConfigError extends CliError {
  override readonly name = 'ConfigError';
  constructor(message: string, hint: string, details: ErrorDetails = {}) {
    super('config_error', message, hint, details);
  }
}

/**
 * The planner refused: the problems are listed, nothing ran.
 *
 * @example
 * if (!plan.ok) throw new ProblemsError(plan.problems, 'migrate');
 */
export class ProblemsError extends CliError {
  override readonly name = 'ProblemsError';
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], command: string) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      'plan_problems',
      `${command} found ${count}; nothing was changed.`,
      problems.length === 1 && problems[0] !== undefined
        ? problems[0].hint
        : "Fix the problems listed above (see each hint), then run the command again. 'gao-db validate' lists them all.",
    );
    this.problems = problems;
  }
}
