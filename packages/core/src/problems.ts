import type { SchemaChange } from './schema-changes.ts';

/**
 * Expected failures are data: every problem has a stable snake_case `code` (the CLI's error code and
 * the troubleshooting guide's heading), a one-line `message` naming the file/version, and a `hint`
 * saying what to do next. Structured fields carry the details.
 */
interface ProblemBase {
  readonly message: string;
  readonly hint: string;
}

// ---------------------------------------------------------------------------------------------
// Problems found while turning files into a migration set (nothing runs while any exists).
// ---------------------------------------------------------------------------------------------

/** A version that is 0 (reserved for "nothing applied") or not an exact integer (above 2^53 - 1). */
export interface InvalidVersionProblem extends ProblemBase {
  readonly code: 'invalid_version';
  readonly file: string;
  readonly versionText: string;
}
/** Two or more files share one version (`001_a.sql` + `001_b.sql`, `1_x.sql` + `001_x.sql`, `003_x.sql` + `003_x.ts`). */
export interface DuplicateVersionProblem extends ProblemBase {
  readonly code: 'duplicate_version';
  readonly version: number;
  readonly files: readonly string[];
}
/** The up part has no SQL (only blanks and comments), or the file is empty. */
export interface EmptyUpProblem extends ProblemBase {
  readonly code: 'empty_up';
  readonly file: string;
}
/** `-- migrate:up` after `-- migrate:down`. */
export interface MarkerOrderProblem extends ProblemBase {
  readonly code: 'marker_out_of_order';
  readonly file: string;
  readonly line: number;
}
/** A marker appears twice. */
export interface MarkerRepeatedProblem extends ProblemBase {
  readonly code: 'marker_repeated';
  readonly file: string;
  readonly line: number;
  readonly marker: 'up' | 'down';
}
/** A `-- migrate:down` marker with no up part before it. */
export interface DownWithoutUpProblem extends ProblemBase {
  readonly code: 'down_without_up';
  readonly file: string;
  readonly line: number;
}
/** A marker line with an option gao-db does not know (`-- migrate:up transaction:maybe`). */
export interface MarkerOptionProblem extends ProblemBase {
  readonly code: 'invalid_marker_option';
  readonly file: string;
  readonly line: number;
  readonly option: string;
}
/** The file is not valid UTF-8. */
export interface InvalidUtf8Problem extends ProblemBase {
  readonly code: 'invalid_utf8';
  readonly file: string;
}
/** Both a `-- migrate:down` section and a `.down.sql` file exist for one migration. */
export interface DownConflictProblem extends ProblemBase {
  readonly code: 'down_conflict';
  readonly file: string;
  readonly downFile: string;
}
/** A `.down.sql` file with no `.sql` of the same stem. */
export interface OrphanDownProblem extends ProblemBase {
  readonly code: 'orphan_down_file';
  readonly file: string;
}
/** A `.down.sql` file that contains marker lines (it is all down). */
export interface MarkerInDownFileProblem extends ProblemBase {
  readonly code: 'marker_in_down_file';
  readonly file: string;
  readonly line: number;
}

/** A line that looks like a marker (`-- migrate:...`) but is not `-- migrate:up` or `-- migrate:down`. */
export interface UnknownMarkerProblem extends ProblemBase {
  readonly code: 'unknown_marker';
  readonly file: string;
  readonly line: number;
  /** The marker as written, trimmed (`-- migrate:donw`). */
  readonly marker: string;
}
/** SQL above `-- migrate:up`: it would belong to no part (only comments may come before the marker). */
export interface SqlBeforeUpMarkerProblem extends ProblemBase {
  readonly code: 'sql_before_up_marker';
  readonly file: string;
  /** The line of the first SQL above the marker. */
  readonly line: number;
  readonly markerLine: number;
}

/** A problem with the migration files themselves. */
export type SetProblem =
  | InvalidVersionProblem
  | DuplicateVersionProblem
  | EmptyUpProblem
  | MarkerOrderProblem
  | MarkerRepeatedProblem
  | DownWithoutUpProblem
  | MarkerOptionProblem
  | InvalidUtf8Problem
  | DownConflictProblem
  | OrphanDownProblem
  | MarkerInDownFileProblem
  | UnknownMarkerProblem
  | SqlBeforeUpMarkerProblem;

// ---------------------------------------------------------------------------------------------
// Problems found by comparing the set with the history, or with the requested command.
// ---------------------------------------------------------------------------------------------

/** An applied migration's file changed since it was applied. */
export interface ChecksumMismatchProblem extends ProblemBase {
  readonly code: 'checksum_mismatch';
  readonly version: number;
  readonly file: string;
  readonly recorded: string;
  readonly actual: string;
}
/** A migration is recorded as applied but its file is gone. */
export interface MissingFileProblem extends ProblemBase {
  readonly code: 'missing_file';
  readonly version: number;
  readonly migrationName: string;
}
/** A pending migration's version is lower than the highest applied one. */
export interface OutOfOrderProblem extends ProblemBase {
  readonly code: 'out_of_order';
  readonly version: number;
  readonly file: string;
  readonly highestApplied: number;
}
/** A migration that ran outside a transaction failed and may be half-applied: a person must decide. */
export interface NeedsRepairProblem extends ProblemBase {
  readonly code: 'needs_repair';
  readonly version: number;
  readonly migrationName: string;
  readonly error: string | null;
}
/**
 * A warning: a migration's last attempt failed in a transaction (so nothing of it stayed) and its
 * file is gone since. Its `failed` row stays in the history until it is cleared.
 */
