import type { MatchedVersion } from './match-history.ts';
import type { Migration } from './migration.ts';
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
    });
  }
  return fills;
}
