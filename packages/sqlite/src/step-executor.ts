import type { DatabaseSync } from 'node:sqlite';
import type { ApplyStep, History, RevertStep } from '@gao/migrate-core';
import { classifySqliteError, isSqliteError } from './database-errors.ts';
import { DatabaseError, MigrationRuleError } from './errors.ts';
import { explainFailure, queryOnlyFailure, transactionEnded } from './explain-failure.ts';
import { foreignKeyError, foreignKeyViolations } from './foreign-keys.ts';
import { type FailedStatement, locateFailingStatement } from './locate-statement.ts';
import { beginImmediate, commit, rollbackQuietly } from './lock.ts';
import type { MigrationGuard } from './migration-guard.ts';
import type { MigrationPart } from './migration-part.ts';
import { recordClaim, recordFailure, recordSuccess } from './record-outcome.ts';
import { recordSchema } from './recorded-schema.ts';
import type { RunContext } from './run-context.ts';
import { ensureHistoryTables, readHistoryShape } from './schema.ts';

/** A part failed: its changes are rolled back (if transactional) and the failure recorded (if possible). */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  readonly durationMs: number;
  /** Why the failure could not be written to `schema_version`, or `null`. */
  readonly recordError: unknown;
  /** The SQL statement that failed, when it could be told. */
  readonly statement: FailedStatement | null;

  constructor(cause: unknown, durationMs: number, recordError: unknown, statement: FailedStatement | null) {
    super('A migration step failed', { cause });
    this.durationMs = durationMs;
    this.recordError = recordError;
    this.statement = statement;
  }
}

/** What runs: `checkForeignKeys` when enforcement was on before the runner turned it off. */
export interface ExecuteOptions {
  readonly step: ApplyStep | RevertStep;
  readonly checkForeignKeys: boolean;
  /** The run's authorizer (installed once per run): denies transaction control while the part runs. */
  readonly guard: MigrationGuard;
  /**
   * The step's record as read inside the lock now held (core's focused history); `undefined`: read it
   * again before writing (an earlier step of the same transaction wrote gao-db's tables itself).
   */
  readonly before: History | undefined;
  /** Aborted (Ctrl+C) while a transactional part ran: that part is rolled back instead of committed. */
  readonly signal?: AbortSignal | undefined;
  /** The last step of the plan: its event records the schema's fingerprint (a failure's always does). */
  readonly last: boolean;
  /**
   * All-or-nothing runs: the part, its check and its row stay in the run's open transaction, which
   * the caller commits after the last step. A failure still rolls back everything open.
   */
  readonly keepOpen?: boolean;
  /**
   * Whether a failed SQL part may be re-run to find its statement (default `true`). Not when earlier
   * steps of the same transaction were rolled back with it: the part would run on another schema.
   */
  readonly locate?: boolean;
}

/** The signal was aborted while a transactional part ran: it was rolled back, nothing recorded. */
export class StepInterrupted extends Error {
  override readonly name = 'StepInterrupted';
  constructor() {
    super('The migration was rolled back because the run was stopped');
  }
}

/** A step that ran and was recorded. */
export interface StepDone {
  readonly durationMs: number;
  /**
   * The step's record as committed (focused history), or `null` when the runner can no longer
   * vouch for what it knows of the history: the part ran outside the lock or wrote gao-db's tables.
   */
  readonly after: History | null;
}

function timer(): () => number {
  const started = performance.now();
  return () => Math.round(performance.now() - started);
}

/** Rows orphaned by the migration, or (after its rollback) already orphaned before it. */
function sharpenForeignKeyError(context: RunContext, part: MigrationPart, cause: unknown): unknown {
  if (!(cause instanceof MigrationRuleError) || cause.code !== 'foreign_key_violation') return cause;
  const before = foreignKeyViolations(context.db);
  const key = (v: { table: string; rowid: number | null }) => `${v.table}\u0000${v.rowid}`;
  const existed = new Set(before.map(key));
  return cause.violations.every((v) => existed.has(key(v)))
    ? foreignKeyError(part.file, cause.violations, true)
    : cause;
}

