import type {
  ApplyStep,
  ChecksumFill,
  FileChecksumFill,
  History,
  HistoryRecord,
  PlanProblem,
  Result,
  RevertStep,
} from '@gao/migrate-core';
import { classifySqliteError } from './database-errors.ts';
import { DatabaseError, duringStep, MigrationFailedError, type StepResult, thrownText } from './errors.ts';
import { foreignKeysEnabled, setForeignKeys } from './foreign-keys.ts';
import { GaoDbError } from './gao-db-error.ts';
import { readHistory } from './history-store.ts';
import { beginImmediate, commit, rollbackQuietly } from './lock.ts';
import { guardMigration, type MigrationGuard } from './migration-guard.ts';
import { type MigrationPart, migrationPart } from './migration-part.ts';
import { focusOn, recordChecksumFills, recordFileChecksums, recordInterruption } from './record-outcome.ts';
import type { RunContext } from './run-context.ts';
import { ensureHistoryTables, type HistoryShape, readHistoryShape } from './schema.ts';
import { readDataVersion } from './statement-cache.ts';
import { executeStep, type StepDone, StepFailure, StepInterrupted } from './step-executor.ts';

/** What the planner says once the lock is held. */
export interface FreshPlan<S> {
  readonly steps: readonly S[];
  readonly checksumFills: readonly ChecksumFill[];
  /** File checksums of rows written before gao-db recorded them (no event: bookkeeping only). */
  readonly fileChecksumFills?: readonly FileChecksumFill[];
}

/** A run of apply or revert steps. */
export interface StepsRun<S extends ApplyStep | RevertStep> {
  /** The plan made before the lock: what the user saw. Steps outside it never run. */
  readonly advisory: readonly S[];
  /** Plans again from the history read inside the lock: the only plan that counts. */
  readonly replan: (history: History) => Result<FreshPlan<S>, PlanProblem>;
  /**
   * The advisory read and what `replan` gives for it. When `PRAGMA data_version` inside the first
   * lock is still `dataVersion`, no other connection committed since that read: the history is not
   * read again nor the plan made again.
   */
  readonly advisoryRead?: AdvisoryRead<S> | undefined;
  /**
   * Checked before each step and when a transactional step's body returns: once aborted, no further
   * step starts, and a transactional step that was running is rolled back (a `transaction:false` one
   * cannot be, so it finishes).
   */
  readonly signal?: AbortSignal | undefined;
}

/** The history read before the lock, the data version read just before it, and its plan. */
export interface AdvisoryRead<S> {
  readonly dataVersion: number;
  readonly shape: HistoryShape;
  readonly history: History;
  readonly fresh: FreshPlan<S>;
}

/** The steps done, or the planner's refusal (only possible before the first step ran). */
export type StepsOutcome =
  | {
      readonly ok: true;
      readonly steps: readonly StepResult[];
      /** The signal stopped the run with steps of the plan left undone. */
      readonly interrupted: boolean;
      /**
       * The highest applied version as the runner last read or wrote it inside the lock, or
       * `undefined` when it cannot vouch for it (the caller reads the history then).
       */
      readonly finalVersion: number | null | undefined;
    }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** The highest applied version among the records. */
export function highestOf(records: ReadonlyMap<number, HistoryRecord>): number | null {
  let highest: number | null = null;
  for (const record of records.values()) {
    if (record.status === 'success' && (highest === null || record.version > highest))
      highest = record.version;
  }
  return highest;
}

/** Another process changed the history so that the plan the user saw no longer holds. */
export function planChanged(database: string, detail: string): DatabaseError {
  return new DatabaseError(
    'plan_changed',
    `The database ${database} changed while gao-db was waiting for the lock: ${detail}. Nothing more was run.`,
    {
      hint: 'Another process changed the migration history. Run the command again to see the new plan.',
      database,
    },
  );
}

