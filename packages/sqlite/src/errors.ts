import type { PlanProblem, SetProblem } from '@gao/migrate-core';
import { GaoDbError, type GaoDbErrorOptions } from './gao-db-error.ts';
import type { FailedStatement } from './locate-statement.ts';

/** Codes of {@link DatabaseError}: the database itself cannot be used as asked. */
export type DatabaseErrorCode =
  | 'database_locked'
  | 'database_readonly'
  | 'database_corrupt'
  | 'not_a_database'
  | 'database_not_found'
  | 'disk_full'
  | 'unrecognised_schema_version'
  | 'plan_changed'
  | 'invalid_repair';

/**
 * The database file cannot be used as asked: locked, read-only, corrupt, not a database, missing,
 * a foreign `schema_version` table. `database` is the path as given.
 *
 * @example
 * if (error instanceof DatabaseError && error.code === 'database_locked') retryLater();
 */
export class DatabaseError extends GaoDbError {
  override readonly name = 'DatabaseError';
  declare readonly code: DatabaseErrorCode;
  readonly database: string;
  /** When it happened while a migration ran: that migration's version (see {@link duringStep}). */
  readonly version?: number;
  /** When it happened while a migration ran: the file of the part that ran. */
  readonly file?: string;
  /** When it happened while a migration ran: the steps of the run that committed before it. */
  readonly completed?: readonly StepResult[];
  /** When it happened in an all-or-nothing run: the steps rolled back with it. */
  readonly undone?: readonly StepResult[];

  constructor(
    code: DatabaseErrorCode,
    message: string,
    options: GaoDbErrorOptions & { database: string; step?: DatabaseErrorStep },
  ) {
    super(code, message, options);
    this.database = options.database;
    const { step } = options;
    if (step !== undefined) {
      this.version = step.version;
      this.file = step.file;
      this.completed = step.completed;
      if (step.undone.length > 0) this.undone = step.undone;
    }
  }
}

/** The migration a {@link DatabaseError} happened in, and how far the run had got. */
export interface DatabaseErrorStep {
  readonly version: number;
  readonly file: string;
  readonly completed: readonly StepResult[];
  readonly undone: readonly StepResult[];
}

/**
 * The same database fault (full, read-only, locked, corrupt), naming the migration that was running
 * when it happened and the steps the run had done, so that a failed `migrate` says where it stopped.
 *
 * @example
 * duringStep(diskFull, { version: 2, file: '002_fill.sql', completed: [], undone: [] }).message
 * // 'The disk holding app.db is full (while running 002_fill.sql).'
 */
export function duringStep(error: DatabaseError, step: DatabaseErrorStep): DatabaseError {
  const message = `${error.message.replace(/\.$/, '')} (while running ${step.file}).`;
  return new DatabaseError(error.code, message, {
    hint: error.hint,
    database: error.database,
    cause: error.cause ?? error,
    step,
  });
}

/**
 * The migration files break a naming or marker rule; nothing ran. `problems` lists every one.
 *
 * @example
 * if (error instanceof MigrationSetError) for (const p of error.problems) console.error(p.message);
 */
export class MigrationSetError extends GaoDbError {
  override readonly name = 'MigrationSetError';
  readonly problems: readonly SetProblem[];

  constructor(problems: readonly SetProblem[]) {
    const first = problems[0];
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super('invalid_migration_set', `The migrations folder has ${count}${first ? `: ${first.message}` : ''}`, {
      hint: first?.hint ?? 'Fix the migration files, then run the command again.',
    });
    this.problems = problems;
  }
}

/** Codes of {@link ModuleError}. */
export type ModuleErrorCode = 'module_load_failed' | 'module_invalid' | 'typescript_syntax';

/**
 * A code migration could not be loaded or exports the wrong things; nothing ran.
 *
 * @example
 * if (error instanceof ModuleError) console.error(`${error.file}: ${error.message}`);
 */
export class ModuleError extends GaoDbError {
  override readonly name = 'ModuleError';
  declare readonly code: ModuleErrorCode;
  /** The migration file name (`004_backfill.ts`). */
  readonly file: string;

  constructor(code: ModuleErrorCode, message: string, options: GaoDbErrorOptions & { file: string }) {
    super(code, message, options);
    this.file = options.file;
  }
}

/** Codes of {@link MigrationRuleError}: why a migration broke a rule of the runner. */
export type MigrationRuleCode =
  | 'transaction_control'
  | 'needs_transaction_false'
  | 'foreign_key_violation'
  | 'transaction_left_open'
  | 'transaction_ended'
  | 'query_only_pragma';

/** One row `PRAGMA foreign_key_check` reported. */
export interface ForeignKeyViolation {
  readonly table: string;
  /** `null` for a `WITHOUT ROWID` table. */
  readonly rowid: number | null;
  readonly parent: string;
}

/**
 * A migration did something the runner does not allow (the `cause` of a {@link MigrationFailedError}).
 *
 * @example
 * if (error instanceof MigrationFailedError && error.cause instanceof MigrationRuleError) {
 *   console.error(error.cause.code); // 'transaction_control'
 * }
 */
