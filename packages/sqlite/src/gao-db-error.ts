import type { BackupErrorCode } from './backup-error.ts';
import type { DatabaseErrorCode, MigrationRuleCode, ModuleErrorCode } from './errors.ts';

/**
 * Every stable error code the adapter throws; the CLI maps each one to an exit code. The subclasses'
 * codes are declared beside them (one list per class), this union adds the ones of plain errors.
 */
export type GaoDbErrorCode =
  | DatabaseErrorCode
  | MigrationRuleCode
  | ModuleErrorCode
  | BackupErrorCode
  | 'invalid_migration_set'
  | 'migrations_dir_not_found'
  | 'migration_failed'
  | 'rollback_failed'
  | 'plan_refused';

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