function failureHint(part: MigrationPart, cause: unknown, undone: number): string {
  const { migration } = part;
  const up = part.direction === 'up';
  const base = !part.transactional
    ? `It ran outside a transaction and may be half-${up ? 'applied' : 'rolled back'}: check the database, finish or undo the change by hand, then run gao-db repair mark-applied ${migration.version} or gao-db repair mark-rolled-back ${migration.version}.`
    : up
      ? 'Nothing of it was applied and the failure is recorded; fix the migration, then run gao-db migrate again to retry it.'
      : `Nothing was rolled back and ${migration.id} stays applied; fix its down part, then run gao-db rollback again.`;
  const run =
    undone === 0
      ? ''
      : ` All or nothing: the ${undone === 1 ? 'migration' : `${undone} migrations`} this run ${up ? 'applied' : 'rolled back'} before it ${undone === 1 ? 'was' : 'were'} undone with it, so the database is as it was before the run.`;
  return `${cause instanceof GaoDbError ? `${cause.hint} ` : ''}${base}${run}`;
}

/**
 * The error a failed step ends the run with, after `step_failed` is emitted: the database's own fault
 * (read-only, full, corrupt, locked) as it is, else a {@link MigrationFailedError} naming the part.
 * `undone`: the steps an all-or-nothing run rolled back with it.
 */
export function stepFailedError(
  context: RunContext,
  part: MigrationPart,
  at: { readonly step: ApplyStep | RevertStep; readonly index: number; readonly total: number },
  failure: StepFailure,
  completed: readonly StepResult[],
  undone: readonly StepResult[] = [],
): Error {
  const { step, index, total } = at;
  const cause = failure.cause instanceof Error ? failure.cause : new Error(thrownText(failure.cause));
  context.emit({ type: 'step_failed', index, total, step, error: cause, durationMs: failure.durationMs });
  if (failure.cause instanceof DatabaseError) {
    return duringStep(failure.cause, { version: step.migration.version, file: part.file, completed, undone });
  }
  return new MigrationFailedError({
    direction: part.direction,
    version: step.migration.version,
    file: part.file,
    cause: failure.cause,
    completed: [...completed],
    undone: [...undone],
    hint: failureHint(part, failure.cause, undone.length),
    recordError: failure.recordError,
    statement: failure.statement,
  });
}

/** What a step that ran reports. */
export function stepResult(
  step: ApplyStep | RevertStep,
  part: MigrationPart,
  durationMs: number,
): StepResult {
  const { version, name } = step.migration;
  return { kind: step.kind, version, name, file: part.file, durationMs };
}

/**
 * What the runner knows between its own steps: the records and the plan it read and made inside the
 * lock, advanced by its own commits. Valid while `PRAGMA data_version` is unchanged (it changes only
 * when another connection commits), so the next step needs no re-read and no re-plan.
 */
export interface Known<S> {
  readonly dataVersion: number;
  readonly records: Map<number, HistoryRecord>;
  readonly steps: readonly S[];
  /** How many of `steps` this runner has done since the plan was made. */
  done: number;
}

/** Where a run stands between steps. */
export interface RunState<S> {
  /** The versions of the advisory plan: nothing else may run. */
  readonly allowed: ReadonlySet<number>;
  known: Known<S> | null;
  fillsDone: boolean;
  /** The advisory read, until the first lock has used or dropped it. */
  advisoryRead: AdvisoryRead<S> | undefined;
}

/** Brings the tables up to date and writes the fills (first lock only), inside the lock. */
function settleInLock<S extends ApplyStep | RevertStep>(
  context: RunContext,
  state: RunState<S>,
  version: number,
  read: { readonly shape: HistoryShape; readonly history: History },
  fresh: FreshPlan<S>,
): { known: Known<S>; fills: readonly ChecksumFill[] } {
  ensureHistoryTables(context.db, read.shape);
  const fills = state.fillsDone ? [] : fresh.checksumFills;
  const filled = recordFileChecksums(
    context,
    state.fillsDone ? [] : (fresh.fileChecksumFills ?? []),
    recordChecksumFills(context, fills, read.history),
  );
  const records = new Map(filled.records.map((record) => [record.version, record]));
  return { known: { dataVersion: version, records, steps: fresh.steps, done: 0 }, fills };
}

