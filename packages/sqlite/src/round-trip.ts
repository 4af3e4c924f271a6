import type { MigratePlan, PlanProblem, RollbackTarget } from '@gao/migrate-core';
import { MigrationFailedError } from './errors.ts';
import type { MigrateRequest } from './migrate-command.ts';
import type { RehearsalStep } from './rehearse-report.ts';
import type { RollbackOptions } from './rollback-command.ts';
import { compareRowCounts, type RowCountDifference, readRowCounts, type TableRows } from './row-counts.ts';
import type { RunReport } from './run-report.ts';
import { compareSchemas, readSchema, type SchemaDifference, type SchemaObject } from './schema-snapshot.ts';

/**
 * What running the rehearsed migrations' down parts, then their up parts again, showed on the copy:
 * whether the down parts undo the up parts, and whether the up parts can run again after them.
 */
export interface RoundTripReport {
  /** Every down part ran and restored the schema, and every up part ran again to the same schema. */
  readonly ok: boolean;
  /** The down parts, newest first, as they ran on the copy. */
  readonly down: RehearsalStep[];
  /** The up parts run a second time, after the down parts. */
  readonly upAgain: RehearsalStep[];
  /** What the down parts left different from the schema before the migrations (an index not dropped, ...). */
  readonly notUndone: SchemaDifference[];
  /** What the second run of the up parts made different from the first. */
  readonly notRepeated: SchemaDifference[];
  /** Tables whose row count after the down parts is not the one before the migrations (seeded rows left behind, ...). */
  readonly rowsNotUndone: RowCountDifference[];
  /** Tables whose row count after the second run of the up parts is not the one after the first. */
  readonly rowsNotRepeated: RowCountDifference[];
  /** Why the down parts could not run at all (the rollback planner's problems, e.g. `no_down`). */
  readonly problems: PlanProblem[];
  /** Why the round trip was not tried (migrations applied out of order), else `null`. */
  readonly skipped: string | null;
}

/** The part of a Migrator the round trip drives (the trial Migrator on the copy). */
export interface RoundTripMigrator {
  migrate(request?: MigrateRequest): Promise<RunReport>;
  rollback(target: RollbackTarget, options?: RollbackOptions): Promise<RunReport>;
}

/** Where the trial's step events go while one phase of the round trip runs. */
export interface StepSink {
  current: RehearsalStep[];
}

/** What the rehearsal's first `migrate` on the copy did. */
export interface FirstRun {
  readonly plan: MigratePlan;
  readonly steps: readonly RehearsalStep[];
  /** The copy's schema before that `migrate`. */
  readonly before: readonly SchemaObject[];
  /** The copy's row counts before that `migrate`. */
  readonly beforeRows: readonly TableRows[];
}

/** Runs one phase; a failing migration ends it (its `step_failed` is already in the sink). */
async function phase(
  sink: StepSink,
  steps: RehearsalStep[],
  run: () => Promise<RunReport>,
): Promise<RunReport | null> {
  sink.current = steps;
  try {
    return await run();
  } catch (error) {
    if (error instanceof MigrationFailedError) return null;
    throw error;
  }
}

function report(fields: Partial<RoundTripReport>): RoundTripReport {
  const full = {
    down: [],
    upAgain: [],
    notUndone: [],
    notRepeated: [],
    rowsNotUndone: [],
    rowsNotRepeated: [],
    problems: [],
    skipped: null,
    ...fields,
  };
  const ok =
    full.skipped === null &&
    full.problems.length === 0 &&
    full.notUndone.length === 0 &&
    full.notRepeated.length === 0 &&
    full.rowsNotUndone.length === 0 &&
    full.rowsNotRepeated.length === 0 &&
    full.upAgain.length === full.down.length &&
    [...full.down, ...full.upAgain].every((step) => step.ok);
  return { ok, ...full };
}

/**
 * Up, down, up again on the rehearsal's copy: rolls back exactly the migrations the rehearsal
 * applied, compares the schema and each table's row count with those before them, applies them
 * again and compares both with those after the first run. Migrations applied out of order are not newest-first and cannot
 * be rolled back alone: then the round trip is skipped (and not ok).
 *
 * @example
 * const sink = { current: steps };
 * const trip = await roundTrip(trial, copyPath, request, { plan, steps, before }, sink);
 * trip.notUndone; // [{ type: 'index', name: 'users_email', change: 'added', ... }]
 */
export async function roundTrip(
  trial: RoundTripMigrator,
  copy: string,
  request: MigrateRequest,
  first: FirstRun,
  sink: StepSink,
): Promise<RoundTripReport> {
  if (first.plan.steps.some((step) => step.outOfOrder)) {
    return report({
      skipped: 'migrations applied out of order are not the newest, so they cannot be rolled back alone',
    });
  }
  const after = readSchema(copy);
  const afterRows = readRowCounts(copy);
  const down: RehearsalStep[] = [];
  const stop = request.signal === undefined ? {} : { signal: request.signal };
  const rolledBack = await phase(sink, down, () => trial.rollback({ count: first.steps.length }, stop));
  if (rolledBack === null) return report({ down });
  if (!rolledBack.ok) return report({ problems: [...rolledBack.problems] });
  const undone = {
    down,
    notUndone: compareSchemas(first.before, readSchema(copy), { columns: true }),
    rowsNotUndone: compareRowCounts(first.beforeRows, readRowCounts(copy)),
  };
  const upAgain: RehearsalStep[] = [];
  const reapplied = await phase(sink, upAgain, () => trial.migrate(request));
  if (reapplied === null) return report({ ...undone, upAgain });
  if (!reapplied.ok) return report({ ...undone, upAgain, problems: [...reapplied.problems] });
  return report({
    ...undone,
    upAgain,
    notRepeated: compareSchemas(after, readSchema(copy), { columns: true }),
    rowsNotRepeated: compareRowCounts(afterRows, readRowCounts(copy)),
  });
}
