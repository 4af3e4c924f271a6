import { MigrationFailedError } from './errors.ts';
import type { ProgressEvent } from './events.ts';
import type { MigrateRequest } from './migrate-command.ts';
import type { MigratorOptions } from './migrator-options.ts';
import { type RehearsalReport, type RehearsalStep, rehearseOnCopy } from './rehearse-report.ts';
import type { RunReport } from './run-report.ts';

/** The part of a Migrator a trial run needs (a factory avoids a circular import). */
export interface TrialMigrator {
  migrate(request?: MigrateRequest): Promise<RunReport>;
  close(): void;
}

function collector(steps: RehearsalStep[]): (event: ProgressEvent) => void {
  return (event) => {
    if (event.type === 'step_finished' || event.type === 'step_failed') {
      const { version, name } = event.step.migration;
      const failed = event.type === 'step_failed';
      steps.push({
        version,
        name,
        durationMs: event.durationMs,
        ok: !failed,
        ...(failed ? { error: event.error.message } : {}),
      });
    }
  };
}

/**
 * `migrate --rehearse`: runs the migrate plan with the same options on a throw-away copy of the
 * database (C2's `rehearseOnCopy`: snapshot, integrity and foreign-key checks, cleanup). No backup,
 * no events to the caller; the real database is only read.
 *
 * @example
 * const report = await trialRun(options, {}, (o) => new Migrator(o));
 * report.ok; // true when every step ran and the copy is healthy
 */
export function trialRun(
  options: MigratorOptions,
  request: MigrateRequest,
  create: (options: MigratorOptions) => TrialMigrator,
): Promise<RehearsalReport> {
  return rehearseOnCopy(
    options.database,
    async (copy) => {
      const steps: RehearsalStep[] = [];
      const trial = create({ ...options, database: copy, backup: false, onEvent: collector(steps) });
      try {
        const report = await trial.migrate(request);
        return report.ok ? { steps, problems: [] } : { steps: [], problems: [...report.problems] };
      } catch (error) {
        if (error instanceof MigrationFailedError) return { steps, problems: [] };
        throw error;
      } finally {
        trial.close();
      }
    },
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
}
