import type { DatabaseSync } from 'node:sqlite';
import {
  classifySqliteError,
  type ErrorContext,
  isSqliteError,
  SQLITE_READONLY_ROLLBACK,
} from './database-errors.ts';
import { MigrationRuleError, thrownText } from './errors.ts';
import type { GuardViolation } from './migration-guard.ts';
import { leaveQueryOnly } from './query-only.ts';

const OUTSIDE_HINT =
  'Mark the migration to run outside a transaction: `-- migrate:up transaction:false` (or `-- migrate:down transaction:false`) in a SQL file, `export const transaction = false` in a code migration.';

/** SQLite's wording for statements that cannot run inside a transaction. */
const NOT_IN_TRANSACTION = /(within|inside) a transaction/i;

const SQLITE_READONLY = 8;

/**
 * A write refused as read-only while the runner's connection is `query_only`: the migration
 * switched it on (gao-db never does on that connection), and the refused write was its own or
 * gao-db's record of it. Switches it off again, so the failure can be recorded, and returns the
 * migration's `query_only_pragma` error; `null` for anything else.
 *
 * @example
 * const cause = queryOnlyFailure(error, '004_x.sql', db) ?? classifySqliteError(error, context) ?? error;
 */
export function queryOnlyFailure(
  error: unknown,
  file: string,
  db: DatabaseSync | undefined,
): MigrationRuleError | null {
  if (db === undefined || !isSqliteError(error) || (error.errcode & 0xff) !== SQLITE_READONLY) return null;
  if (error.errcode === SQLITE_READONLY_ROLLBACK || !leaveQueryOnly(db)) return null;
  return new MigrationRuleError(
    'query_only_pragma',
    `${file} switched on PRAGMA query_only, so SQLite refused the next write (${thrownText(error)}).`,
    {
      hint: 'Remove PRAGMA query_only from the migration: gao-db runs every migration and records the history on one connection, which must stay writable (it switched query_only off again to record this failure).',
      cause: error,
    },
  );
}

/** The migration's transaction ended before it returned: SQLite rolled it back. */
export function transactionEnded(file: string, cause?: unknown): MigrationRuleError {
  return new MigrationRuleError(
    'transaction_ended',
    `${file}: SQLite ended the migration's transaction before it returned (an INSERT OR ROLLBACK, or an error the migration caught), so its changes were rolled back.`,
    {
      hint: 'Let errors inside the migration propagate instead of catching them, and avoid OR ROLLBACK conflict clauses; then run gao-db migrate again.',
      cause,
    },
  );
}

/**
 * Why a migration failed, in the words a user needs: a refused transaction statement becomes
 * `transaction_control`, a statement SQLite cannot run in a transaction becomes
 * `needs_transaction_false`, a write refused because the migration switched on `PRAGMA query_only`
 * becomes `query_only_pragma` (and the connection is writable again), a locked/read-only/full/corrupt
 * database becomes a `DatabaseError`; anything else (bad SQL, a throwing module) stays the original
 * error. `context.db`: the runner's connection, to tell a `query_only` connection from a read-only file.
 *
 * @example
 * const cause = explainFailure(error, guard.violation, '003_x.sql', context);
 */
export function explainFailure(
  error: unknown,
  violation: GuardViolation | null,
  file: string,
  context: ErrorContext & { readonly db?: DatabaseSync },
): unknown {
  if (violation?.kind === 'transaction_ended') return transactionEnded(file, error);
  if (violation?.kind === 'transaction_control') {
    return new MigrationRuleError(
      'transaction_control',
      `${file} tried to run ${violation.statement}; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.`,
      {
        hint: `Remove the transaction statements from the migration. ${OUTSIDE_HINT.replace('Mark', 'If it must manage transactions itself, mark')}`,
        cause: error,
      },
    );
  }
  const message = thrownText(error);
  if (
    violation?.kind === 'needs_transaction_false' ||
    (isSqliteError(error) && NOT_IN_TRANSACTION.test(message))
  ) {
    // `journal_mode` comes as a violation: the guard refuses it before SQLite could silently ignore it.
    const statement = violation?.statement ?? (/vacuum/i.test(message) ? 'VACUUM' : null);
    const text =
      statement === null
        ? `${file} runs a statement that SQLite cannot run inside a transaction: ${message}.`
        : `${file} runs ${statement}, which SQLite cannot run inside a transaction.`;
    return new MigrationRuleError('needs_transaction_false', text, { hint: OUTSIDE_HINT, cause: error });
  }
  return queryOnlyFailure(error, file, context.db) ?? classifySqliteError(error, context) ?? error;
}