/**
 * Rolls back what is open, writes the failure in a transaction of its own, and throws. A fault of the
 * database itself (read-only, full, corrupt, locked) is not the migration's failure: nothing is
 * recorded (it could not be written anyway), and the `DatabaseError` is what the caller gets.
 */
function fail(
  context: RunContext,
  part: MigrationPart,
  options: ExecuteOptions,
  error: unknown,
  durationMs: number,
): never {
  rollbackQuietly(context.db);
  if (error instanceof DatabaseError) throw new StepFailure(error, durationMs, null, null);
  const cause = part.transactional ? sharpenForeignKeyError(context, part, error) : error;
  const statement = locate(context, part, options, cause, durationMs);
  let recordError: unknown = null;
  try {
    beginImmediate(context.db, context, context.onWait);
    // The failed transaction may have been the one that created the tables.
    ensureHistoryTables(context.db, readHistoryShape(context.db, context.database));
    // The run ends here: the schema it leaves is the one to compare with from now on.
    recordFailure(context, options.step, cause, durationMs, statement, recordSchema(context.db));
    commit(context.db, context);
  } catch (writeError) {
    rollbackQuietly(context.db);
    recordError = writeError;
  }
  throw new StepFailure(cause, durationMs, recordError, statement);
}

/** A failed attempt that ran longer than this is not run again to find its statement. */
export const LOCATE_LIMIT_MS = 10_000;

/**
 * Whether to look for the failed statement: a transactional SQL part that failed with a SQLite error
 * within {@link LOCATE_LIMIT_MS} (a re-run takes as long as the attempt; other parts cannot be re-run).
 */
export function worthLocating(part: MigrationPart, cause: unknown, durationMs: number): boolean {
  return part.transactional && part.source !== null && isSqliteError(cause) && durationMs <= LOCATE_LIMIT_MS;
}

/**
 * Which statement of the part failed, found by re-running it in a transaction of its own that is
 * always rolled back. Best effort: `null` when it cannot tell.
 */
function locate(
  context: RunContext,
  part: MigrationPart,
  options: ExecuteOptions,
  cause: unknown,
  durationMs: number,
): FailedStatement | null {
  const { source } = part;
  if (options.locate === false || source === null || !isSqliteError(cause)) return null;
  if (!worthLocating(part, cause, durationMs)) return null;
  try {
    beginImmediate(context.db, context, context.onWait);
    return locateFailingStatement(context.db, options.guard, source.sql, source.line, cause.message);
  } catch {
    return null;
  } finally {
    rollbackQuietly(context.db);
  }
}

/** The temporary table whose creation marks the transaction as a schema change (it is dropped at once). */
const EXPIRY_MARK = 'temp.gao_db_expire_on_rollback';

/**
 * Creates and drops a temporary table inside the open transaction: the main database is untouched,
 * but SQLite now counts the transaction as changing a schema, and rolling such a transaction back
 * expires every prepared statement of the connection.
 */
function expireStatementsOnRollback(db: DatabaseSync): void {
  db.exec(`CREATE TABLE ${EXPIRY_MARK} (x); DROP TABLE ${EXPIRY_MARK}`);
}

/**
 * Why recording a part that ran failed: a `PRAGMA query_only` the part left on makes gao-db's own
 * record its failure (`query_only_pragma`), as a write of its own would; else a database fault.
 */
function afterRunCause(error: unknown, part: MigrationPart, context: RunContext): unknown {
  return queryOnlyFailure(error, part.file, context.db) ?? classifySqliteError(error, context) ?? error;
}