export interface FailedFileMissingProblem extends ProblemBase {
  readonly code: 'failed_file_missing';
  readonly version: number;
  readonly migrationName: string;
  readonly error: string | null;
}
/**
 * A migration to roll back has a down part that changed after it was applied: a warning, not a
 * refusal (fixing a broken down part is a normal edit), so the user knows which version runs.
 */
export interface DownChangedProblem extends ProblemBase {
  readonly code: 'down_changed';
  readonly version: number;
  /** The file holding the down part (the `.down.sql`, or the migration itself). */
  readonly file: string;
  readonly recorded: string;
  readonly actual: string;
}
/** A migration to roll back has no down part. */
export interface NoDownProblem extends ProblemBase {
  readonly code: 'no_down';
  readonly version: number;
  readonly file: string;
}
/** A rollback count that is 0, negative or not an integer. */
export interface InvalidCountProblem extends ProblemBase {
  readonly code: 'invalid_count';
  readonly count: number;
}
/** More migrations asked to roll back than are applied. */
export interface CountExceedsAppliedProblem extends ProblemBase {
  readonly code: 'count_exceeds_applied';
  readonly count: number;
  readonly applied: number;
}
/** `--to V` names a version that is not a migration (migrate, baseline) or not applied (rollback). */
export interface UnknownTargetProblem extends ProblemBase {
  readonly code: 'unknown_target';
  readonly target: number;
}
/** `migrate --to V` with V below the current version (that is a rollback), or baseline below applied work. */
export interface TargetBehindProblem extends ProblemBase {
  readonly code: 'target_behind';
  readonly target: number;
  readonly currentVersion: number;
}
/** `rollback --to V` with V above the current version: a rollback only goes down. */
export interface TargetAheadProblem extends ProblemBase {
  readonly code: 'target_ahead';
  readonly target: number;
  /** `null`: nothing is applied. */
  readonly currentVersion: number | null;
}
/** A code migration's module was not loaded before planning (a bug in the caller). */
export interface ModuleNotLoadedProblem extends ProblemBase {
  readonly code: 'module_not_loaded';
  readonly version: number;
  readonly file: string;
}

/** Where a statement found in a migration's SQL before it runs starts, and how it begins. */
interface StatementProblemBase extends ProblemBase {
  readonly version: number;
  /** The file holding the part (the `.down.sql`, or the migration itself). */
  readonly file: string;
  /** 1-based line of `file` where the statement starts. */
  readonly line: number;
  /** The statement's start as written, on one line (`COMMIT`, `PRAGMA journal_mode = WAL`). */
  readonly statement: string;
}
/**
 * A part that runs in gao-db's transaction holds BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT or RELEASE:
 * it would be refused while running, so the plan is refused before anything runs.
 */
export interface TransactionControlProblem extends StatementProblemBase {
  readonly code: 'transaction_control';
}
/** A part that runs in a transaction holds VACUUM, ATTACH, DETACH or a `PRAGMA journal_mode` change. */
export interface NeedsTransactionFalseProblem extends StatementProblemBase {
  readonly code: 'needs_transaction_false';
}
/**
 * A warning: a part that runs in a transaction sets `PRAGMA foreign_keys`, which SQLite ignores
 * there (gao-db already turns enforcement off while a migration runs and checks the keys after it).
 */
export interface ForeignKeysPragmaProblem extends StatementProblemBase {
  readonly code: 'foreign_keys_pragma';
}

/**
 * A warning: a part marked `transaction:false` runs more than one statement; if one fails, the
 * ones before it stay, and the migration needs a repair. `line` and `statement` are the second
 * statement's.
 */
export interface StatementsOutsideTransactionProblem extends StatementProblemBase {
  readonly code: 'statements_outside_transaction';
  /** How many statements the part runs. */
  readonly count: number;
}

/**
 * A run asked to be all-or-nothing (one transaction for every step) holds a part marked
 * `transaction:false`, which cannot run inside that transaction.
 */
export interface TransactionFalseInAllOrNothingProblem extends ProblemBase {
  readonly code: 'transaction_false_in_all_or_nothing';
  readonly version: number;
  /** The file holding the part (the `.down.sql`, or the migration itself). */
  readonly file: string;
  readonly direction: 'up' | 'down';
}

/**
 * A warning: the database's schema is not the one gao-db recorded with its newest event (a table,
 * index, view or trigger was created, changed or dropped by hand since). The adapter finds it.
 */
export interface SchemaDriftProblem extends ProblemBase {
  readonly code: 'schema_drift';
  /** The version of the newest event, the one that recorded the schema. */
  readonly version: number;
  /** That event's time and kind (`applied`, `rolled_back`, ...). */
  readonly since: string;
  readonly eventKind: string;
  /** What was created, changed or dropped, when the adapter kept the schema it recorded; else `null`. */
  readonly changes: readonly SchemaChange[] | null;
}

/** A problem that forbids running a command. */
export type PlanProblem =
  | ChecksumMismatchProblem
  | MissingFileProblem
  | OutOfOrderProblem
  | NeedsRepairProblem
  | FailedFileMissingProblem
  | DownChangedProblem
  | NoDownProblem
  | InvalidCountProblem
  | CountExceedsAppliedProblem
  | UnknownTargetProblem
  | TargetBehindProblem
  | TargetAheadProblem
  | ModuleNotLoadedProblem
  | TransactionControlProblem
  | NeedsTransactionFalseProblem
  | ForeignKeysPragmaProblem
  | StatementsOutsideTransactionProblem
  | TransactionFalseInAllOrNothingProblem
  | SchemaDriftProblem;

/** Any problem the core reports. */
export type Problem = SetProblem | PlanProblem;

/** Every problem code, for exhaustive documentation and CLI mapping. */
export type ProblemCode = Problem['code'];
