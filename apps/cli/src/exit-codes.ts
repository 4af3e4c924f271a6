/**
 * The exit codes of `gao-db`, documented in docs/cli.md. Every error is mapped to one of them here
 * and nowhere else, by its stable `code`.
 */
export const ExitCode = {
  /** Success, including "nothing to do". */
  ok: 0,
  /** A migration, rollback, backup or restore failed (the database is as it was before that step). */
  failed: 1,
  /** Bad arguments, bad configuration, or a change that was not confirmed. */
  usage: 2,
  /** The planner found problems that block the command (checksums, missing files, order, invalid files). */
  problems: 3,
  /** The database is locked, read-only, corrupt, not a database, or does not exist. */
  database: 4,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

// Error codes by exit code: a code not listed is an unexpected failure (exit 1).
const BY_CODE: Readonly<Record<string, ExitCode>> = {
  usage_error: ExitCode.usage,
  config_error: ExitCode.usage,
  confirmation_required: ExitCode.usage,
  not_confirmed: ExitCode.usage,
  file_exists: ExitCode.usage,
  migrations_dir_not_found: ExitCode.usage,
  plan_problems: ExitCode.problems,
  plan_changed: ExitCode.problems,
  plan_refused: ExitCode.problems,
  invalid_repair: ExitCode.problems,
  invalid_migration_set: ExitCode.problems,
  module_load_failed: ExitCode.problems,
  module_invalid: ExitCode.problems,
  typescript_syntax: ExitCode.problems,
  rehearsal_failed: ExitCode.failed,
  migration_failed: ExitCode.failed,
  rollback_failed: ExitCode.failed,
  backup_failed: ExitCode.failed,
  restore_failed: ExitCode.failed,
  database_locked: ExitCode.database,
  database_readonly: ExitCode.database,
  database_corrupt: ExitCode.database,
  not_a_database: ExitCode.database,
  database_not_found: ExitCode.database,
  disk_full: ExitCode.database,
  unrecognised_schema_version: ExitCode.database,
  backup_not_found: ExitCode.usage,
};

/** The stable `code` of an error (`GaoDbError`, core problems, CLI errors), or `null`. */
export function errorCodeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/**
 * The database-level error behind a failed migration (read-only file, full disk, lock), if any: a
 * migration that fails because of the database itself is a database problem, not a bad migration.
 *
 * @example
 * databaseCauseOf(migrationFailedOnReadOnlyFile) // the DatabaseError with code 'database_readonly'
 */
export function databaseCauseOf(error: unknown): (Error & { readonly code: string }) | null {
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    const code = errorCodeOf(cause);
    if (code !== null && BY_CODE[code] === ExitCode.database)
      return cause as Error & { readonly code: string };
    cause = cause.cause;
  }
  return null;
}

/**
 * The exit code for an error thrown by a command.
 *
 * @example
 * exitCodeFor(new UsageError('N and --to cannot be used together')) // 2
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (databaseCauseOf(error) !== null) return ExitCode.database;
  const code = errorCodeOf(error);
  return (code === null ? undefined : BY_CODE[code]) ?? ExitCode.failed;
}
