import type { History, MigrationSet, Plan, PlanProblem, StatusReport } from '@gao/migrate-core';
import type { BackupInfo } from './backup.ts';
import type { StepResult } from './errors.ts';
import type { ProgressListener } from './events.ts';
import type { RepairPlan } from './run-repair.ts';
import type { SchemaDrift } from './schema-drift.ts';

/**
 * What a write command did: the plan, the steps that ran (a runner that waited for another may run
 * fewer than planned: the other did them), the backup taken first and the version reached; or the
 * planner's refusal, in which case nothing ran.
 */
export type RunReport =
  | {
      readonly ok: true;
      readonly plan: Plan | RepairPlan;
      readonly steps: readonly StepResult[];
      readonly backup: BackupInfo | null;
      /** The highest applied version afterwards (`null`: nothing applied). */
      readonly finalVersion: number | null;
      /**
       * `true` when `migrate`/`rollback` stopped early because their `signal` was aborted: `steps`
       * are the ones that completed (each committed), the rest of the plan did not run. Absent otherwise.
       */
      readonly interrupted?: true;
    }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** Everything `status` and `history` show, read without changing the database. */
export interface Inspection {
  /** The database path as given. */
  readonly database: string;
  readonly exists: boolean;
  readonly sizeBytes: number;
  /** `PRAGMA journal_mode` (`delete`, `wal`, ...); `null` when the file does not exist. */
  readonly journalMode: string | null;
  readonly set: MigrationSet;
  readonly history: History;
  readonly status: StatusReport;
  /** The newest backup of this database, if backups are on and one exists. */
  readonly lastBackup: BackupInfo | null;
  /**
   * The schema is not the one gao-db recorded with its newest event (a table, index, view or
   * trigger created, changed or dropped by hand since); `null` when it is, or when that event
   * recorded none.
   */
  readonly schemaDrift: SchemaDrift | null;
}

/**
 * Emits `done` (with `interrupted: true` when the signal stopped the run) and returns the report,
 * marked `interrupted` likewise.
 */
export function finish(
  current: { readonly emit: ProgressListener },
  started: number,
  report: Extract<RunReport, { ok: true }>,
  interrupted: boolean,
): RunReport {
  const durationMs = Math.round(performance.now() - started);
  const { finalVersion } = report;
  if (!interrupted) {
    current.emit({ type: 'done', finalVersion, durationMs });
    return report;
  }
  current.emit({ type: 'done', finalVersion, durationMs, interrupted: true });
  return { ...report, interrupted: true };
}