async function runInTransaction(
  context: RunContext,
  part: MigrationPart,
  options: ExecuteOptions,
): Promise<StepDone> {
  // A code migration may prepare statements and run them after SQLite ended the transaction (a
  // trigger's RAISE(ROLLBACK) it caught): a schema change in the transaction makes SQLite expire
  // every prepared statement when it rolls back, so each is prepared again and the guard refuses it.
  if (part.source === null) expireStatementsOnRollback(context.db);
  const elapsed = timer();
  const watch = options.guard.watch(true);
  let failed = false;
  let error: unknown;
  try {
    const pending = part.run(context.db, context.logger);
    if (pending !== undefined) await pending;
  } catch (thrown) {
    failed = true;
    error = thrown;
  }
  const guard = watch.stop();
  // A refused statement fails the migration even if a code migration caught the error itself.
  if (failed || guard.violation !== null) {
    const cause = explainFailure(
      failed ? error : new Error('not authorized'),
      guard.violation,
      part.file,
      context,
    );
    fail(context, part, options, cause, elapsed());
  }
  // SQLite can end the transaction by itself (INSERT OR ROLLBACK, some I/O errors) while a code
  // migration catches the error: then nothing may be recorded, or it would commit on its own.
  if (!context.db.isTransaction) fail(context, part, options, transactionEnded(part.file), elapsed());
  if (options.signal !== undefined) {
    // A Ctrl+C that came while the body ran reaches the signal only after a turn of the event loop
    // (node:sqlite is synchronous). Stopping then means this migration never happened.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal.aborted) {
      rollbackQuietly(context.db);
      throw new StepInterrupted();
    }
  }
  try {
    const violations = options.checkForeignKeys ? foreignKeyViolations(context.db) : [];
    if (violations.length > 0) throw foreignKeyError(part.file, violations, false);
    const durationMs = elapsed();
    // A migration that wrote gao-db's tables itself: what was read before it no longer holds.
    const trusted = !guard.touchedHistory;
    const fingerprint = options.last ? recordSchema(context.db) : null;
    const after = recordSuccess(
      context,
      options.step,
      durationMs,
      trusted ? options.before : undefined,
      fingerprint,
    );
    if (options.keepOpen !== true) commit(context.db, context);
    return { durationMs, after: trusted ? after : null };
  } catch (thrown) {
    return fail(context, part, options, afterRunCause(thrown, part, context), elapsed());
  }
}

async function runOutsideTransaction(
  context: RunContext,
  part: MigrationPart,
  options: ExecuteOptions,
): Promise<StepDone> {
  try {
    recordClaim(context, options.step, options.before);
    commit(context.db, context);
  } catch (error) {
    rollbackQuietly(context.db);
    throw classifySqliteError(error, context) ?? error;
  }
  const elapsed = timer();
  try {
    await part.run(context.db, context.logger);
  } catch (error) {
    return fail(context, part, options, explainFailure(error, null, part.file, context), elapsed());
  }
  if (context.db.isTransaction) {
    const cause = new MigrationRuleError(
      'transaction_left_open',
      `${part.file} began a transaction and did not end it; gao-db rolled back that transaction.`,
      {
        hint: 'End every BEGIN in the migration with COMMIT (it runs with transaction:false, so it manages its own).',
      },
    );
    return fail(context, part, options, cause, elapsed());
  }
  try {
    const violations = options.checkForeignKeys ? foreignKeyViolations(context.db) : [];
    if (violations.length > 0) throw foreignKeyError(part.file, violations, false);
    const durationMs = elapsed();
    beginImmediate(context.db, context, context.onWait);
    // The lock was released while the part ran: read the record again.
    const fingerprint = options.last ? recordSchema(context.db) : null;
    recordSuccess(context, options.step, durationMs, undefined, fingerprint);
    commit(context.db, context);
    return { durationMs, after: null };
  } catch (error) {
    return fail(context, part, options, afterRunCause(error, part, context), elapsed());
  }
}

/**
 * Runs one migration part while the runner holds the lock (an open `BEGIN IMMEDIATE`) and returns
 * its duration and recorded row. Transactional: the part, the FK check, its row and event commit together or not at
 * all. `transaction:false`: the part is marked started and committed, runs on its own, then is
 * recorded. On failure everything open is rolled back, the failure recorded, and {@link StepFailure}
 * thrown.
 *
 * @example
 * const part = migrationPart(step.migration, 'up', context.modules);
 * const { durationMs } = await executeStep(context, part, { step, checkForeignKeys: true, before });
 */
export function executeStep(
  context: RunContext,
  part: MigrationPart,
  options: ExecuteOptions,
): Promise<StepDone> {
  return part.transactional
    ? runInTransaction(context, part, options)
    : runOutsideTransaction(context, part, options);
}
