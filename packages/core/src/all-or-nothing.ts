import type { Migration } from './migration.ts';
import { partRunsInTransaction } from './migration.ts';
import { transactionFalseInAllOrNothingProblem } from './plan-problems.ts';
import type { TransactionFalseInAllOrNothingProblem } from './problems.ts';

/**
 * Why the parts a run would execute cannot share one transaction: one problem per part marked
 * `transaction:false` (SQL marker option or a code module's `transaction` export). Empty when every
 * part can run inside the run's transaction.
 *
 * @example
 * allOrNothingProblems(plan.steps.map((s) => s.migration), 'up').map((p) => p.version) // [5]
 */
export function allOrNothingProblems(
  migrations: readonly Migration[],
  direction: 'up' | 'down',
): TransactionFalseInAllOrNothingProblem[] {
  return migrations
    .filter((migration) => !partRunsInTransaction(migration, direction))
    .map((migration) => transactionFalseInAllOrNothingProblem(migration, direction));
}