/** Reads the history and plans again (first step, or another connection committed meanwhile). */
function replanInLock<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
  state: RunState<S>,
  version: number,
): { problems: readonly PlanProblem[] } | { known: Known<S>; fills: readonly ChecksumFill[] } {
  const { db, database } = context;
  // First lock only: the advisory read still holds when nobody committed since it.
  const advisory = state.advisoryRead;
  state.advisoryRead = undefined;
  if (advisory !== undefined && advisory.dataVersion === version) {
    return settleInLock(context, state, version, advisory, advisory.fresh);
  }
  const shape = readHistoryShape(db, database);
  const history = readHistory(db, shape, database, { events: false });
  const fresh = run.replan(history);
  if (!fresh.ok) return { problems: fresh.problems };
  return settleInLock(context, state, version, { shape, history }, fresh.value);
}

/** Locks, re-reads and re-plans if needed, brings the tables up to date; returns the step to run now, if any. */
export function lockAndChoose<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
  state: RunState<S>,
  completed: number,
):
  | { problems: readonly PlanProblem[] }
  | { step: S | undefined; total: number; fills: readonly ChecksumFill[]; known: Known<S> } {
  const { db, database } = context;
  beginImmediate(db, context, context.onWait);
  try {
    const version = readDataVersion(db);
    let known = state.known;
    let fills: readonly ChecksumFill[] = [];
    if (known === null || known.dataVersion !== version) {
      const replanned = replanInLock(context, run, state, version);
      if ('problems' in replanned) {
        const { problems } = replanned;
        if (completed === 0) {
          rollbackQuietly(db);
          return { problems };
        }
        throw planChanged(database, problems.map((problem) => problem.message).join('; '));
      }
      ({ known, fills } = replanned);
    }
    const step = known.steps[known.done];
    if (step !== undefined && !state.allowed.has(step.migration.version)) {
      throw planChanged(database, `${step.migration.file} is now due, and it was not in the plan`);
    }
    if (step === undefined) commit(db, context);
    return { step, total: completed + known.steps.length - known.done, fills, known };
  } catch (error) {
    rollbackQuietly(db);
    throw classifySqliteError(error, context) ?? error;
  }
}

/**
 * Runs apply or revert steps one by one, each under its own `BEGIN IMMEDIATE`. Inside the lock it
 * re-reads the history and re-plans when another connection committed: a runner that waited for
 * another one finds the work done and skips it. Foreign keys are turned off once before the first
 * `BEGIN` (inside a transaction SQLite ignores it; also again after a `transaction:false` part, which
 * may have turned them on) and restored once at the end, also on failure or interruption. The
 * transaction guard (an authorizer) is installed once for the run and denies only while a part runs.
 * Checksums of old rows are filled in with the first lock. A failing step stops the run with
 * {@link MigrationFailedError}; an aborted `signal` stops it before the next step, rolling back a transactional step it interrupted.
 *
 * @example
 * const outcome = await runSteps(context, { advisory: plan.steps, replan: (h) => planMigrate(set, h) });
 */
export async function runSteps<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
): Promise<StepsOutcome> {
  return withStepGuards(context, (guard, checkForeignKeys) =>
    runGuarded(context, run, guard, checkForeignKeys),
  );
}

/**
 * What every run of steps needs around it: foreign-key enforcement off before the first `BEGIN`
 * (`checkForeignKeys`: it was on, so each step checks the keys) and restored at the end, the
 * transaction guard installed once, and whatever is still open rolled back, also on failure.
 */
export async function withStepGuards<T>(
  context: RunContext,
  body: (guard: MigrationGuard, checkForeignKeys: boolean) => Promise<T>,
): Promise<T> {
  const { db } = context;
  const checkForeignKeys = foreignKeysEnabled(db);
  if (checkForeignKeys) setForeignKeys(db, false);
  let guard: MigrationGuard | null = null;
  try {
    guard = guardMigration(db);
    return await body(guard, checkForeignKeys);
  } finally {
    rollbackQuietly(db);
    guard?.release();
    if (checkForeignKeys) setForeignKeys(db, true);
  }
}

