import type { History, HistoryRecord } from './history.ts';
import type { Migration, MigrationSet } from './migration.ts';

/** One version seen from both sides: its migration file, its record, or both. */
export type MatchedVersion =
  | { readonly version: number; readonly migration: Migration; readonly record: HistoryRecord | null }
  | { readonly version: number; readonly migration: null; readonly record: HistoryRecord };

/**
 * Pairs every migration with the record of the same version (identity is the version, compared as a
 * number, never the file name or a timestamp), sorted by version. A version present on only one side
 * keeps `null` on the other.
 *
 * Throws when the set or the history holds a version twice: the parser reports duplicate files and
 * the adapter keeps one record per version, so a duplicate here is a bug, not user data.
 *
 * @example
 * matchHistory(set, history).map((row) => row.version) // [1, 2, 10, 1000]
 */
export function matchHistory(set: MigrationSet, history: History): MatchedVersion[] {
  // One row object per version and no sort in the usual case (this runs on every startup): records
  // by version first, then the migrations in their (sorted) order, then any record without a file.
  const records = new Map<number, HistoryRecord>();
  for (const record of history.records) {
    if (records.has(record.version)) {
      throw new Error(`The history holds two records for version ${record.version}.`);
    }
    records.set(record.version, record);
  }
  const rows: MatchedVersion[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (const migration of set.migrations) {
    const { version } = migration;
    if (version === previous) throw new Error(`The migration set holds version ${version} twice.`);
    if (version < previous) sorted = false;
    previous = version;
    const record = records.get(version);
    if (record === undefined) rows.push({ version, migration, record: null });
    else {
      records.delete(version);
      rows.push({ version, migration, record });
    }
  }
  if (!sorted) {
    const seen = new Set<number>();
    for (const { version } of rows) {
      if (seen.has(version)) throw new Error(`The migration set holds version ${version} twice.`);
      seen.add(version);
    }
  }
  if (records.size === 0 && sorted) return rows;
  for (const record of records.values()) rows.push({ version: record.version, migration: null, record });
  return rows.sort((a, b) => a.version - b.version);
}

/**
 * The highest version with a `success` record (`null`: nothing applied). Failed rows do not count.
 *
 * @example
 * highestApplied(historyOf(record(sqlMigration(3, 'a')))) // 3
 */
export function highestApplied(history: History): number | null {
  let highest: number | null = null;
  for (const record of history.records) {
    if (record.status === 'success' && (highest === null || record.version > highest))
      highest = record.version;
  }
  return highest;
}

/**
 * Whether `migrate` would run this version: it has a file and either no record or a failed record
 * of a transactional attempt (which left nothing behind, so a retry is safe).
 *
 * @example
 * matchHistory(set, history).filter(isPendingWork).map((row) => row.migration.file) // ['002_b.sql']
 */
export function isPendingWork(
  row: MatchedVersion,
): row is MatchedVersion & { readonly migration: Migration } {
  if (row.migration === null) return false;
  return row.record === null || (row.record.status === 'failed' && row.record.transactional);
}
