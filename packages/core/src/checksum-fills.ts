import type { History } from './history.ts';
import { type MatchedVersion, matchHistory } from './match-history.ts';
import type { Migration, MigrationSet } from './migration.ts';
import type { ChecksumFill } from './plan.ts';

/**
 * The checksum recorded for a migration's down part: a SQL migration's down section or file; code
 * migrations have none of their own (their checksum covers the whole module).
 *
 * @example
 * downChecksumOf(sqlMigration(1, 'a', { down: true })) // the down part's checksum
 */
export function downChecksumOf(migration: Migration): string | null {
  return migration.kind === 'sql' ? (migration.down?.checksum ?? null) : null;
}

/**
 * The records written without a checksum (the story's Python runner) that are accepted as applied and
 * get the file's checksum recorded the first time they are validated.
 *
 * @example
 * checksumFillsOf(matchHistory(set, history)) // [{ version: 1, versionText: '001', checksum: '…', downChecksum: null }]
 */
export function checksumFillsOf(rows: readonly MatchedVersion[]): ChecksumFill[] {
  const fills: ChecksumFill[] = [];
  for (const { migration, record } of rows) {
    if (migration === null || record === null || record.status !== 'success' || record.checksum !== null)
      continue;
    fills.push({
      version: record.version,
      versionText: record.versionText,
      checksum: migration.checksum,
      downChecksum: downChecksumOf(migration),
      fileChecksum: migration.fileChecksum,
    });
  }
  return fills;
}

/** A `success` row written before gao-db recorded file checksums, whose file is known to match it. */
export interface FileChecksumFill {
  readonly version: number;
  readonly versionText: string;
  /** The migration's {@link Migration.fileChecksum} now. */
  readonly fileChecksum: string;
}

/**
 * The `success` rows that have a checksum but no file checksum (written by a gao-db that did not
 * record it yet) and whose file still has that checksum: recording the file's checksum lets the next
 * startups prove the database up to date without parsing. A row whose file changed, or that is still
 * unchecked (see {@link checksumFillsOf}), is left alone.
 *
 * @example
 * fileChecksumFillsOf(set, history) // [{ version: 1, versionText: '001', fileChecksum: '…' }]
 */
export function fileChecksumFillsOf(set: MigrationSet, history: History): FileChecksumFill[] {
  // The usual case (every row has one) costs a scan of the records, not a match of the set.
  if (!history.records.some((record) => record.status === 'success' && record.fileChecksum === null))
    return [];
  const fills: FileChecksumFill[] = [];
  for (const { migration, record } of matchHistory(set, history)) {
    if (migration === null || record === null || record.status !== 'success') continue;
    if (record.fileChecksum !== null || record.checksum !== migration.checksum) continue;
    fills.push({
      version: record.version,
      versionText: record.versionText,
      fileChecksum: migration.fileChecksum,
    });
  }
  return fills;
}
