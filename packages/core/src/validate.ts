import type { History } from './history.ts';
import { highestApplied, isPendingWork, type MatchedVersion, matchHistory } from './match-history.ts';
import type { MigrationSet } from './migration.ts';
import {
  checksumMismatchProblem,
  missingFileProblem,
  needsRepairProblem,
  outOfOrderProblem,
} from './plan-problems.ts';
import type { PlanProblem } from './problems.ts';

/**
 * Every problem between the files and the history, whatever the command: `checksum_mismatch` (an
 * applied file was edited), `missing_file` (an applied file is gone), `out_of_order` (pending work
 * below the highest applied version) and `needs_repair` (a non-transactional attempt failed and may
 * be half-applied). A failed transactional attempt is not a problem: it left nothing and is retried.
 * A failed record's checksum is not compared: fixing the file after a failure is the normal workflow.
 *
 * @example
 * validate(set, history).map((p) => p.message)
 * // ['Migration 3 (003_add_email.sql) was changed after it was applied.']
 */
export function validate(set: MigrationSet, history: History): PlanProblem[] {
  return problemsOf(matchHistory(set, history), highestApplied(history));
}

/**
 * {@link validate} over rows already matched, so planners match the history once.
 *
 * @example
 * problemsOf(matchHistory(set, history), highestApplied(history))
 */
export function problemsOf(rows: readonly MatchedVersion[], highest: number | null): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const row of rows) {
    const { migration, record } = row;
    if (record?.status === 'failed' && !record.transactional) problems.push(needsRepairProblem(record));
    if (record?.status === 'success') {
      if (migration === null) problems.push(missingFileProblem(record));
      else if (record.checksum !== null && record.checksum !== migration.checksum) {
        problems.push(checksumMismatchProblem(migration, record.checksum));
      }
    }
    if (isPendingWork(row) && highest !== null && row.version < highest) {
      problems.push(outOfOrderProblem(row.migration, highest));
    }
  }
  return problems;
}
