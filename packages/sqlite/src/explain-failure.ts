import { classifySqliteError, type ErrorContext, isSqliteError } from './database-errors.ts';
import { MigrationRuleError, thrownText } from './errors.ts';
import type { GuardViolation } from './migration-guard.ts';

const OUTSIDE_HINT =
  'Mark the migration to run outside a transaction: `-- migrate:up transaction:false` (or `-- migrate:down transaction:false`) in a SQL file, `export const transaction = false` in a code migration.';

/** SQLite's wording for statements that cannot run inside a transaction. */
const NOT_IN_TRANSACTION = /(within|inside) a transaction/i;

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
 * `needs_transaction_false`, a locked/read-only/full/corrupt database becomes a `DatabaseError`;
 * anything else (bad SQL, a throwing module) stays the original error.
 *
 * @example
 * const cause = explainFailure(error, guard.violation, '003_x.sql', context);
 */
export function explainFailure(
  error: unknown,
  violation: GuardViolation | null,
  file: string,
  context: ErrorContext,
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
  return classifySqliteError(error, context) ?? error;
}
