import type { MatchedVersion } from './match-history.ts';

/** Where one version stands, as `gao-db status` shows it. */
export type MigrationState =
  | 'applied'
  | 'pending'
  | 'pending_out_of_order'
  | 'failed'
  | 'changed'
  | 'missing';

/** Every state, in the order `status` counts them. */
export const MIGRATION_STATES: readonly MigrationState[] = Object.freeze([
  'applied',
  'pending',
  'pending_out_of_order',
  'failed',
  'changed',
  'missing',
]);

/**
 * The state of one matched version, given the highest applied version.
 *
 * - `applied`: a success record whose checksum matches the file (or was never recorded);
 * - `changed`: a success record whose checksum differs from the file's;
 * - `failed`: the last attempt failed (a failed transactional record stays `failed` even without its file);
 * - `missing`: a success record, or a failed non-transactional one, whose file is gone;
 * - `pending_out_of_order`: no record and a version below the highest applied one;
 * - `pending`: no record otherwise.
 *
 * @example
 * stateOf({ version: 2, migration, record: null }, 5) // 'pending_out_of_order'
 */
export function stateOf(row: MatchedVersion, highest: number | null): MigrationState {
  const { migration, record } = row;
  if (record === null) return highest !== null && row.version < highest ? 'pending_out_of_order' : 'pending';
  if (record.status === 'failed') return migration === null && !record.transactional ? 'missing' : 'failed';
  if (migration === null) return 'missing';
  return record.checksum === null || record.checksum === migration.checksum ? 'applied' : 'changed';
}
