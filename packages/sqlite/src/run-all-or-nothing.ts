import type { ApplyStep, RevertStep } from '@gao/migrate-core';
import type { StepResult } from './errors.ts';
import { commit, rollbackQuietly } from './lock.ts';
import type { MigrationGuard } from './migration-guard.ts';
import { type MigrationPart, migrationPart } from './migration-part.ts';
import { focusOn, recordInterruption } from './record-outcome.ts';
import type { RunContext } from './run-context.ts';
import {
  highestOf,
  lockAndChoose,
  planChanged,
  type RunState,
  type StepsOutcome,
  type StepsRun,
  stepFailedError,
  stepResult,
  turn,
  withStepGuards,
} from './run-steps.ts';
import { executeStep, StepFailure, StepInterrupted } from './step-executor.ts';

/**
 * Runs every step of the plan in one `BEGIN IMMEDIATE` transaction (the `allOrNothing` option): each
 * part, its foreign-key check, its row and its event go into that transaction, which commits after
 * the last step. A failing step rolls back the whole run (the steps before it too) and is recorded
 * as failed; an aborted `signal` rolls it back and records where it stopped. The lock is held for
 * the whole run, so another runner waits for all of it and then finds the work done.
 *
 * The planner refuses parts marked `transaction:false` in such a run; one found here anyway (a plan
 * made without the option) stops it before anything runs, since it would commit the steps before it.
 *
 * @example
 * const outcome = await runAllOrNothing(context, { advisory: plan.steps, replan: (h) => planMigrate(set, h, { allOrNothing: true }) });
 */
export async function runAllOrNothing<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
): Promise<StepsOutcome> {
  return withStepGuards(context, (guard, checkForeignKeys) => runAll(context, run, guard, checkForeignKeys));
}

/** The parts of the steps, once every step is known to be in the advisory plan and transactional. */
function partsOf<S extends ApplyStep | RevertStep>(
  context: RunContext,
  steps: readonly S[],
  allowed: ReadonlySet<number>,
): MigrationPart[] {
  return steps.map((step) => {
    const { migration } = step;
    if (!allowed.has(migration.version)) {
      throw planChanged(context.database, `${migration.file} is now due, and it was not in the plan`);
    }
    const part = migrationPart(migration, step.kind === 'apply' ? 'up' : 'down', context.modules);
    if (!part.transactional) {
      throw new Error(
        `${part.file} runs outside a transaction (transaction:false) and cannot be part of an all-or-nothing run; nothing was run.`,
      );
    }
    return part;
  });
}

async function runAll<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
  guard: MigrationGuard,
  checkForeignKeys: boolean,
): Promise<StepsOutcome> {
  const { db } = context;
  const allowed = new Set(run.advisory.map((step) => step.migration.version));
  const state: RunState<S> = { allowed, known: null, fillsDone: false, advisoryRead: run.advisoryRead };
  // A function, not a property read: the signal changes during the awaits between the checks.
  const aborted = (): boolean => run.signal?.aborted === true;
  if (run.signal !== undefined) await turn();
  if (aborted()) {
    return { ok: true, steps: [], interrupted: run.advisory.length > 0, finalVersion: undefined };
  }
  const chosen = lockAndChoose(context, run, state, 0);
  if ('problems' in chosen) return { ok: false, problems: chosen.problems };
  const { known, fills, total } = chosen;
  const emitFills = () => {
    for (const fill of fills) context.emit({ type: 'checksum_recorded', version: fill.version });
  };
  if (chosen.step === undefined) {
    emitFills();
    return { ok: true, steps: [], interrupted: false, finalVersion: highestOf(known.records) };
  }
  let parts: MigrationPart[];
  try {
    parts = partsOf(context, known.steps, allowed);
  } catch (error) {
    rollbackQuietly(db);
    throw error;
  }
  const ran: StepResult[] = [];
  // What the runner read inside the lock holds until a migration writes gao-db's tables itself.
  let trusted = true;
  const stop = (step: S, cancelled: boolean): StepsOutcome => {
    rollbackQuietly(db);
    recordInterruption(context, { step, cancelled, done: 0, total, undone: ran.length });
    return { ok: true, steps: [], interrupted: true, finalVersion: undefined };
  };
  for (const [index, step] of known.steps.entries()) {
    const part = parts[index] as MigrationPart;
    if (run.signal !== undefined) await turn();
    if (aborted()) return stop(step, false);
    context.emit({ type: 'step_started', index, total, step });
    const { version } = step.migration;
    try {
      const done = await executeStep(context, part, {
        step,
        checkForeignKeys,
        before: trusted ? focusOn(known.records.get(version)) : undefined,
        guard,
        signal: run.signal,
        last: index === known.steps.length - 1,
        keepOpen: true,
        // Re-running it alone would run it on the schema before the run, not the one it failed on.
        locate: index === 0,
      });
      if (done.after === null) trusted = false;
      else {
        const [record] = done.after.records;
        if (record === undefined) known.records.delete(version);
        else known.records.set(version, record);
      }
      ran.push(stepResult(step, part, done.durationMs));
      context.emit({ type: 'step_finished', index, total, step, durationMs: done.durationMs });
    } catch (error) {
      if (error instanceof StepInterrupted) return stop(step, true);
      if (!(error instanceof StepFailure)) throw error;
      throw stepFailedError(context, part, { step, index, total }, error, [], ran);
    } finally {
      if (step.migration.kind === 'code') guard.reinstall();
    }
  }
  commit(db, context);
  emitFills();
  return {
    ok: true,
    steps: ran,
    interrupted: false,
    finalVersion: trusted ? highestOf(known.records) : undefined,
  };
}
