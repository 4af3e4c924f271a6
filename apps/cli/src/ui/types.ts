import type {
  History,
  HistoryEvent,
  MigratePlan,
  PlanProblem,
  Result,
  RollbackPlan,
  RollbackTarget,
  SchemaChange,
  StatusReport,
} from '@gao/migrate-core';
import type { ProgressEvent } from '@gao/migrate-sqlite';
import type { RehearsalReport } from '../adapter/migrator-port.ts';

/** One backup file, as the adapter lists it (newest first). */
export interface UiBackupInfo {
  readonly path: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly sizeBytes: number;
  /** Why it was taken: `pre-migrate`, `pre-rollback`, `manual`, ... */
  readonly reason: string;
}

/** What the dashboard header and table show: one read-only look at the database. */
export interface UiInspection {
  /** The database path as the user should read it (the CLI may shorten it relative to the cwd). */
  readonly database: string;
  readonly sizeBytes: number;
  /** `PRAGMA journal_mode` (`wal`, `delete`, ...); `null` when unknown (no file yet). */
  readonly journalMode: string | null;
  readonly lastBackup: UiBackupInfo | null;
  readonly status: StatusReport;
  readonly history: History;
  /**
   * The schema is not the one gao-db recorded with its newest event (`since`): changed by hand.
   * Absent or `null`: it is, or nothing can be said.
   */
  readonly schemaDrift?: {
    readonly since: HistoryEvent;
    /** What was created, changed or dropped; `null` or absent when not known. */
    readonly changes?: readonly SchemaChange[] | null;
  } | null;
}

/** The adapter's typed progress stream: a type-only import, so the UI still loads no adapter code. */
export type UiProgressEvent = ProgressEvent;

/**
 * What a run hands the backend: the listener for progress events, and a signal that is aborted when
 * the user asks to stop (Ctrl+C). On abort the backend finishes the running migration, starts no
 * other, and resolves with what ran (or rejects with an `AbortError`); it must not kill the process.
 */
export interface UiRunControl {
  readonly onEvent: (event: UiProgressEvent) => void;
  readonly signal: AbortSignal;
}

/**
 * How a run ended when nothing failed: the adapter's `RunReport` fits this shape. A migration that
 * fails rejects instead, with an error carrying `message`, and when it has them `code` and `hint`.
 */
export type UiRunReport =
  | { readonly ok: true; readonly finalVersion: number | null }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** What the dashboard's `v` shows: problems (what `validate` exits 3 on) and warnings. */
export interface UiValidation {
  readonly problems: readonly PlanProblem[];
  readonly warnings: readonly PlanProblem[];
}

/** What a rehearsal of the pending migrations on a copy found (the dashboard's `t`). */
export type UiRehearsal = RehearsalReport;

/**
 * The port the terminal UI drives; the CLI implements it over the Migrator. Every method is async and
 * may reject with an error carrying `message`, `code` and `hint` (shown on screen, never thrown out).
 *
 * @example
 * const backend: UiBackend = {
 *   inspect: async () => ({ ...inspection, journalMode: 'wal' }),
 *   planMigrate: (options) => migrator.planMigrate(options),
 *   planRollback: (target) => migrator.planRollback(target),
 *   migrate: (options, run) => migrateWithStop(migrator, options, run),
 *   rollback: (target, run) => rollbackWithStop(migrator, target, run),
 *   validate: async () => ({ problems: (await migrator.inspect()).status.problems, warnings: [] }),
 *   listBackups: () => migrator.listBackups(),
 *   restoreBackup: (path) => migrator.restoreBackup(path),
 * };
 */
export interface UiBackend {
  /** Reads the database without changing it. */
  inspect(): Promise<UiInspection>;
  /** What `migrate` would run (read-only). */
  planMigrate(options: { readonly to?: number }): Promise<Result<MigratePlan, PlanProblem>>;
  /** What `rollback` would run (read-only). */
  planRollback(target: RollbackTarget): Promise<Result<RollbackPlan, PlanProblem>>;
  /** Applies pending migrations, reporting progress through `run.onEvent`. */
  migrate(options: { readonly to?: number }, run: UiRunControl): Promise<UiRunReport>;
  /** Rolls back, reporting progress through `run.onEvent`. */
  rollback(target: RollbackTarget, run: UiRunControl): Promise<UiRunReport>;
  /** What `gao-db validate` finds: every problem between the files and the history, and the warnings. */
  validate(): Promise<UiValidation>;
  /** `gao-db migrate --rehearse`: the pending migrations run on a temporary copy; the database is not changed. */
  rehearse(): Promise<UiRehearsal>;
  /** Backups of this database, newest first. */
  listBackups(): Promise<readonly UiBackupInfo[]>;
  /**
   * Replaces the database with the backup at `path` (one of {@link UiBackend.listBackups}); the
   * database as it was is kept first as a safety backup when it exists.
   */
  restoreBackup(path: string): Promise<UiRestoreResult>;
}

/** What a restore did: where the database as it was before is kept (`null`: there was none). */
export interface UiRestoreResult {
  readonly safetyBackup: UiBackupInfo | null;
}

/**
 * How an interactive screen ended, with the exit code to use: `0` done or quit, `1` a migration
 * failed (or the backend threw: map `error` with the CLI's own `exitCodeFor` for a finer code),
 * `2` not confirmed, `3` the planner refused, `130` stopped with Ctrl+C.
 */
export interface UiResult {
  readonly outcome: 'done' | 'quit' | 'failed' | 'not_confirmed' | 'refused' | 'interrupted';
  readonly exitCode: 0 | 1 | 2 | 3 | 130;
  /** The error a run or the backend threw (`outcome: 'failed'`). */
  readonly error?: unknown;
  /**
   * Ctrl+C was pressed twice: the screen stopped waiting for the running migration, which may still
   * be running (on the migration thread). The host should end the process at once.
   */
  readonly abandoned?: boolean;
  readonly problems?: readonly PlanProblem[];
}

/** Where an interactive screen renders; defaults to the process's streams. */
export interface UiStreams {
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
}

/** Where SIGINT comes from when stdin is not in raw mode (defaults to `process`). */
export interface InterruptSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}
