import { checksumFillsOf } from './checksum-fills.ts';
import type { History } from './history.ts';
import { highestApplied, isPendingWork, matchHistory } from './match-history.ts';
import type { MigrationSet } from './migration.ts';
import type { BaselinePlan, BaselineStep } from './plan.ts';
import { targetBehindProblem, unknownTargetProblem } from './plan-problems.ts';
import type { PlanProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { problemsOf } from './validate.ts';

/**
 * What `baseline V` would do to adopt an existing database whose schema already contains every
 * migration up to V: record each of them that has no success record as applied, without running it
 * (oldest first). Existing success records are kept as they are.
 *
 * - A failed transactional record at or below V is replaced by the baseline record (the attempt
 *   left nothing behind, and the user states the schema already holds the migration).
 * - V must be a version of the set (`unknown_target`) and not below the current version
 *   (`target_behind`).
 * - Refused while a failed non-transactional record exists (`needs_repair`: decide by hand first)
 *   or while pending work lies below the current version (`out_of_order`): baselining would mark a
 *   migration applied that the database has probably never seen.
 *
 * @example
 * const result = planBaseline(set, EMPTY_HISTORY, 3);
 * if (result.ok) result.value.steps.map((s) => s.migration.version) // [1, 2, 3]
 */
export function planBaseline(
  set: MigrationSet,
  history: History,
  version: number,
): Result<BaselinePlan, PlanProblem> {
  const rows = matchHistory(set, history);
  const highest = highestApplied(history);
  const problems: PlanProblem[] = problemsOf(rows, highest).filter(
    (problem) => problem.code === 'needs_repair' || problem.code === 'out_of_order',
  );
  if (!set.migrations.some((migration) => migration.version === version)) {
    problems.push(unknownTargetProblem(version, 'baseline'));
  } else if (highest !== null && version < highest) {
    problems.push(targetBehindProblem(version, highest, 'baseline'));
  }
  if (problems.length > 0) return fail(problems);

  const steps = rows
    .filter(isPendingWork)
    .filter((row) => row.version <= version)
    .map((row): BaselineStep => ({ kind: 'baseline', migration: row.migration }));
  return ok({ kind: 'baseline', steps, checksumFills: checksumFillsOf(rows), targetVersion: version });
}
