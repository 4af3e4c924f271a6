/**
 * The part of `@gao/migrate-sqlite`'s Migrator the CLI uses (docs/design/sqlite-api.md), as a small
 * structural port: commands code against it, tests pass an in-memory fake, and
 * `open-sqlite-migrator.ts` adapts the real class.
 */
import type {
  History,
  HistoryEvent,
  MigratePlan,
  MigrationSet,
  PlanProblem,
  Result,
  RollbackPlan,
  StatusReport,
} from '@gao/migrate-core';
import type { MigrationLogger, ProgressEvent } from '@gao/migrate-sqlite';

/** One backup file. */
export interface BackupInfo {
  readonly path: string;
  readonly createdAt: string;
  readonly sizeBytes: number;
  readonly reason: string;
}

/** What `inspect()` reads without changing anything. */
export interface Inspection {
  readonly database: string;
  readonly exists: boolean;
  readonly sizeBytes: number;
  /** `PRAGMA journal_mode`; `null` when the file does not exist, absent from adapters that do not read it. */
  readonly journalMode?: string | null;
  readonly set: MigrationSet;
  readonly history: History;
  readonly status: StatusReport;
  readonly lastBackup: BackupInfo | null;
  /** The schema is not the one gao-db recorded with its newest event; absent from adapters that do not tell. */
  readonly schemaDrift?: SchemaDrift | null;
}

/** A schema changed outside gao-db since its newest event recorded it. */
export interface SchemaDrift {
  readonly since: HistoryEvent;
  readonly recorded: string;
  readonly current: string;
  /** What was created, changed or dropped since; `null` or absent when only the fingerprints tell. */
  readonly changes?: readonly SchemaDifference[] | null;
}

/** One step that ran. */
export interface StepResult {
  readonly kind: 'apply' | 'revert' | 'baseline' | 'repair';
  readonly version: number;
  readonly name: string;
  readonly file: string | null;
  readonly durationMs: number;
}

/** What a changing command did, or the problems that stopped it before anything ran. */
export type RunReport =
  | {
      readonly ok: true;
      /** The plan that ran (a repair's is not a core plan; the CLI does not read it). */
      readonly plan: unknown;
      readonly steps: readonly StepResult[];
      readonly backup: BackupInfo | null;
      readonly finalVersion: number | null;
      /** An aborted signal stopped the run between steps with work left undone. */
      readonly interrupted?: true;
    }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** One migration run on a rehearsal's copy. */