export class MigrationRuleError extends GaoDbError {
  override readonly name = 'MigrationRuleError';
  declare readonly code: MigrationRuleCode;
  /** Rows left violating foreign keys (`foreign_key_violation` only). */
  readonly violations: readonly ForeignKeyViolation[];

  constructor(
    code: MigrationRuleCode,
    message: string,
    options: GaoDbErrorOptions & { violations?: readonly ForeignKeyViolation[] },
  ) {
    super(code, message, options);
    this.violations = options.violations ?? [];
  }
}

/** One step that completed before a failure (also the shape of every step in a run report). */
export interface StepResult {
  readonly kind: 'apply' | 'revert' | 'baseline' | 'repair';
  readonly version: number;
  readonly name: string;
  /** The file that ran (`null` for a repair of a migration whose file is gone). */
  readonly file: string | null;
  readonly durationMs: number;
}

/** Everything a {@link MigrationFailedError} is built from. */
export interface MigrationFailure {
  readonly direction: 'up' | 'down';
  readonly version: number;
  readonly file: string;
  readonly cause: unknown;
  readonly completed: readonly StepResult[];
  /** All-or-nothing runs: the steps of this run that ran before the failure and were rolled back with it. */
  readonly undone?: readonly StepResult[];
  readonly hint: string;
  /** The failure could not be written to `schema_version` (e.g. the disk is full). */
  readonly recordError?: unknown;
  /** The statement of a SQL migration that failed, when gao-db could tell which. */
  readonly statement?: FailedStatement | null;
}

/**
 * What a migration threw, as text: an Error's message, a string as it is, an object's `message`
 * (with its `code`), else its JSON or `String()`. Never throws (an object's `toString` may).
 *
 * @example
 * thrownText({ code: 'E1', message: 'no' }) // 'no (E1)'
 */
export function thrownText(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const { message, code } = value as { message?: unknown; code?: unknown };
    if (typeof message === 'string') return typeof code === 'string' ? `${message} (${code})` : message;
    try {
      const json = JSON.stringify(value);
      if (json !== undefined && json !== '{}') return json;
    } catch {
      // A cycle or a throwing toJSON: fall through.
    }
  }
  try {
    return String(value);
  } catch {
    return 'a value that cannot be shown as text';
  }
}

/** Where a failed statement is, for messages: `at line 12 (INSERT INTO orders ...)`. */
export function statementPlace(statement: FailedStatement): string {
  return `at line ${statement.line} (${statement.sql})`;
}

/**
 * A migration's up (`migration_failed`) or down (`rollback_failed`) threw. Its own changes were rolled
 * back (unless it ran with `transaction:false`), the failure is recorded, and the steps before it
 * stay done (`completed`).
 *
 * @example
 * catch (error) {
 *   if (error instanceof MigrationFailedError) console.error(`${error.file}: ${error.message}`, error.cause);
 * }
 */
export class MigrationFailedError extends GaoDbError {
  override readonly name = 'MigrationFailedError';
  declare readonly code: 'migration_failed' | 'rollback_failed';
  readonly direction: 'up' | 'down';
  readonly version: number;
  readonly file: string;
  /** The steps that committed before the failure and stay applied (none in an all-or-nothing run). */
  readonly completed: readonly StepResult[];
  /** All-or-nothing runs: the steps that ran before the failure and were rolled back with it. */
  readonly undone: readonly StepResult[];
  readonly recordError: unknown;
  /** The SQL statement that failed (its line in {@link MigrationFailedError.file}), or `null`. */
  readonly statement: FailedStatement | null;

  constructor(failure: MigrationFailure) {
    const up = failure.direction === 'up';
    const reason = thrownText(failure.cause);
    const statement = failure.statement ?? null;
    const place = statement === null ? '' : ` ${statementPlace(statement)}`;
    super(
      up ? 'migration_failed' : 'rollback_failed',
      `${up ? 'Migration' : 'Rolling back'} ${failure.file} failed${place}: ${reason}`,
      { hint: failure.hint, cause: failure.cause },
    );
    this.direction = failure.direction;
    this.version = failure.version;
    this.file = failure.file;
    this.completed = failure.completed;
    this.undone = failure.undone ?? [];
    this.recordError = failure.recordError;
    this.statement = statement;
  }
}

/**
 * The planner refused to migrate (an edited or missing migration, one that needs repair, ...):
 * thrown where there is no report to return it in (`openMigrated`). `problems` lists every one.
 *
 * @example
 * if (error instanceof MigrationPlanError) for (const p of error.problems) console.error(p.message);
 */
export class MigrationPlanError extends GaoDbError {
  override readonly name = 'MigrationPlanError';
  readonly problems: readonly PlanProblem[];
  readonly database: string;

  constructor(database: string, problems: readonly PlanProblem[]) {
    const first = problems[0];
    const count = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    super(
      'plan_refused',
      `gao-db will not migrate ${database}: ${first?.message ?? 'the plan was refused'}${count}`,
      {
        hint: first?.hint ?? "Run 'gao-db validate' to list the problems.",
      },
    );
    this.problems = problems;
    this.database = database;
  }
}
