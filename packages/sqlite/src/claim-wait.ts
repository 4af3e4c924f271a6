import {
  type History,
  isUnfinishedClaimProblem,
  type MigrationSet,
  type PlanProblem,
  type Result,
  type Step,
} from '@gao/migrate-core';
import { type PlannedWithModules, planWithModules } from './module-cache.ts';
import { readSet } from './read-set.ts';
import { type OpenSession, type ReadState, readState } from './session.ts';

/** How often a runner looks again while another process runs a `transaction:false` part. */
const POLL_MS = 50;

/** The history as read, and the plan made from it with the code modules it needs loaded. */
export type PlannedRead<P> = ReadState & { readonly planned: PlannedWithModules<P> };

/**
 * Reads the set and the history and plans, for `migrate` and `rollback`. While the only problems are
 * unfinished claims (another process committed the claim of a `transaction:false` part and is, or
 * was, running it outside any lock), it reads and plans again every 50 ms up to the busy timeout,
 * saying `waiting_for_lock` once, as it would wait for the lock; a claim still unfinished then is
 * reported as it is (its problem says the other process may still be running it, or died).
 *
 * @example
 * const { history, planned } = await readAndPlan(current, (set, history) => planMigrate(set, history));
 */
export async function readAndPlan<P extends { readonly steps: readonly Step[] }>(
  current: OpenSession,
  plan: (set: MigrationSet, history: History) => Result<P, PlanProblem>,
): Promise<PlannedRead<P>> {
  const deadline = performance.now() + current.options.busyTimeoutMs;
  let said = false;
  for (;;) {
    const set = readSet(current.options.migrationsDir);
    const state = readState(current, false);
    const planned = await planWithModules(set, current.modules, (s) => plan(s, state.history));
    const { result } = planned;
    if (result.ok || !result.problems.every(isUnfinishedClaimProblem)) return { ...state, planned };
    if (performance.now() + POLL_MS > deadline) return { ...state, planned };
    if (!said) current.emit({ type: 'waiting_for_lock' });
    said = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
