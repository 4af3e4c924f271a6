import { isUnfinishedClaimProblem, type PlanProblem } from '@gao/migrate-core';
import type { OpenSession } from './session.ts';

/** How often a runner looks again while another process runs a `transaction:false` part. */
const POLL_MS = 50;

/**
 * Plans again while the only problems are unfinished claims: another process committed the claim of
 * a `transaction:false` part and is (or was) running it outside any lock, so a runner that came
 * second would otherwise refuse with `needs_repair` at once. It waits up to the busy timeout (saying
 * `waiting_for_lock` once), as it would for the write lock; a claim still unfinished then is
 * reported as it is (its problem says the other process may still be running it, or died).
 *
 * @example
 * const planned = await waitForUnfinishedClaims(current, plan, (p) => (p.result.ok ? null : p.result.problems));
 */
export async function waitForUnfinishedClaims<T>(
  current: OpenSession,
  attempt: () => Promise<T>,
  problemsOf: (value: T) => readonly PlanProblem[] | null,
): Promise<T> {
  const deadline = performance.now() + current.options.busyTimeoutMs;
  let said = false;
  for (;;) {
    const value = await attempt();
    const problems = problemsOf(value);
    if (problems === null || problems.length === 0 || !problems.every(isUnfinishedClaimProblem)) return value;
    if (performance.now() + POLL_MS > deadline) return value;
    if (!said) current.emit({ type: 'waiting_for_lock' });
    said = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
