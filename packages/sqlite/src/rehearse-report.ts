import { DatabaseSync } from 'node:sqlite';
import type { PlanProblem } from '@gao/migrate-core';
import type { ForeignKeyViolation } from './errors.ts';
import { checkDatabase } from './rehearse-checks.ts';
import { type TemporaryCopyOptions, withTemporaryCopy } from './rehearse-copy.ts';
import { copyNotWritten, isDiskFull, outOfRoom } from './rehearse-disk-full.ts';
import type { RoundTripReport } from './round-trip.ts';

/** One migration of a rehearsal. */
export interface RehearsalStep {
  readonly version: number;
  readonly name: string;
  readonly durationMs: number;
  readonly ok: boolean;
  /** The error message when the migration failed on the copy. */
  readonly error?: string;
}

/** What running a plan on a throw-away copy of the database showed. The real database is untouched. */
export interface RehearsalReport {
  /** Every step succeeded, the planner had no problems and both checks are clean. */
  readonly ok: boolean;
  readonly steps: RehearsalStep[];
  /** `PRAGMA integrity_check` of the copy afterwards: `['ok']` when fine. */
  readonly integrityCheck: string[];
  /** `PRAGMA foreign_key_check` of the copy afterwards. */
  readonly foreignKeyViolations: ForeignKeyViolation[];
  /** Why the planner refused to run anything (then `steps` is empty). */
  readonly problems: PlanProblem[];
  /**
   * Up, down, up again (`roundTrip: true`), when every step ran: `null` when not asked for, or when
   * nothing ran or a step failed. Its `ok` counts in the report's.
   */
  readonly roundTrip: RoundTripReport | null;
  /**
   * Stopped at the caller's request (its `signal`) before the end: `steps` is what ran on the copy,
   * the rest was not rehearsed, so `ok` is false; the copy was not checked (both checks are empty)
   * and there is no round trip.
   */
  readonly interrupted: boolean;
}

/** What the runner of a rehearsal reports back about its run on the copy. */
export interface RehearsalRun {
  readonly steps: RehearsalStep[];
  readonly problems: PlanProblem[];
  readonly roundTrip?: RoundTripReport | null;
  /** Stopped by the caller's signal: the copy is not checked. */
  readonly interrupted?: boolean;
}

/** What `run` did on the copy, with each step that ran out of room on it worded ({@link outOfRoom}). */
async function runOnCopy(
  run: (copyPath: string) => Promise<RehearsalRun>,
  copy: string,
  databasePath: string,
  tempDir: string,
): Promise<Required<RehearsalRun>> {
  let outcome: RehearsalRun;
  try {
    outcome = await run(copy);
  } catch (error) {
    // Outside the migrations (the runner's own bookkeeping on the copy): the copy is what failed.
    throw isDiskFull(error) ? copyNotWritten(databasePath, tempDir, error) : error;
  }
  const explain = outOfRoom(databasePath, tempDir);
  const trip = outcome.roundTrip ?? null;
  return {
    steps: outcome.steps.map(explain),
    problems: outcome.problems,
    roundTrip:
      trip === null ? null : { ...trip, down: trip.down.map(explain), upAgain: trip.upAgain.map(explain) },
    interrupted: outcome.interrupted ?? false,
  };
}

/**
 * Copies the database to a temporary folder, lets `run` execute a plan on the copy, checks the copy
 * (`integrity_check`, `foreign_key_check`), deletes it and returns the report. The engine of
 * {@link rehearse}; `run` gets the copy's path and must not touch anything else. A step that failed
 * because the disk under the copy filled up says so (and what to do); a full disk outside any step,
 * or while copying, is a `backup_failed` `BackupError` naming the temporary folder.
 *
 * @example
 * const report = await rehearseOnCopy('/srv/app/app.db', async (copy) => {
 *   const db = new DatabaseSync(copy);
 *   const started = performance.now();
 *   db.exec('ALTER TABLE users ADD COLUMN age INTEGER');
 *   db.close();
 *   return { steps: [{ version: 7, name: 'age', durationMs: performance.now() - started, ok: true }], problems: [] };
 * });
 */
export async function rehearseOnCopy(
  databasePath: string,
  run: (copyPath: string) => Promise<RehearsalRun>,
  options: TemporaryCopyOptions = {},
): Promise<RehearsalReport> {
  return withTemporaryCopy(
    databasePath,
    async ({ path, tempDir }) => {
      const { steps, problems, roundTrip, interrupted } = await runOnCopy(run, path, databasePath, tempDir);
      if (interrupted) {
        // The caller wants to stop: checking a large copy could take long, and proves half a plan.
        return {
          ok: false,
          steps,
          problems,
          integrityCheck: [],
          foreignKeyViolations: [],
          roundTrip: null,
          interrupted,
        };
      }
      const db = new DatabaseSync(path);
      let health: ReturnType<typeof checkDatabase>;
      try {
        health = checkDatabase(db);
      } finally {
        db.close();
      }
      const ok =
        problems.length === 0 &&
        steps.every((step) => step.ok) &&
        health.integrityCheck.length === 1 &&
        health.integrityCheck[0] === 'ok' &&
        health.foreignKeyViolations.length === 0 &&
        (roundTrip === null || roundTrip.ok);
      return { ok, steps, problems, ...health, roundTrip, interrupted };
    },
    options,
  );
}
