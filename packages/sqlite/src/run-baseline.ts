import type { BaselinePlan, BaselineStep, History, PlanProblem, Result } from '@gao/migrate-core';
import { classifySqliteError } from './database-errors.ts';
import type { StepResult } from './errors.ts';
import { readHistory } from './history-store.ts';
import { beginImmediate, commit, rollbackQuietly } from './lock.ts';
import { focusOn, recordChecksumFills, recordSuccess } from './record-outcome.ts';
import { recordSchema } from './recorded-schema.ts';
import type { RunContext } from './run-context.ts';
import { planChanged, type StepsOutcome } from './run-steps.ts';
import { ensureHistoryTables, readHistoryShape } from './schema.ts';

/**
 * Records the baseline's migrations as applied (`baselined` events) without running anything, in one
 * transaction, after re-planning inside the lock. Step events are emitted once it committed.
 *
 * @example
 * await runBaseline(context, plan, (history) => planBaseline(set, history, 3));
 */
export function runBaseline(
  context: RunContext,
  advisory: BaselinePlan,
  replan: (history: History) => Result<BaselinePlan, PlanProblem>,
): StepsOutcome {
  const { db, database } = context;
  beginImmediate(db, context, context.onWait);
  let fresh: BaselinePlan;
  try {
    const shape = readHistoryShape(db, database);
    const history = readHistory(db, shape, database, { events: false });
    const result = replan(history);
    if (!result.ok) {
      rollbackQuietly(db);
      return { ok: false, problems: result.problems };
    }
    fresh = result.value;
    ensureHistoryTables(db, shape);
    const filled = recordChecksumFills(context, fresh.checksumFills, history);
    // One transaction: the history read above stays exact, and each step touches only its own record.
    const records = new Map(filled.records.map((record) => [record.version, record]));
    const allowed = new Set(advisory.steps.map((s) => s.migration.version));
    for (const [index, step] of fresh.steps.entries()) {
      if (!allowed.has(step.migration.version)) {
        throw planChanged(
          database,
          `${step.migration.file} now needs a baseline, and it was not in the plan`,
        );
      }
      // Baselining declares the database as it is: its schema is the one to compare with now.
      const fingerprint = index === fresh.steps.length - 1 ? recordSchema(db) : null;
      recordSuccess(context, step, null, focusOn(records.get(step.migration.version)), fingerprint);
    }
    commit(db, context);
  } catch (error) {
    rollbackQuietly(db);
    throw classifySqliteError(error, context) ?? error;
  }
  for (const fill of fresh.checksumFills) context.emit({ type: 'checksum_recorded', version: fill.version });
  const total = fresh.steps.length;
  const steps = fresh.steps.map((step: BaselineStep, index): StepResult => {
    context.emit({ type: 'step_started', index, total, step });
    context.emit({ type: 'step_finished', index, total, step, durationMs: 0 });
    const { version, name, file } = step.migration;
    return { kind: 'baseline', version, name, file, durationMs: 0 };
  });
  return { ok: true, steps, interrupted: false, finalVersion: undefined };
}
