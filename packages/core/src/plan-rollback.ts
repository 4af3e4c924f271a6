import { allOrNothingProblems } from './all-or-nothing.ts';
import type { History, HistoryRecord } from './history.ts';
import { type MatchedVersion, matchHistory } from './match-history.ts';
import { hasDown, type MigrationSet } from './migration.ts';
import type { RevertStep, RollbackPlan } from './plan.ts';
import {
  checksumMismatchProblem,
  countExceedsAppliedProblem,
  downChangedProblem,
  invalidCountProblem,
  missingFileProblem,
  moduleNotLoadedProblem,
  needsRepairProblem,
  noDownProblem,
  targetAheadProblem,
  unknownTargetProblem,
} from './plan-problems.ts';
import type { PlanProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { addStatementFindings } from './statement-problems.ts';

/** How far to roll back: the latest `count` applied migrations, or every applied one above `to`. */
export type RollbackTarget = { readonly count: number } | { readonly to: number };

/** Options of {@link planRollback}. */
export interface RollbackPlanOptions {
  /**
   * The run undoes every step in one transaction (all or nothing): a down part marked
   * `transaction:false` is refused (`transaction_false_in_all_or_nothing`).
   */
  readonly allOrNothing?: boolean;
}

/** An applied row: a success record, with its file when it still exists. */
type AppliedRow = MatchedVersion & { readonly record: HistoryRecord };

/** The applied rows to undo (newest first), or the problem with the target itself. */
function selectRange(applied: readonly AppliedRow[], target: RollbackTarget): AppliedRow[] | PlanProblem {
  if ('count' in target) {
    const { count } = target;
    if (!Number.isInteger(count) || count <= 0) return invalidCountProblem(count);
    return applied.slice(0, count);
  }
  const { to } = target;
  const current = applied[0]?.version ?? null;
  if (to !== 0 && (current === null || to > current)) return targetAheadProblem(to, current);
  if (to !== 0 && !applied.some((row) => row.version === to)) return unknownTargetProblem(to, 'rollback');
  return applied.filter((row) => row.version > to);
}

/** The step that undoes one applied row, or why it cannot be undone. */
function revertOf(row: AppliedRow): RevertStep | PlanProblem {
  const { migration, record } = row;
  if (migration === null) return missingFileProblem(record);
  // The down part undoes what was applied; if the up part changed, the two may no longer match.
  if (record.checksum !== null && record.checksum !== migration.checksum) {
    return checksumMismatchProblem(migration, record.checksum);
  }
  const down = hasDown(migration);
  if (down === null) return moduleNotLoadedProblem(migration);
  return down ? { kind: 'revert', migration, record } : noDownProblem(migration);
}

/** The warning for a SQL down part edited since its migration was applied, or `null`. */
function downChangeOf(step: RevertStep): PlanProblem | null {
  const { migration, record } = step;
  // Code migrations have no down checksum of their own: their module's checksum covers `down`.
  if (migration.kind !== 'sql' || migration.down === null || record.downChecksum === null) return null;
  const actual = migration.down.checksum;
  if (actual === record.downChecksum) return null;
  return downChangedProblem(migration, migration.down.file, record.downChecksum, actual);
}

/**
 * What `rollback` would do: the applied migrations to undo, newest first, or every problem that
 * forbids it (nothing is undone while any exists).
 *
 * - `{ count: N }` undoes the latest N applied migrations; N must be a whole number of 1 or more
 *   (`invalid_count`) and at most the number applied (`count_exceeds_applied`: never fewer than asked).
 * - `{ to: V }` undoes every applied migration with a version above V; `{ to: 0 }` undoes them all.
 *   V must be 0 or an applied version (`unknown_target`) and not above the current one (`target_ahead`).
 * - Every migration in range needs its file (`missing_file`), an unchanged up part
 *   (`checksum_mismatch`: `gao-db repair accept-checksum <V>` first), a loaded module (`module_not_loaded`)
 *   and a down part (`no_down`). A SQL down part edited since the migration was applied is allowed, with a
 *   `down_changed` warning (the rollback runs it as it is now).
 * - A SQL down part that runs in a transaction may not hold transaction control or statements SQLite
 *   cannot run in one (`transaction_control`, `needs_transaction_false`, as for `migrate`).
 * - A failed non-transactional record anywhere is `needs_repair`. Failed transactional records are
 *   not applied and are left alone.
 * - With `allOrNothing`, a down part marked `transaction:false` is refused
 *   (`transaction_false_in_all_or_nothing`).
 *
 * @example
 * const result = planRollback(set, history, { count: 2 });
 * if (result.ok) result.value.steps.map((s) => s.migration.version) // [5, 4]
 */
export function planRollback(
  set: MigrationSet,
  history: History,
  target: RollbackTarget,
  options: RollbackPlanOptions = {},
): Result<RollbackPlan, PlanProblem> {
  const rows = matchHistory(set, history);
  const applied = rows
    .filter((row): row is AppliedRow => row.record?.status === 'success')
    .sort((a, b) => b.version - a.version);
  const problems: PlanProblem[] = [];
  for (const { record } of rows) {
    if (record?.status === 'failed' && !record.transactional) problems.push(needsRepairProblem(record));
  }
  const range = selectRange(applied, target);
  const steps: RevertStep[] = [];
  if (!Array.isArray(range)) problems.push(range);
  else {
    for (const revert of range.map(revertOf)) {
      if ('kind' in revert) steps.push(revert);
      else problems.push(revert);
    }
    if ('count' in target && target.count > applied.length) {
      problems.push(countExceedsAppliedProblem(target.count, applied.length));
    }
  }
  const statementWarnings: PlanProblem[] = [];
  addStatementFindings(
    steps.map((step) => step.migration),
    'down',
    problems,
    statementWarnings,
  );
  if (options.allOrNothing === true) {
    problems.push(
      ...allOrNothingProblems(
        steps.map((step) => step.migration),
        'down',
      ),
    );
  }
  if (problems.length > 0) return fail(problems);

  const targetVersion = applied[steps.length]?.version ?? null;
  const warnings = [...steps.map(downChangeOf).filter((warning) => warning !== null), ...statementWarnings];
  return ok({ kind: 'rollback', steps, warnings, targetVersion });
}
