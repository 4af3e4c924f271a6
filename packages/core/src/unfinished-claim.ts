import type { HistoryRecord } from './history.ts';
import type { PlanProblem } from './problems.ts';

const APPLY_CLAIM = 'It started outside a transaction and did not finish (the process stopped).';
const REVERT_CLAIM = 'Its rollback started outside a transaction and did not finish (the process stopped).';

/**
 * The error message of the `failed` row a runner writes (and commits) before it runs a
 * `transaction:false` part: if the process dies half-way, the row says so. Until the part ends the
 * row is the same, so another runner that reads it cannot tell "still running" from "stopped".
 *
 * @example
 * claimMessage('apply') // 'It started outside a transaction and did not finish (the process stopped).'
 */
export function claimMessage(kind: 'apply' | 'revert'): string {
  return kind === 'apply' ? APPLY_CLAIM : REVERT_CLAIM;
}

/** Whether a failed record is a claim nobody finished: no error, the part may still be running. */
export function isUnfinishedClaim(record: HistoryRecord): boolean {
  return (
    record.status === 'failed' &&
    (record.errorMessage === APPLY_CLAIM || record.errorMessage === REVERT_CLAIM)
  );
}

/**
 * Whether a plan problem is only an unfinished claim (`needs_repair` on a claim row): a runner may
 * wait for the other process to finish the part instead of refusing at once.
 */
export function isUnfinishedClaimProblem(problem: PlanProblem): boolean {
  return problem.code === 'needs_repair' && (problem.error === APPLY_CLAIM || problem.error === REVERT_CLAIM);
}
