import {
  type History,
  type MigrationSet,
  ok,
  type PlanProblem,
  planRollback,
  type Result,
  type RevertStep,
  type RollbackPlan,
  type RollbackPlanOptions,
  type RollbackTarget,
} from '@gao/migrate-core';
import { readAndPlan } from './claim-wait.ts';
import { executePlan } from './execute-plan.ts';
import { planWithModules } from './module-cache.ts';
import { readSet } from './read-set.ts';
import type { RunReport } from './run-report.ts';
import type { FreshPlan } from './run-steps.ts';
import { type OpenSession, readState, type Session } from './session.ts';

/**
 * The dry run of `rollback`: the plan against the history as it is now. Loads the code migrations in
 * range, since only a loaded module tells whether it has a `down`.
 *
 * @example
 * const result = await planRollbackCommand(current, { count: 2 });
 */
export async function planRollbackCommand(
  current: Session,
  target: RollbackTarget,
): Promise<Result<RollbackPlan, PlanProblem>> {
  const set = readSet(current.options.migrationsDir);
  const { history } = readState(current, false);
  const options = { allOrNothing: current.options.allOrNothing };
  return (await planWithModules(set, current.modules, (s) => planRollback(s, history, target, options)))
    .result;
}

/**
 * Inside the lock: undo what is still applied above the plan's target. A count would undo more than
 * asked if another process rolled back meanwhile, so the target is fixed as a version.
 */
function replanTo(set: MigrationSet, goal: number | null, options: RollbackPlanOptions) {
  return (history: History): Result<FreshPlan<RevertStep>, PlanProblem> => {
    const floor = goal ?? Number.NEGATIVE_INFINITY;
    const above = history.records.filter((record) => record.status === 'success' && record.version > floor);
    if (above.length === 0) return ok({ steps: [], checksumFills: [] });
    const result = planRollback(set, history, { count: above.length }, options);
    return result.ok ? ok({ steps: result.value.steps, checksumFills: [] }) : result;
  };
}

/** How `rollback` runs (besides what it undoes). */
export interface RollbackOptions {
  /** As `migrate`'s: once aborted, no further step starts; the report says `interrupted: true`. */
  readonly signal?: AbortSignal;
}

/**
 * `rollback`: plans (nothing runs if any migration in range cannot be undone), backs up, then
 * reverts newest first, each in its own `BEGIN IMMEDIATE` with its down part, the row removed and a
 * `rolled_back` event.
 *
 * @example
 * const report = await rollbackCommand(current, { count: 1 });
 */
export async function rollbackCommand(
  current: OpenSession,
  target: RollbackTarget,
  runOptions: RollbackOptions = {},
): Promise<RunReport> {
  const started = performance.now();
  const options = { allOrNothing: current.options.allOrNothing };
  // Another process may be running a transaction:false part right now: wait for it as for the lock.
  const { shape, history, dataVersion, planned } = await readAndPlan(current, (s, history) =>
    planRollback(s, history, target, options),
  );
  if (!planned.result.ok) return { ok: false, problems: planned.result.problems };
  const plan = planned.result.value;
  return executePlan(current, started, {
    plan,
    set: planned.set,
    history,
    run: plan.steps.length > 0,
    backupReason: 'pre-rollback',
    replan: replanTo(planned.set, plan.targetVersion, options),
    advisoryRead:
      shape === null || dataVersion === null
        ? undefined
        : { dataVersion, shape, history, fresh: { steps: plan.steps, checksumFills: [] } },
    signal: runOptions.signal,
  });
}
