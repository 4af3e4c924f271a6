import {
  type ApplyStep,
  fileChecksumFillsOf,
  type History,
  type MigratePlan,
  ok,
  type PlanProblem,
  planMigrate,
  type Result,
} from '@gao/migrate-core';
import { readAndPlan } from './claim-wait.ts';
import { executePlan } from './execute-plan.ts';
import { planWithModules } from './module-cache.ts';
import { readSet } from './read-set.ts';
import { finish, type RunReport } from './run-report.ts';
import type { FreshPlan } from './run-steps.ts';
import { isCurrentShape } from './schema.ts';
import { errorContext, type OpenSession, readState, type Session } from './session.ts';
import { provenUpToDate } from './up-to-date.ts';

/** What `migrate` is asked: stop at `to` (a version of the set), or apply everything pending. */
export interface MigrateRequest {
  readonly to?: number;
  /**
   * Stops the run once aborted (Ctrl+C): no further step starts, and a transactional step that was
   * running is rolled back (a `transaction:false` one finishes). The report then says
   * `interrupted: true`. Ignored by the dry runs.
   */
  readonly signal?: AbortSignal;
}

function planOptions(current: Session, request: MigrateRequest) {
  const { allowOutOfOrder, allowChanged, allOrNothing } = current.options;
  return request.to === undefined
    ? { allowOutOfOrder, allowChanged, allOrNothing }
    : { to: request.to, allowOutOfOrder, allowChanged, allOrNothing };
}

/**
 * The dry run of `migrate`: the plan against the history as it is now (a missing database plans
 * against an empty history). Loads the modules of the code migrations the plan would run.
 *
 * @example
 * const result = await planMigrateCommand(current, { to: 5 });
 */
export async function planMigrateCommand(
  current: Session,
  request: MigrateRequest,
): Promise<Result<MigratePlan, PlanProblem>> {
  const set = readSet(current.options.migrationsDir);
  const { history } = readState(current, false);
  const options = planOptions(current, request);
  return (await planWithModules(set, current.modules, (s) => planMigrate(s, history, options))).result;
}

/** The report of a `migrate` with nothing to do, as the planner would have made it. */
function upToDate(current: OpenSession, started: number, finalVersion: number | null): RunReport {
  const plan: MigratePlan = {
    kind: 'migrate',
    steps: [],
    checksumFills: [],
    warnings: [],
    targetVersion: finalVersion,
  };
  current.emit({ type: 'plan_ready', plan });
  return finish(current, started, { ok: true, plan, steps: [], backup: null, finalVersion }, false);
}

/**
 * `migrate`: plans, backs up (only if something will run), then applies step by step under the lock,
 * re-planning inside it. When every file is byte for byte what its row recorded, it returns after
 * hashing the files and one query ({@link provenUpToDate}): no parsing, no lock, no module import,
 * no backup. Otherwise, with nothing pending and the tables gao-db's, it reads and plans, and returns.
 *
 * @example
 * const report = await migrateCommand(current, {});
 * if (report.ok) console.log(report.finalVersion);
 */
export async function migrateCommand(current: OpenSession, request: MigrateRequest): Promise<RunReport> {
  const started = performance.now();
  if (request.to === undefined) {
    const proven = provenUpToDate(current.db, errorContext(current.options), current.options.migrationsDir);
    if (proven !== undefined) return upToDate(current, started, proven.finalVersion);
  }
  const options = planOptions(current, request);
  // Another process may be running a transaction:false part right now: wait for it as for the lock.
  const { shape, history, dataVersion, planned } = await readAndPlan(current, (s, history) =>
    planMigrate(s, history, options),
  );
  if (!planned.result.ok) return { ok: false, problems: planned.result.problems };
  const plan = planned.result.value;
  const tablesReady = shape !== null && isCurrentShape(shape);
  // What the runner needs inside the lock: the plan, and the file checksums old rows lack.
  const fresh = (value: MigratePlan, from: History): FreshPlan<ApplyStep> => ({
    ...value,
    fileChecksumFills: fileChecksumFillsOf(planned.set, from),
  });
  // Nothing to run, but old rows' checksums to record or tables to bring up to date: lock anyway.
  const run = plan.steps.length > 0 || plan.checksumFills.length > 0 || !tablesReady;
  return executePlan(current, started, {
    plan,
    set: planned.set,
    history,
    run,
    backupReason: 'pre-migrate',
    replan: (from) => {
      const result = planMigrate(planned.set, from, options);
      return result.ok ? ok(fresh(result.value, from)) : result;
    },
    advisoryRead:
      !run || shape === null || dataVersion === null
        ? undefined
        : { dataVersion, shape, history, fresh: fresh(plan, history) },
    signal: request.signal,
  });
}