/** One turn of the event loop, so a Ctrl+C (stdin data, SIGINT) reaches the signal's owner. */
export function turn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

async function runGuarded<S extends ApplyStep | RevertStep>(
  context: RunContext,
  run: StepsRun<S>,
  guard: MigrationGuard,
  checkForeignKeys: boolean,
): Promise<StepsOutcome> {
  const { db } = context;
  const completed: StepResult[] = [];
  const allowed = new Set(run.advisory.map((step) => step.migration.version));
  const state: RunState<S> = { allowed, known: null, fillsDone: false, advisoryRead: run.advisoryRead };
  for (;;) {
    // node:sqlite is synchronous: without a turn of the event loop between steps, a Ctrl+C (stdin
    // data, SIGINT) could not reach the caller that owns the signal until the whole run is over.
    if (run.signal !== undefined) await turn();
    if (run.signal?.aborted === true) {
      const { known } = state;
      const left = known === null ? run.advisory.length - completed.length : known.steps.length - known.done;
      const next = known === null ? run.advisory[completed.length] : known.steps[known.done];
      // Something of this run committed: the log says where it stopped, with the schema it left.
      if (completed.length > 0 && next !== undefined) {
        recordInterruption(context, {
          step: next,
          cancelled: false,
          done: completed.length,
          total: completed.length + left,
        });
      }
      return {
        ok: true,
        steps: completed,
        interrupted: left > 0,
        finalVersion: known === null ? undefined : highestOf(known.records),
      };
    }
    try {
      const chosen = lockAndChoose(context, run, state, completed.length);
      if ('problems' in chosen) return { ok: false, problems: chosen.problems };
      state.fillsDone = true;
      // Until this step is recorded, what the runner knows is in doubt (a failure ends the run anyway).
      state.known = null;
      const { step, total, known } = chosen;
      if (step === undefined) {
        for (const fill of chosen.fills) context.emit({ type: 'checksum_recorded', version: fill.version });
        return { ok: true, steps: completed, interrupted: false, finalVersion: highestOf(known.records) };
      }
      let part: MigrationPart;
      try {
        part = migrationPart(step.migration, step.kind === 'apply' ? 'up' : 'down', context.modules);
      } catch (error) {
        rollbackQuietly(db);
        throw error;
      }
      const index = completed.length;
      context.emit({ type: 'step_started', index, total, step });
      const { version } = step.migration;
      const before = focusOn(known.records.get(version));
      let done: StepDone;
      try {
        done = await executeStep(context, part, {
          step,
          checkForeignKeys,
          before,
          guard,
          signal: run.signal,
          last: known.done === known.steps.length - 1,
        });
      } catch (error) {
        // Stopped while it ran: rolled back, so what the runner knew before the step still holds.
        if (error instanceof StepInterrupted) {
          recordInterruption(context, { step, cancelled: true, done: completed.length, total });
          return { ok: true, steps: completed, interrupted: true, finalVersion: highestOf(known.records) };
        }
        if (!(error instanceof StepFailure)) throw error;
        throw stepFailedError(context, part, { step, index, total }, error, completed);
      } finally {
        // A part outside a transaction may have turned enforcement on: the next BEGIN needs it off.
        if (checkForeignKeys && !part.transactional) setForeignKeys(db, false);
        // A code migration holds the connection: it may have replaced the run's authorizer.
        if (step.migration.kind === 'code') guard.reinstall();
      }
      const { durationMs, after } = done;
      if (after !== null) {
        const [record] = after.records;
        if (record === undefined) known.records.delete(version);
        else known.records.set(version, record);
        known.done++;
        state.known = known;
      }
      // The fills committed together with the first step.
      for (const fill of chosen.fills) context.emit({ type: 'checksum_recorded', version: fill.version });
      completed.push(stepResult(step, part, durationMs));
      context.emit({ type: 'step_finished', index, total, step, durationMs });
    } finally {
      rollbackQuietly(db);
    }
  }
}