export interface RehearsedStep {
  readonly version: number;
  readonly name: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** A table, index, view or trigger that differs between two schemas (two points of a round trip, the recorded one and now). */
export interface SchemaDifference {
  readonly type: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before: string | null;
  readonly after: string | null;
  /** A changed table's columns that differ, each as declared before and after (absent when not known). */
  readonly columns?: readonly ColumnDifference[];
}

/** A column that differs between two `CREATE TABLE` statements of a table. */
export interface ColumnDifference {
  readonly column: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The column as declared (`TEXT NOT NULL DEFAULT 'x'`), `null` where it does not exist. */
  readonly before: string | null;
  readonly after: string | null;
}

/** A table whose row count differs between two points of a round trip. */
export interface RowCountDifference {
  readonly table: string;
  readonly before: number;
  readonly after: number;
}

/** Up, down, up again on the rehearsal's copy (`--round-trip`). */
export interface RoundTripReport {
  readonly ok: boolean;
  readonly down: readonly RehearsedStep[];
  readonly upAgain: readonly RehearsedStep[];
  /** Left different by the down parts from the schema before the migrations. */
  readonly notUndone: readonly SchemaDifference[];
  /** Made different by the second run of the up parts from the first. */
  readonly notRepeated: readonly SchemaDifference[];
  /** Tables whose row count the down parts left different from before the migrations. */
  readonly rowsNotUndone: readonly RowCountDifference[];
  /** Tables whose row count the second run of the up parts made different from the first. */
  readonly rowsNotRepeated: readonly RowCountDifference[];
  readonly problems: readonly PlanProblem[];
  readonly skipped: string | null;
}

/** What a rehearsal on a temporary copy found. */
export interface RehearsalReport {
  readonly ok: boolean;
  readonly steps: readonly RehearsedStep[];
  readonly integrityCheck: readonly string[];
  readonly foreignKeyViolations: readonly {
    readonly table: string;
    readonly rowid: number | null;
    readonly parent: string;
  }[];
  readonly problems: readonly PlanProblem[];
  /** `null` unless asked for and every step ran. */
  readonly roundTrip: RoundTripReport | null;
  /** Stopped by its `signal` before the end (then not `ok`, and the copy was not checked). */
  readonly interrupted?: boolean;
}

/** The adapter's typed progress stream (a type only: importing it loads nothing). */
export type { ProgressEvent };

/** What `repair` records. */
export type RepairActionName = 'mark_applied' | 'mark_rolled_back' | 'accept_checksum';

/** How a command opens the adapter. */
export interface MigratorOptions {
  readonly database: string;
  readonly migrationsDir: string;
  readonly busyTimeoutMs: number;
  readonly backup: false | { readonly dir: string | undefined; readonly keep: number | undefined };
  readonly allowOutOfOrder: boolean;
  /** `migrate` and `rollback` run every step in one transaction (`--all-or-nothing`). */
  readonly allOrNothing: boolean;
  readonly onEvent: (event: ProgressEvent) => void;
  /** `ctx.logger` of code migrations run on this thread (default: lines on stderr). */
  readonly logger?: MigrationLogger;
  /**
   * Run `migrate`, `rollback` and their rehearsals on a worker thread of their own (the terminal
   * UI): this thread stays free to draw and to take Ctrl+C while a long statement runs. Everything
   * else runs here.
   */
  readonly thread?: boolean;
}

/** The Migrator, as the CLI uses it. */
export interface MigratorPort {
  inspect(options?: { readonly allowMissing?: boolean }): Promise<Inspection>;
  /** The database's history and event log only: works while a migration file is broken. */
  history(): Promise<History>;
  planMigrate(options: { readonly to?: number }): Promise<Result<MigratePlan, PlanProblem>>;
  planRollback(
    target: { readonly count: number } | { readonly to: number },
  ): Promise<Result<RollbackPlan, PlanProblem>>;
  /** `signal`: once aborted, the run stops after the migration that is running (the terminal's Ctrl+C). */
  migrate(options: { readonly to?: number; readonly signal?: AbortSignal }): Promise<RunReport>;
  rollback(
    target: { readonly count: number } | { readonly to: number },
    options?: { readonly signal?: AbortSignal },
  ): Promise<RunReport>;
  baseline(version: number): Promise<RunReport>;
  repair(version: number, action: RepairActionName): Promise<RunReport>;
  /** `signal`: once aborted, the rehearsal stops at the migration that is running and deletes its copy. */
  rehearse(options: {
    readonly to?: number;
    readonly roundTrip?: boolean;
    readonly signal?: AbortSignal;
  }): Promise<RehearsalReport>;
  /** The rollback plan run on a temporary copy (`rollback --rehearse`). */
  rehearseRollback(
    target: { readonly count: number } | { readonly to: number },
    options?: { readonly signal?: AbortSignal },
  ): Promise<RehearsalReport>;
  listBackups(): Promise<readonly BackupInfo[]>;
  createBackup(): Promise<BackupInfo>;
  /** Restores `path` over the database; the state before is kept as a safety backup when there was one. */
  restoreBackup(path: string): Promise<{ readonly safetyBackup: BackupInfo | null }>;
  close(): void;
}

/** Opens a migrator (lazily loading the adapter). */
export type MigratorFactory = (options: MigratorOptions) => Promise<MigratorPort>;
