import { allOrNothingProblems } from './all-or-nothing.ts';
import { checksumFillsOf } from './checksum-fills.ts';
import type { History } from './history.ts';
import { highestApplied, isPendingWork, matchHistory } from './match-history.ts';
import type { MigrationSet } from './migration.ts';
import type { ApplyStep, MigratePlan } from './plan.ts';
import { failedFileMissingProblem, targetBehindProblem, unknownTargetProblem } from './plan-problems.ts';
import type { PlanProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { addStatementFindings } from './statement-problems.ts';
import { problemsOf } from './validate.ts';

/** Options of {@link planMigrate}. */
export interface MigrateOptions {
  /** Apply pending migrations up to and including this version (a version of the set). */
  readonly to?: number;
  /** Apply pending migrations below the highest applied version (warned, not refused). */
  readonly allowOutOfOrder?: boolean;
  /** Accept applied migrations whose file changed (warned, not refused). Missing files stay refused. */
  readonly allowChanged?: boolean;
  /**
   * The run applies every step in one transaction (all or nothing): a part marked `transaction:false`
   * is refused (`transaction_false_in_all_or_nothing`).
   */
  readonly allOrNothing?: boolean;
}

/**
 * What `migrate` would do: every pending migration (and every retry of a failed transactional
 * attempt) in ascending version order, or every problem that forbids running. Nothing is
 * half-planned: one problem anywhere refuses the whole plan.
 *
 * - Refused: `checksum_mismatch` (unless `allowChanged`), `missing_file` (always: there is no
 *   `allowMissing`; restore the file or repair the record), `out_of_order` for work inside the range
 *   (unless `allowOutOfOrder`), `needs_repair`.
 * - `to` must be a version of the set (`unknown_target`); below the current version with no pending
 *   work up to it is `target_behind` (going back is a rollback).
 * - A pending SQL up part that runs in a transaction may not hold transaction control
 *   (`transaction_control`) nor `VACUUM`, `ATTACH`, `DETACH` or a `PRAGMA journal_mode` change
 *   (`needs_transaction_false`); setting `PRAGMA foreign_keys` there is warned (`foreign_keys_pragma`).
 * - Allowed problems come back as `warnings`; out-of-order steps carry `outOfOrder: true`. A failed
 *   transactional attempt whose file is gone is warned (`failed_file_missing`): there is nothing to
 *   retry, and its row stays until it is cleared.
 * - With `allOrNothing`, a pending part marked `transaction:false` is refused
 *   (`transaction_false_in_all_or_nothing`): it cannot share the run's one transaction.
 *
 * @example
 * const result = planMigrate(set, history, { to: 5 });
 * if (result.ok) result.value.steps.map((s) => s.migration.version) // [3, 4, 5]
 * else result.problems.map((p) => p.code) // ['checksum_mismatch']
 */
export function planMigrate(
  set: MigrationSet,
  history: History,
  options: MigrateOptions = {},
): Result<MigratePlan, PlanProblem> {
  const { to, allowOutOfOrder = false, allowChanged = false, allOrNothing = false } = options;
  const rows = matchHistory(set, history);
  const highest = highestApplied(history);
  const inRange = (version: number): boolean => to === undefined || version <= to;
  const work = rows.filter(isPendingWork).filter((row) => inRange(row.version));

  const problems: PlanProblem[] = [];
  const warnings: PlanProblem[] = [];
  for (const problem of problemsOf(rows, highest)) {
    if (problem.code === 'checksum_mismatch') (allowChanged ? warnings : problems).push(problem);
    // Out-of-order work above `to` does not run now, so it neither refuses nor warns.
    else if (problem.code === 'out_of_order') {
      if (inRange(problem.version)) (allowOutOfOrder ? warnings : problems).push(problem);
    } else problems.push(problem);
  }
  // A failed attempt whose file was removed: nothing to retry, but its row stays until cleared.
  for (const { migration, record } of rows) {
    if (migration === null && record?.status === 'failed' && record.transactional) {
      warnings.push(failedFileMissingProblem(record));
    }
  }
  if (to !== undefined && !set.migrations.some((migration) => migration.version === to)) {
    problems.push(unknownTargetProblem(to, 'migrate'));
  } else if (to !== undefined && highest !== null && to < highest && work.length === 0) {
    problems.push(targetBehindProblem(to, highest, 'migrate'));
  }
  // Statements that cannot work inside the step's transaction: refused before anything runs.
  addStatementFindings(
    work.map((row) => row.migration),
    'up',
    problems,
    warnings,
  );
  if (allOrNothing)
    problems.push(
      ...allOrNothingProblems(
        work.map((row) => row.migration),
        'up',
      ),
    );
  if (problems.length > 0) return fail(problems);

  const steps = work.map(
    (row): ApplyStep => ({
      kind: 'apply',
      migration: row.migration,
      retry: row.record !== null,
      outOfOrder: highest !== null && row.version < highest,
    }),
  );
  const last = steps.at(-1)?.migration.version ?? null;
  const targetVersion = highest === null ? last : last === null ? highest : Math.max(highest, last);
  return ok({ kind: 'migrate', steps, checksumFills: checksumFillsOf(rows), warnings, targetVersion });
}
