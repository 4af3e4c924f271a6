import type { Problem } from '@gao/migrate-core';
import { CliError } from '../errors.ts';
import { databaseCauseOf, errorCodeOf, exitCodeFor } from '../exit-codes.ts';
import { type ProblemJson, problemJson } from './problem-json.ts';

/** An error as `--json` prints it: `{ "error": ErrorJson }`. */
export interface ErrorJson {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly exitCode: number;
  readonly version?: number;
  readonly file?: string;
  readonly direction?: string;
  readonly database?: string;
  readonly problems?: readonly ProblemJson[];
  readonly completed?: readonly unknown[];
  /** An all-or-nothing run: the steps that ran before the failure and were rolled back with it. */
  readonly undone?: readonly unknown[];
  /** The SQL statement that failed: its line in `file` and its text (shortened). */
  readonly statement?: { readonly line: number; readonly sql: string };
  readonly cause?: { readonly message: string; readonly code?: string };
  readonly details?: Readonly<Record<string, unknown>>;
  /** Only with `--verbose`. */
  readonly stack?: string;
}

const INTERNAL_HINT =
  'This looks like a bug in gao-db. Run the command again with --verbose for the stack trace and report it.';

function field<T>(error: object, name: string, check: (value: unknown) => value is T): T | undefined {
  const value = (error as Record<string, unknown>)[name];
  return check(value) ? value : undefined;
}

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isString = (value: unknown): value is string => typeof value === 'string';
const isArray = (value: unknown): value is readonly unknown[] => Array.isArray(value);
const isStatement = (value: unknown): value is { line: number; sql: string } =>
  typeof value === 'object' &&
  value !== null &&
  isNumber((value as { line?: unknown }).line) &&
  isString((value as { sql?: unknown }).sql);

/** An empty list is left out: only an all-or-nothing run that undid steps says so. */
function nonEmpty(list: readonly unknown[] | undefined): readonly unknown[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list;
}

function causeOf(error: Error): ErrorJson['cause'] | undefined {
  const cause = error.cause;
  if (!(cause instanceof Error)) return undefined;
  const code = errorCodeOf(cause);
  return code === null ? { message: cause.message } : { message: cause.message, code };
}

/**
 * Any thrown value as the stable JSON error shape: code, message, hint, exit code and the structured
 * fields the error carries (version, file, problems, the steps completed before a failure, the
 * failed statement).
 *
 * @example
 * errorView(new UsageError('--to must be a whole number', 'migrate'), false)
 * // { code: 'usage_error', message: '--to must be ...', hint: "Run 'gao-db migrate --help' ...", exitCode: 2 }
 */
export function errorView(error: unknown, verbose: boolean): ErrorJson {
  if (!(error instanceof Error)) {
    return {
      code: 'internal_error',
      message: String(error),
      hint: INTERNAL_HINT,
      exitCode: exitCodeFor(error),
    };
  }
  const code = errorCodeOf(error);
  // A migration that failed on a read-only or full database: the database's hint is the useful one.
  const databaseCause = databaseCauseOf(error);
  const hint =
    (databaseCause && field(databaseCause, 'hint', isString)) ??
    field(error, 'hint', isString) ??
    INTERNAL_HINT;
  const problems = field(error, 'problems', isArray) as readonly Problem[] | undefined;
  const cause = causeOf(error);
  const details =
    error instanceof CliError && Object.keys(error.details).length > 0 ? error.details : undefined;
  const view: Record<string, unknown> = {
    code: code ?? 'internal_error',
    message: error.message,
    hint,
    exitCode: exitCodeFor(error),
    version: field(error, 'version', isNumber),
    file: field(error, 'file', isString) ?? field(error, 'path', isString),
    direction: field(error, 'direction', isString),
    database: field(error, 'database', isString),
    problems: problems?.map(problemJson),
    completed: field(error, 'completed', isArray),
    undone: nonEmpty(field(error, 'undone', isArray)),
    statement: field(error, 'statement', isStatement),
    cause,
    details,
    stack: verbose ? error.stack : undefined,
  };
  // Absent fields are left out rather than printed as null.
  return Object.fromEntries(
    Object.entries(view).filter(([, value]) => value !== undefined),
  ) as unknown as ErrorJson;
}
