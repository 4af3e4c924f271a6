import type {
  ApplyStep,
  History,
  MigratePlan,
  MigrationSet,
  PlanProblem,
  Result,
  RevertStep,
  RollbackPlan,
} from '@gao/migrate-core';
import type { StepResult } from './errors.ts';
import { runAllOrNothing } from './run-all-or-nothing.ts';
import { finish, type RunReport } from './run-report.ts';
import { type AdvisoryRead, type FreshPlan, runSteps } from './run-steps.ts';
import { backupBeforeRun, highestApplied, type OpenSession, readState, runContext } from './session.ts';

/** A plan made outside the lock, and how to run it. */
export interface PlanExecution<S extends ApplyStep | RevertStep> {
  readonly plan: (MigratePlan | RollbackPlan) & { readonly steps: readonly S[] };
  /** The set with the code modules the plan needs loaded. */
  readonly set: MigrationSet;
  /** The history the plan was made from. */
  readonly history: History;
  /** Whether to take the lock at all (false when nothing is to run or record). */
  readonly run: boolean;
  readonly backupReason: 'pre-migrate' | 'pre-rollback';
  readonly replan: (history: History) => Result<FreshPlan<S>, PlanProblem>;
  /** The advisory read the plan was made from, with what `replan` would give for it. */
  readonly advisoryRead?: AdvisoryRead<S> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * What `migrate` and `rollback` share once planned: `plan_ready`, a backup when steps will run, the
 * steps under the lock (one transaction each, or one for all with `allOrNothing`), and the report (`done` emitted by {@link finish}).
 *
 * @example
 * return executePlan(current, started, { plan, set, history, run: plan.steps.length > 0, ... });
 */
export async function executePlan<S extends ApplyStep | RevertStep>(
  current: OpenSession,
  started: number,
  execution: PlanExecution<S>,
): Promise<RunReport> {
  const { plan } = execution;
  current.emit({ type: 'plan_ready', plan });
  let steps: readonly StepResult[] = [];
  let backup = null;
  let finalVersion = highestApplied(execution.history);
  let interrupted = false;
  if (execution.run) {
    if (plan.steps.length > 0) backup = await backupBeforeRun(current, execution.backupReason);
    const runner = current.options.allOrNothing ? runAllOrNothing : runSteps;
    const outcome = await runner(runContext(current, execution.set), {
      advisory: plan.steps,
      replan: execution.replan,
      advisoryRead: execution.advisoryRead,
      signal: execution.signal,
    });
    if (!outcome.ok) return { ok: false, problems: outcome.problems };
    steps = outcome.steps;
    interrupted = outcome.interrupted;
    finalVersion = outcome.finalVersion ?? highestApplied(readState(current, false).history);
  }
  return finish(current, started, { ok: true, plan, steps, backup, finalVersion }, interrupted);
}
