/**
 * What the plain and the terminal `status` share about a schema changed by hand: how many objects
 * they name, what to do, and the event it is measured from.
 */

/** How many objects changed by hand `status` names before it counts the rest (`--json` has them all). */
export const LISTED_CHANGES = 10;

/** What to do about a schema changed by hand. */
export const DRIFT_HINT =
  "put the change in a migration (CREATE ... IF NOT EXISTS keeps it safe to run) and run 'gao-db migrate'; or restore a backup ('gao-db backup list').";

/**
 * The event the schema was recorded with, in words: `applied 004_backfill at 2026-11-24 17:30`.
 *
 * @example
 * driftSince({ kind: 'rolled_back', migrationName: '003_tags', at: '...' }, formatTimestamp);
 */
export function driftSince(
  since: { readonly kind: string; readonly migrationName: string; readonly at: string },
  formatTime: (at: string) => string,
): string {
  return `${since.kind.replace('_', ' ')} ${since.migrationName} at ${formatTime(since.at)}`;
}

/** The line that counts the objects past {@link LISTED_CHANGES}, or `null` when all are named. */
export function unlistedLine(count: number): string | null {
  const unlisted = count - LISTED_CHANGES;
  return unlisted > 0 ? `  ... and ${unlisted} more ('gao-db status --json' lists them all)` : null;
}
