import { checksumFillsOf } from './checksum-fills.ts';
import type { History, HistoryRecord } from './history.ts';
import { highestApplied, isPendingWork, type MatchedVersion, matchHistory } from './match-history.ts';
import type { IgnoredFile, Migration, MigrationSet } from './migration.ts';
import { MIGRATION_STATES, type MigrationState, stateOf } from './migration-state.ts';
import type { ChecksumFill } from './plan.ts';
import type { PlanProblem } from './problems.ts';
import { addStatementFindings } from './statement-problems.ts';
import { problemsOf } from './validate.ts';

/** One row of `gao-db status`: a migration file, a record without a file, or both. */
export interface MigrationStatus {
  readonly version: number;
  /** As written in the file name, or as stored when the file is missing. */
  readonly versionText: string;
  readonly name: string;
  /** The file stem, or the record's `migration_name` when the file is missing. */
  readonly id: string;
  /** `null` when the file is missing. */
  readonly file: string | null;
  readonly state: MigrationState;
  readonly migration: Migration | null;
  readonly record: HistoryRecord | null;
}

/** Everything `gao-db status` shows. */
export interface StatusReport {
  /** Every migration and every record without a file, sorted by version (numerically). */
  readonly migrations: readonly MigrationStatus[];
  readonly ignored: readonly IgnoredFile[];
  /** The highest version with a success record (`null`: nothing applied). */
  readonly currentVersion: number | null;
  /** How many rows are in each state; the counts sum to `migrations.length`. */
  readonly counts: Readonly<Record<MigrationState, number>>;
  /**
   * What {@link validate} returns, then the statements of pending SQL up parts that `migrate` would
   * refuse (`transaction_control`, `needs_transaction_false`).
   */
  readonly problems: readonly PlanProblem[];
  /** Records without a checksum that are accepted; the adapter records their checksum. */
  readonly checksumFills: readonly ChecksumFill[];
}

/** How a row is named: from its file, or from its record when the file is gone. */
function namingOf(row: MatchedVersion): Pick<MigrationStatus, 'versionText' | 'name' | 'id' | 'file'> {
  if (row.migration !== null) {
    const { versionText, name, id, file } = row.migration;
    return { versionText, name, id, file };
  }
  const { versionText, migrationName } = row.record;
  // The part after the first `_` of the stem (`001_create_users` -> `create_users`).
  const separator = migrationName.indexOf('_');
  const name = separator === -1 ? migrationName : migrationName.slice(separator + 1);
  return { versionText, name, id: migrationName, file: null };
}

/** `problems`, then the statement problems of the pending SQL up parts (warnings are the plan's). */
function pendingStatementProblems(rows: readonly MatchedVersion[], problems: PlanProblem[]): PlanProblem[] {
  const pending = rows.filter(isPendingWork).map((row) => row.migration);
  addStatementFindings(pending, 'up', problems, []);
  return problems;
}

/**
 * Compares the migration set with the history: the state of every version, the current version,
 * the problems and the checksums to fill in.
 *
 * @example
 * const report = getStatus(set, history);
 * report.counts.pending // 2
 * report.migrations.map((m) => `${m.versionText} ${m.state}`) // ['001 applied', '002 pending', ...]
 */
export function getStatus(set: MigrationSet, history: History): StatusReport {
  const rows = matchHistory(set, history);
  const currentVersion = highestApplied(history);
  const counts = Object.fromEntries(MIGRATION_STATES.map((state) => [state, 0])) as Record<
    MigrationState,
    number
  >;
  const migrations = rows.map((row): MigrationStatus => {
    const state = stateOf(row, currentVersion);
    counts[state] += 1;
    return { version: row.version, ...namingOf(row), state, migration: row.migration, record: row.record };
  });
  return {
    migrations,
    ignored: set.ignored,
    currentVersion,
    counts,
    problems: pendingStatementProblems(rows, problemsOf(rows, currentVersion)),
    checksumFills: checksumFillsOf(rows),
  };
}
