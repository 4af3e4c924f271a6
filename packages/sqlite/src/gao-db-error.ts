/** Every stable error code the adapter throws; the CLI maps each one to an exit code. */
export type GaoDbErrorCode =
  | 'invalid_migration_set'
  | 'migrations_dir_not_found'
  | 'migration_failed'
  | 'rollback_failed'
  | 'transaction_control'
  | 'needs_transaction_false'
  | 'foreign_key_violation'
  | 'transaction_left_open'
  | 'transaction_ended'
  | 'module_load_failed'
  | 'module_invalid'
  | 'typescript_syntax'
  | 'database_locked'
  | 'database_readonly'
  | 'database_corrupt'
  | 'not_a_database'
  | 'database_not_found'
  | 'disk_full'
  | 'unrecognised_schema_version'
  | 'plan_changed'
  | 'plan_refused'
  | 'invalid_repair'
  | 'backup_failed'
  | 'restore_failed';

/** What every {@link GaoDbError} is built from. */
export interface GaoDbErrorOptions {
  /** One sentence saying what to do next. */
  readonly hint: string;
  /** The error this one explains (a SQLite error, a module's exception). */
  readonly cause?: unknown;
}

/**
 * The base of every error gao-db throws on purpose: a stable snake_case `code`, a message naming the
 * file or database, a `hint`, and the original error as `cause` when it wraps one.
 *
 * @example
 * try {
 *   await migrator.migrate();
 * } catch (error) {
 *   if (error instanceof GaoDbError) console.error(`${error.code}: ${error.message}\n${error.hint}`);
 * }
 */
export class GaoDbError extends Error {
  override readonly name: string = 'GaoDbError';
  readonly code: GaoDbErrorCode;
  readonly hint: string;

  constructor(code: GaoDbErrorCode, message: string, options: GaoDbErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}
