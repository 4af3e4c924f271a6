import type { RollbackTarget } from '@gao/migrate-core';
import { MigrationFailedError } from './errors.ts';
import type { ProgressEvent } from './events.ts';
import type { MigrateRequest } from './migrate-command.ts';
import type { MigratorOptions } from './migrator-options.ts';
import {
  type RehearsalReport,
  type RehearsalRun,
  type RehearsalStep,
  rehearseOnCopy,
} from './rehearse-report.ts';
import type { RollbackOptions } from './rollback-command.ts';
import { type RoundTripMigrator, roundTrip, type StepSink } from './round-trip.ts';
import { readRowCounts } from './row-counts.ts';
import { readSchema } from './schema-snapshot.ts';

/** What to rehearse: `migrate`'s request, and whether to prove the down parts too. */
export interface RehearseRequest extends MigrateRequest {
  /**
   * After the up parts, run their down parts, check the schema is as before, then the up parts
   * again, and check it is as after the first run (up, down, up): see {@link RoundTripReport}.
   */
  readonly roundTrip?: boolean;
}

/** The part of a Migrator a trial run needs (a factory avoids a circular import). */
export interface TrialMigrator extends RoundTripMigrator {
  close(): void;
}

function collector(sink: StepSink): (event: ProgressEvent) => void {
  return (event) => {
    if (event.type === 'step_finished' || event.type === 'step_failed') {
      const { version, name } = event.step.migration;
      const failed = event.type === 'step_failed';
      sink.current.push({
        version,
        name,
        durationMs: event.durationMs,
        ok: !failed,
        ...(failed ? { error: event.error.message } : {}),
      });
    }
  };
}

/** What a trial does on the copy, given the Migrator there and the sink its step events go to. */
type Trial = (trial: TrialMigrator, sink: StepSink, copy: string) => Promise<RehearsalRun>;

/** Runs `trial` with a Migrator on a throw-away copy (no backup); a failing migration ends it. */
function onCopy(
  options: MigratorOptions,
  create: (options: MigratorOptions) => TrialMigrator,
  trial: Trial,
): Promise<RehearsalReport> {
  return rehearseOnCopy(
    options.database,
    async (copy) => {
      const steps: RehearsalStep[] = [];
      const sink: StepSink = { current: steps };
      const migrator = create({ ...options, database: copy, backup: false, onEvent: collector(sink) });
      try {
        return await trial(migrator, sink, copy);
      } catch (error) {
        if (error instanceof MigrationFailedError) return { steps, problems: [], roundTrip: null };
        throw error;
      } finally {
        migrator.close();
      }
    },
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
}

/**
 * `migrate --rehearse`: runs the migrate plan with the same options on a throw-away copy of the
 * database (C2's `rehearseOnCopy`: snapshot, integrity and foreign-key checks, cleanup), and with
 * `roundTrip` their down parts and up parts again ({@link roundTrip}). No backup, no events to the
 * caller; the real database is only read.
 *
 * @example
 * const report = await trialRun(options, {}, (o) => new Migrator(o));
 * report.ok; // true when every step ran and the copy is healthy
 */
export function trialRun(
  options: MigratorOptions,
  request: RehearseRequest,
  create: (options: MigratorOptions) => TrialMigrator,
): Promise<RehearsalReport> {
  const { roundTrip: wanted = false, ...migrateRequest } = request;
  const { signal } = request;
  return onCopy(options, create, async (trial, sink, copy) => {
    const steps = sink.current;
    const before = wanted ? readSchema(copy) : [];
    const beforeRows = wanted ? readRowCounts(copy) : [];
    const report = await trial.migrate(migrateRequest);
    if (!report.ok) return { steps: [], problems: [...report.problems], roundTrip: null };
    if (report.interrupted === true) return { steps, problems: [], interrupted: true };
    if (!wanted || steps.length === 0 || report.plan.kind !== 'migrate') {
      return { steps, problems: [], roundTrip: null };
    }
    const first = { plan: report.plan, steps, before, beforeRows };
    const trip = await roundTrip(trial, copy, migrateRequest, first, sink);
    return signal?.aborted === true
      ? { steps, problems: [], interrupted: true }
      : { steps, problems: [], roundTrip: trip };
  });
}

/**
 * `rollback --rehearse`: runs the rollback plan on a throw-away copy, as {@link trialRun} does for
 * `migrate`: each down part's time and error, then `integrity_check` and `foreign_key_check` of the
 * copy. The real database is only read.
 *
 * @example
 * const report = await trialRollback(options, { count: 2 }, (o) => new Migrator(o));
 * report.steps.map((step) => step.version); // [5, 4]
 */
export function trialRollback(
  options: MigratorOptions,
  target: RollbackTarget,
  create: (options: MigratorOptions) => TrialMigrator,
  runOptions: RollbackOptions = {},
): Promise<RehearsalReport> {
  return onCopy(options, create, async (trial, sink) => {
    const report = await trial.rollback(target, runOptions);
    if (!report.ok) return { steps: [], problems: [...report.problems], roundTrip: null };
    return { steps: sink.current, problems: [], roundTrip: null, interrupted: report.interrupted === true };
  });
}
